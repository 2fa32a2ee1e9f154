import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../lib/clock';
import { BASE_POLICY, createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';

let t: TestApp;
let admin: Browser;
beforeAll(async () => ({ t, admin } = await createTestAppWithAdmin({ email: 'recovery-admin@example.com' })));
afterAll(() => t.close());

const NEW_PASSWORD = 'a brand new long passphrase';
const messagesTo = async (to: string) => (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}`)).json()).messages as { kind: string; subject: string | null; body: string }[];
const resetToken = async (email: string) => {
  const mail = (await messagesTo(email)).find((m) => m.subject?.startsWith('Reset your'))!;
  return decodeURIComponent(/#sk-reset-password=([^\s]+)/.exec(mail.body)![1]!);
};
const setPolicy = (over: Record<string, unknown>) => admin.put('/admin/account-policy', { ...BASE_POLICY, ...over });
const rows = async (q: string) => {
  const r = await t.db.execute(q as never);
  return ((r as any).rows ?? r) as any[];
};

describe('password recovery by email', () => {
  it('resets with the link once, ends every session and trusted device, and mails a notice', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const other = t.browser();
    await other.post('/auth/sign-in', { email: account.email, password: account.password });
    const now = t.clock.now().toISOString();
    await t.db.execute(`insert into trusted_devices (id, token_hash, user_id, created_at, last_used_at, expires_at) values ('td-${account.id}', 'h-${account.id}', '${account.id}', '${now}', '${now}', '${now}'::timestamptz + interval '30 days')` as never);

    const res = await t.browser().post('/auth/password-recovery', { email: account.email });
    expect(res.status).toBe(202);
    const token = await resetToken(account.email);
    expect((await t.browser().post('/auth/password-recovery/reset', { token, newPassword: NEW_PASSWORD })).status).toBe(204);

    expect((await b.get('/me')).status).toBe(401);
    expect((await other.get('/me')).status).toBe(401);
    expect(await rows(`select id from trusted_devices where user_id = '${account.id}'`)).toHaveLength(0);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(401);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await messagesTo(account.email)).map((m) => m.subject)).toContain('Your Settings Kit password was reset');

    const reuse = await t.browser().post('/auth/password-recovery/reset', { token, newPassword: 'yet another long passphrase' });
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error.code).toBe('invalid_token');
  });

  it('expires after an hour; a refused new password keeps the link usable', async () => {
    const account = await t.browser().signUp();
    await t.browser().post('/auth/password-recovery', { email: account.email });
    const token = await resetToken(account.email);
    const weak = await t.browser().post('/auth/password-recovery/reset', { token, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fields.newPassword).toMatch(/at least 8/);
    t.clock.advance(HOUR + MINUTE);
    expect((await t.browser().post('/auth/password-recovery/reset', { token, newPassword: NEW_PASSWORD })).status).toBe(400);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const account = await t.browser().signUp();
    t.clock.advance(2 * MINUTE);
    const known = await t.browser().post('/auth/password-recovery', { email: account.email });
    const unknown = await t.browser().post('/auth/password-recovery', { email: 'nobody-at-all@example.com' });
    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.json());
    expect(await messagesTo('nobody-at-all@example.com')).toHaveLength(0);
    // a second request a moment later answers the same and sends nothing more
    const again = await t.browser().post('/auth/password-recovery', { email: account.email });
    expect(again.status).toBe(202);
    expect((await messagesTo(account.email)).filter((m) => m.subject?.startsWith('Reset your'))).toHaveLength(1);
  });

  it('keeps 2FA required after a reset', async () => {
    const account = await t.browser().signUp();
    // Through the database: this admin has no 2FA, so the policy route would refuse it (409 two_factor_setup_first).
    await t.db.execute(`insert into account_policy (id, require_two_factor) values (1, true) on conflict (id) do update set require_two_factor = true` as never);
    await t.browser().post('/auth/password-recovery', { email: account.email });
    const token = await resetToken(account.email);
    expect((await t.browser().post('/auth/password-recovery/reset', { token, newPassword: NEW_PASSWORD })).status).toBe(204);
    const b = t.browser();
    const signIn = await b.post('/auth/sign-in', { email: account.email, password: NEW_PASSWORD });
    expect((await signIn.json()).user.twoFactorSetupRequired).toBe(true);
    expect((await b.get('/security/sessions')).status).toBe(403);
    await t.db.execute('update account_policy set require_two_factor = false' as never);
  });
});

describe('password recovery by SMS (phone confirmation on)', () => {
  it('offers SMS only when phone confirmation is on, and resets with the code once', async () => {
    expect(await (await t.browser().get('/auth/password-recovery')).json()).toEqual({ methods: ['email'] });
    expect((await setPolicy({ confirmation: 'phone' })).status).toBe(200);
    expect(await (await t.browser().get('/auth/password-recovery')).json()).toEqual({ methods: ['email', 'sms'] });

    const b = t.browser();
    const account = await b.signUp();
    const phone = '+14155550177';
    await b.post('/confirmation/phone/send', { phone });
    const confirmCode = /(\d{6})/.exec((await messagesTo(phone))[0]!.body)![1]!;
    expect((await b.post('/confirmation/phone/confirm', { code: confirmCode })).status).toBe(200);

    t.clock.advance(2 * MINUTE);
    expect((await t.browser().post('/auth/password-recovery', { email: account.email, method: 'sms' })).status).toBe(202);
    const sms = (await messagesTo(phone))[0]!;
    expect(sms.body).toMatch(/password reset code/);
    const code = /(\d{6})/.exec(sms.body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await t.browser().post('/auth/password-recovery/reset', { email: account.email, code: wrong, newPassword: NEW_PASSWORD })).status).toBe(400);
    expect((await t.browser().post('/auth/password-recovery/reset', { email: account.email, code, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await b.get('/me')).status).toBe(401);
    expect((await t.browser().post('/auth/password-recovery/reset', { email: account.email, code, newPassword: 'another long passphrase' })).status).toBe(400);
  });

  it('expires the code after 10 minutes, and never texts an account without a confirmed phone', async () => {
    const b = t.browser();
    const account = await b.signUp();
    await t.browser().post('/auth/password-recovery', { email: account.email, method: 'sms' });
    expect(await rows(`select id from password_resets where user_id = '${account.id}'`)).toHaveLength(0);

    const phone = '+14155550178';
    await b.post('/confirmation/phone/send', { phone });
    await b.post('/confirmation/phone/confirm', { code: /(\d{6})/.exec((await messagesTo(phone))[0]!.body)![1]! });
    t.clock.advance(2 * MINUTE);
    await t.browser().post('/auth/password-recovery', { email: account.email, method: 'sms' });
    const code = /(\d{6})/.exec((await messagesTo(phone))[0]!.body)![1]!;
    t.clock.advance(10 * MINUTE + 1000);
    expect((await t.browser().post('/auth/password-recovery/reset', { email: account.email, code, newPassword: NEW_PASSWORD })).status).toBe(400);
  });

  it('answers an unknown email like a known one at the code step', async () => {
    const a = await t.browser().post('/auth/password-recovery/reset', { email: 'ghost-user@example.com', code: '123456', newPassword: NEW_PASSWORD });
    const account = await t.browser().signUp();
    const b = await t.browser().post('/auth/password-recovery/reset', { email: account.email, code: '123456', newPassword: NEW_PASSWORD });
    expect(a.status).toBe(400);
    expect(await a.json()).toEqual(await b.json());
  });
});
