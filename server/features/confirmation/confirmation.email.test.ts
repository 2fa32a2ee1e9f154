import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../lib/clock';
import { createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => ({ t } = await createTestAppWithAdmin({ email: 'confirm-admin@example.com', policy: { confirmation: 'email' } })));
afterAll(() => t.close());

const lastMail = async (to: string) => (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}&kind=email`)).json()).messages[0];
const tokenOf = (text: string) => decodeURIComponent(/#sk-confirm-email=([^\s]+)/.exec(text)![1]!);
const pending = async (b: Browser) => (await (await b.get('/me')).json()).user.pendingConfirmations;

describe('email confirmation', () => {
  it('mails a link at sign-up; the link confirms once, in any browser', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    expect(await pending(b)).toEqual(['email']);
    const mail = await lastMail(email);
    expect(mail.subject).toMatch(/Confirm your email/);
    expect(mail.body).toContain('http://localhost/#sk-confirm-email=');
    const token = tokenOf(mail.body);
    const res = await t.browser().post('/confirmation/email/confirm', { token });
    expect(res.status).toBe(200);
    expect(await pending(b)).toEqual([]);
    const again = await t.browser().post('/confirmation/email/confirm', { token });
    expect(again.status).toBe(400);
    expect((await again.json()).error.code).toBe('invalid_token');
  });

  it('builds the link on the pageUrl option or the page that asked', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    t.clock.advance(2 * MINUTE);
    await b.post('/confirmation/email/send', undefined, { headers: { origin: 'http://localhost' } });
    expect((await lastMail(email)).body).toContain('http://localhost/#sk-confirm-email=');
  });

  it('expires after 24 hours, and only the newest link works', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    const first = tokenOf((await lastMail(email)).body);
    const early = await b.post('/confirmation/email/send');
    expect(early.status).toBe(429); // resend throttled
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(MINUTE + 1000);
    expect((await b.post('/confirmation/email/send')).status).toBe(202);
    const second = tokenOf((await lastMail(email)).body);
    expect(second).not.toBe(first);
    expect((await t.browser().post('/confirmation/email/confirm', { token: first })).status).toBe(400);
    t.clock.advance(24 * HOUR + MINUTE);
    expect((await t.browser().post('/confirmation/email/confirm', { token: second })).status).toBe(400);
    expect(await pending(b)).toEqual(['email']);
  });

  it('confirms nothing once the email has changed', async () => {
    const b = t.browser();
    const { id, email } = await b.signUp();
    const token = tokenOf((await lastMail(email)).body);
    await t.db.execute(`update users set email = 'changed-${id}@example.com' where id = '${id}'` as never);
    expect((await t.browser().post('/confirmation/email/confirm', { token })).status).toBe(400);
  });

  it('lets a pending account confirm, and refuses a malformed token with a field error', async () => {
    const bad = await t.browser().post('/confirmation/email/confirm', { token: 'short' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.token).toBeTruthy();
    expect((await t.browser().post('/confirmation/email/send')).status).toBe(401);
  });

  it('stores only a hash of the token', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    const token = tokenOf((await lastMail(email)).body);
    const rows = await t.db.execute('select secret_hash from confirmation_codes' as never);
    expect(JSON.stringify((rows as any).rows ?? rows)).not.toContain(token);
  });
});
