import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { totpAt } from './totp';
import { nextCode, passwordStep, withTotp } from './two-factor.test-helpers';

// The account policy `twoFactorMethod: "sms"` (seed 002 "Enable 2FA"): a texted code at every
// sign-in, no trusted-device skip, the authenticator app not accepted as the second factor.
let t: TestApp;
let admin: Browser;
let adminAccount: { email: string; password: string };
let phoneCounter = 300;
const newPhone = () => `+1415555${String(++phoneCounter).padStart(4, '0')}`;

const lastCodeTo = async (to: string) => {
  const { messages } = (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}`)).json()) as { messages: { body: string }[] };
  const last = messages[0]; // newest first
  if (!last) throw new Error(`no SMS to ${to}`);
  return /(\d{6})/.exec(last.body)![1]!;
};

async function addSms(b: Browser, password: string) {
  const phone = newPhone();
  expect((await b.post('/security/two-factor/sms/setup', { password, phone })).status).toBe(204);
  expect((await b.post('/security/two-factor/sms/enable', { code: await lastCodeTo(phone) })).status).toBe(200);
  return phone;
}

const policy = (over: Record<string, unknown> = {}) => ({
  onlineTimeframeMinutes: 10080,
  autoActivate: true,
  activationEmail: true,
  confirmation: 'none',
  requireTwoFactor: true,
  twoFactorMethod: 'sms',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const first = await withTotp(t); // first account: the admin, with an authenticator app only
  admin = first.browser;
  adminAccount = first;
});
afterAll(() => t.close());

describe('policy twoFactorMethod "sms"', () => {
  it('is refused for an admin without SMS codes, who keeps the policy page; saved once they have them', async () => {
    const refused = await admin.put('/admin/account-policy', policy());
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: 'two_factor_setup_first', message: expect.stringMatching(/text-message/) });
    expect((await (await admin.get('/admin/account-policy')).json()).twoFactorMethod).toBe('any');
    const bad = await admin.put('/admin/account-policy', policy({ twoFactorMethod: 'carrier pigeon' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.twoFactorMethod).toBeTruthy();

    await addSms(admin, adminAccount.password);
    const saved = await admin.put('/admin/account-policy', policy());
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ requireTwoFactor: true, twoFactorMethod: 'sms' });
    expect((await (await admin.get('/me')).json()).user).toMatchObject({ twoFactorSetupRequired: false, requiredTwoFactorMethod: 'sms' });
  });

  it('asks an SMS code at every sign-in: no authenticator, no trusted-device skip', async () => {
    await admin.put('/admin/account-policy', policy({ requireTwoFactor: false, twoFactorMethod: 'any' }));
    const account = await withTotp(t);
    const phone = await addSms(account.browser, account.password);

    // Before the policy: this browser is trusted at the code step and then skips it.
    const device = t.browser();
    const first = await passwordStep(t, account, device);
    expect(first.body.methods).toEqual(expect.arrayContaining(['totp', 'sms']));
    const trusted = await device.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    expect(trusted.status).toBe(200);
    expect(device.cookies.has('sk_trusted')).toBe(true);
    await device.post('/auth/sign-out');
    expect((await (await device.post('/auth/sign-in', { email: account.email, password: account.password })).json()).status).toBe('signed_in');
    await device.post('/auth/sign-out');

    expect((await admin.put('/admin/account-policy', policy())).status).toBe(200);
    const asked = await passwordStep(t, account, device); // the trusted cookie is still there, and counts for nothing
    expect(asked.body).toEqual({ status: 'two_factor_required', methods: ['sms', 'recovery_code'] });
    const app = await device.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret) });
    expect(app.status).toBe(400);
    expect((await app.json()).error.code).toBe('method_not_allowed');
    expect((await device.post('/auth/sign-in/two-factor/sms')).status).toBe(204);
    const done = await device.post('/auth/sign-in/two-factor', { method: 'sms', code: await lastCodeTo(phone), trustDevice: true });
    expect(done.status).toBe(200);
    expect((await done.json()).status).toBe('signed_in');
    await device.post('/auth/sign-out');

    // …and again next time, although trustDevice was asked for.
    t.clock.advance(MINUTE);
    expect((await passwordStep(t, account, device)).body.status).toBe('two_factor_required');
  });

  it('sends a user without SMS codes to set them up: the authenticator app alone does not open the gate', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const me = async () => (await (await b.get('/me')).json()).user;
    expect(await me()).toMatchObject({ twoFactorSetupRequired: true, requiredTwoFactorMethod: 'sms' });
    expect((await b.get('/security/sessions')).status).toBe(403);

    const setup = await b.post('/security/two-factor/totp/setup', { password: account.password });
    const { secret } = await setup.json();
    expect((await b.post('/security/two-factor/totp/enable', { code: await totpAt(secret, t.clock.now()) })).status).toBe(200);
    expect(await me()).toMatchObject({ twoFactorEnabled: true, twoFactorSetupRequired: true });
    expect((await b.get('/security/sessions')).status).toBe(403);

    // Signing in again: the app passes the code step (SMS is not theirs yet), and the gate stays shut.
    const again = await passwordStep(t, account);
    expect(again.body.methods).toContain('totp');
    const signedIn = await again.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, secret) });
    expect((await signedIn.json()).user).toMatchObject({ twoFactorSetupRequired: true, requiredTwoFactorMethod: 'sms' });

    await addSms(b, account.password);
    expect(await me()).toMatchObject({ twoFactorSetupRequired: false });
    expect((await b.get('/security/sessions')).status).toBe(200);
    expect((await again.browser.get('/security/sessions')).status).toBe(200);
  });

  it('with "any", the authenticator app and trusted devices work as before', async () => {
    expect((await admin.put('/admin/account-policy', policy({ twoFactorMethod: 'any' }))).status).toBe(200);
    const account = await withTotp(t);
    expect((await (await account.browser.get('/me')).json()).user).toMatchObject({ twoFactorSetupRequired: false, requiredTwoFactorMethod: 'any' });
    const step = await passwordStep(t, account);
    expect(step.body.methods).toContain('totp');
    expect((await step.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret) })).status).toBe(200);
  });
});
