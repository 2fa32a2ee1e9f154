import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../lib/clock';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const mailTo = async (to: string, subject: string) => {
  await t.drain();
  const r = await t.db.execute(`select body from outbox where "to" = '${to}' and subject like '${subject}%' order by created_at desc limit 1` as never);
  return (((r as any).rows ?? r) as { body: string }[])[0]?.body;
};
const tokenIn = (body: string | undefined, fragment: string) => decodeURIComponent(new RegExp(`#${fragment}=([^\\s]+)`).exec(body ?? '')![1]!);
const fresh = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function requestChange(b: Browser, password: string, newEmail: string) {
  const res = await b.post('/profile/email', { newEmail, password });
  return res;
}

describe('changing the sign-in email', () => {
  it('needs the password, mails a link to the new address and an undo notice to the old, and changes nothing yet', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const newEmail = fresh('new');
    const wrong = await requestChange(b, 'not my password', newEmail);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.password).toBeTruthy();
    const res = await requestChange(b, account.password, newEmail);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ pendingEmail: newEmail });
    expect(await mailTo(newEmail, 'Confirm your new email')).toContain('#sk-change-email=');
    expect(await mailTo(account.email, 'Your Settings Kit email is being changed')).toContain('#sk-cancel-email=');
    expect((await (await b.get('/profile')).json())).toMatchObject({ email: account.email, pendingEmail: newEmail });
    // Until the link is used, the old address signs in and the new one does not.
    expect((await t.browser().post('/auth/sign-in', { email: newEmail, password: account.password })).status).toBe(401);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });

  it('switches the sign-in email when the link is used (in any browser), once; the asking session stays, the others end', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const other = t.browser();
    expect((await other.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
    const newEmail = fresh('moved');
    await requestChange(b, account.password, newEmail);
    const token = tokenIn(await mailTo(newEmail, 'Confirm your new email'), 'sk-change-email');
    const confirmed = await t.browser().post('/profile/email/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ email: newEmail });
    expect((await (await b.get('/me')).json()).user.email).toBe(newEmail);
    expect((await other.get('/me')).status).toBe(401);
    expect((await b.post('/profile/email/confirm', { token })).status).toBe(400);
    expect((await t.browser().post('/auth/sign-in', { email: newEmail, password: account.password })).status).toBe(200);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(401);
    expect((await (await b.get('/profile')).json()).pendingEmail).toBeNull();
  });

  it('refuses an address another account has, at the request and at the link', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const taken = await t.browser().signUp();
    const res = await requestChange(b, account.password, taken.email);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('email_taken');
    const race = fresh('race');
    await requestChange(b, account.password, race);
    const token = tokenIn(await mailTo(race, 'Confirm your new email'), 'sk-change-email');
    await t.browser().signUp(race); // someone signs up with it before the link is opened
    const late = await t.browser().post('/profile/email/confirm', { token });
    expect(late.status).toBe(409);
    expect((await (await b.get('/me')).json()).user.email).toBe(account.email);
  });

  it('lets the old address stop the change before, or undo it after, ending every session', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const first = fresh('stopped');
    await requestChange(b, account.password, first);
    const stop = tokenIn(await mailTo(account.email, 'Your Settings Kit email is being changed'), 'sk-cancel-email');
    const link = tokenIn(await mailTo(first, 'Confirm your new email'), 'sk-change-email');
    expect((await t.browser().post('/profile/email/cancel', { token: stop })).status).toBe(200);
    expect((await t.browser().post('/profile/email/confirm', { token: link })).status).toBe(400);

    const second = fresh('undone');
    t.clock.advance(60_000); // the notices of the two requests, in order
    await requestChange(b, account.password, second);
    const undo = tokenIn(await mailTo(account.email, 'Your Settings Kit email is being changed'), 'sk-cancel-email');
    await t.browser().post('/profile/email/confirm', { token: tokenIn(await mailTo(second, 'Confirm your new email'), 'sk-change-email') });
    expect((await (await b.get('/me')).json()).user.email).toBe(second);
    const undone = await t.browser().post('/profile/email/cancel', { token: undo });
    expect(await undone.json()).toEqual({ email: account.email });
    expect((await b.get('/me')).status).toBe(401); // whoever changed it is signed out
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });

  it('expires both links after a day, resends new ones, and cancels from the profile', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const newEmail = fresh('slow');
    await requestChange(b, account.password, newEmail);
    const old = tokenIn(await mailTo(newEmail, 'Confirm your new email'), 'sk-change-email');
    t.clock.advance(2 * HOUR);
    expect((await b.post('/profile/email/resend')).status).toBe(202);
    const renewed = tokenIn(await mailTo(newEmail, 'Confirm your new email'), 'sk-change-email');
    expect(renewed).not.toBe(old);
    expect((await t.browser().post('/profile/email/confirm', { token: old })).status).toBe(400);
    expect((await b.delete('/profile/email')).status).toBe(204);
    expect((await (await b.get('/profile')).json()).pendingEmail).toBeNull();
    expect((await t.browser().post('/profile/email/confirm', { token: renewed })).status).toBe(400);
    t.clock.advance(60_000);
    await requestChange(b, account.password, newEmail);
    const late = tokenIn(await mailTo(newEmail, 'Confirm your new email'), 'sk-change-email');
    t.clock.advance(24 * HOUR + 1000);
    expect((await t.browser().post('/profile/email/confirm', { token: late })).status).toBe(400);
    expect((await (await b.get('/profile')).json()).pendingEmail).toBeNull();
  });

  it('counts the links against the quota of the new address, and queues nothing over it', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const target = fresh('spammed');
    expect((await requestChange(b, account.password, target)).status).toBe(202);
    expect((await b.post('/profile/email/resend')).status).toBe(202);
    expect((await b.post('/profile/email/resend')).status).toBe(202);
    const over = await b.post('/profile/email/resend');
    expect(over.status).toBe(429);
    expect((await over.json()).error.code).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    await t.drain();
    const r = await t.db.execute(`select count(*)::int as n from outbox where "to" = '${target}'` as never);
    expect((((r as any).rows ?? r) as { n: number }[])[0]!.n).toBe(3);
  });

  it('refuses the current address, a malformed one, and control characters, naming the field', async () => {
    const b = t.browser();
    const account = await b.signUp();
    for (const newEmail of [account.email, 'not an email', 'a\u0000b@example.com']) {
      const res = await requestChange(b, account.password, newEmail);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.newEmail).toBeTruthy();
    }
  });
});
