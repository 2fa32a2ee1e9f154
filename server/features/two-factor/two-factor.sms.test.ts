import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../lib/clock';
import { TwilioProvider } from '../../providers/twilio';
import { startFakeTwilio, type FakeTwilio } from '../../testing/fake-twilio';
import { closeInOrder, createTestAppBeside, type Browser, type TestApp } from '../../testing/test-app';
import { passwordStep, withTotp } from './two-factor.test-helpers';

let t: TestApp;
let fake: FakeTwilio;
const FROM = '+15005550006';
let phoneCounter = 100;
const newPhone = () => `+1415555${String(++phoneCounter).padStart(4, '0')}`;

beforeAll(async () => ({ t, server: fake } = await createTestAppBeside(startFakeTwilio, (fake) => ({ sms: new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: FROM, baseUrl: fake.url }) }))));
afterAll(() => closeInOrder(t, fake));

/** The code of the last SMS Twilio accepted for `to`. */
function lastCodeTo(to: string): string {
  const message = fake.messages().filter((m) => m.form.To === to).at(-1);
  if (!message) throw new Error(`no SMS to ${to}`);
  return /(\d{6})/.exec(message.form.Body!)![1]!;
}

/** A new user who asked for SMS setup of a new number, and the code Twilio sent it. */
async function smsSetupStarted() {
  const b = t.browser();
  const account = await b.signUp();
  const phone = newPhone();
  await b.post('/security/two-factor/sms/setup', { password: account.password, phone });
  return { b, account, phone, code: lastCodeTo(phone) };
}

async function withSms(b: Browser = t.browser()) {
  const account = await b.signUp();
  const phone = newPhone();
  expect((await b.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
  const res = await b.post('/security/two-factor/sms/enable', { code: lastCodeTo(phone) });
  expect(res.status).toBe(200);
  return { ...account, phone, browser: b, recoveryCodes: ((await res.json()) as { recoveryCodes?: string[] }).recoveryCodes };
}

describe('SMS two-factor through the twilio SDK', () => {
  it('setup texts a 6-digit code through Twilio (Basic auth, form body); enabling returns recovery codes', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const phone = newPhone();
    const res = await b.post('/security/two-factor/sms/setup', { password: account.password, phone: phone.replace('+1', '+1 ') });
    expect(res.status).toBe(204);
    const request = fake.messages().at(-1)!;
    expect(request.basicAuth).toEqual({ user: fake.accountSid, password: fake.authToken });
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request.form.To).toBe(phone);
    expect(request.form.From).toBe(FROM);
    expect(request.form.Body).toMatch(/^\d{6} is your Settings Kit verification code/);
    const enable = await b.post('/security/two-factor/sms/enable', { code: lastCodeTo(phone) });
    expect(enable.status).toBe(200);
    expect(((await enable.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    const security = (await (await b.get('/security')).json()) as any;
    expect(security.twoFactor).toMatchObject({ enabled: true, sms: true, totp: false, recoveryCodesRemaining: 10 });
    expect(security.twoFactor.phone).not.toContain(phone.slice(3, 9));
    expect(security.twoFactor.phone.endsWith(phone.slice(-2))).toBe(true);
  });

  it('setup needs the password and a valid phone, each named as a field', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const badPhone = await b.post('/security/two-factor/sms/setup', { password: account.password, phone: '12' });
    expect(badPhone.status).toBe(400);
    expect(await badPhone.json()).toMatchObject({ error: { fields: { phone: expect.any(String) } } });
    const badPassword = await b.post('/security/two-factor/sms/setup', { password: 'wrong wrong', phone: newPhone() });
    expect(badPassword.status).toBe(400);
    expect(await badPassword.json()).toMatchObject({ error: { fields: { password: expect.any(String) } } });
  });

  it('throttles resends with 429 and Retry-After, and the newest code replaces the old one', async () => {
    const { b, account, phone, code: first } = await smsSetupStarted();
    const again = await b.post('/security/two-factor/sms/setup', { password: account.password, phone });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBe(30);
    t.clock.advance(30 * SECOND);
    expect((await b.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
    const second = lastCodeTo(phone);
    if (first !== second) expect((await b.post('/security/two-factor/sms/enable', { code: first })).status).toBe(400);
    expect((await b.post('/security/two-factor/sms/enable', { code: second })).status).toBe(200);
  });

  it('a code allows at most 5 tries and expires after 10 minutes', async () => {
    const { b, account, phone, code } = await smsSetupStarted();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await b.post('/security/two-factor/sms/enable', { code: wrong })).status).toBe(400);
    expect((await b.post('/security/two-factor/sms/enable', { code })).status).toBe(400); // burnt

    t.clock.advance(SECOND * 31);
    await b.post('/security/two-factor/sms/setup', { password: account.password, phone });
    const fresh = lastCodeTo(phone);
    t.clock.advance(10 * MINUTE + SECOND);
    expect((await b.post('/security/two-factor/sms/enable', { code: fresh })).status).toBe(400);
  });

  it('signs in with a code texted for the challenge; the code is bound to that challenge', async () => {
    const account = await withSms();
    const one = await passwordStep(t, account);
    expect(one.body).toEqual({ status: 'two_factor_required', methods: ['sms', 'recovery_code'] });
    expect((await one.browser.post('/auth/sign-in/two-factor/sms')).status).toBe(204);
    const codeOfOne = lastCodeTo(account.phone);
    // A second challenge (another browser) cannot use the first one's code.
    const two = await passwordStep(t, account);
    expect((await two.browser.post('/auth/sign-in/two-factor', { method: 'sms', code: codeOfOne })).status).toBe(401);
    // Resend is throttled per challenge.
    const resend = await one.browser.post('/auth/sign-in/two-factor/sms');
    expect(resend.status).toBe(429);
    expect(resend.headers.get('retry-after')).toBeTruthy();
    const res = await one.browser.post('/auth/sign-in/two-factor', { method: 'sms', code: codeOfOne, trustDevice: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'signed_in' });
    expect(one.browser.cookies.has('sk_trusted')).toBe(false);
  });

  it('texting needs a live challenge, and SMS on the account', async () => {
    expect((await t.browser().post('/auth/sign-in/two-factor/sms')).status).toBe(401);
    const totpOnly = await withTotp(t);
    const step = await passwordStep(t, totpOnly);
    const res = await step.browser.post('/auth/sign-in/two-factor/sms');
    expect(res.status).toBe(409);
  });

  it('a Twilio refusal does not reach the request (it only queues); the code can be sent again after the resend wait', async () => {
    const b = t.browser();
    const account = await b.signUp();
    fake.failNext({ status: 400, code: 21608, message: 'The number is unverified.' });
    const first = newPhone();
    const res = await b.post('/security/two-factor/sms/setup', { password: account.password, phone: first });
    expect(res.status).toBe(204);
    expect(fake.messages().filter((m) => m.form.To === first)).toHaveLength(0);
    t.clock.advance(30 * SECOND);
    const second = newPhone();
    expect((await b.post('/security/two-factor/sms/setup', { password: account.password, phone: second })).status).toBe(204);
    expect((await b.post('/security/two-factor/sms/enable', { code: lastCodeTo(second) })).status).toBe(200);
  });

  it('TOTP and SMS together: turning one off keeps 2FA on; enabling SMS second keeps the recovery codes', async () => {
    const account = await withTotp(t);
    const phone = newPhone();
    await account.browser.post('/security/two-factor/sms/setup', { password: account.password, phone });
    const enable = await account.browser.post('/security/two-factor/sms/enable', { code: lastCodeTo(phone) });
    expect(await enable.json()).toEqual({});
    expect((await passwordStep(t, account)).body.methods).toEqual(['totp', 'sms', 'recovery_code']);
    expect((await account.browser.post('/security/two-factor/disable', { password: account.password, method: 'totp' })).status).toBe(204);
    expect(await (await account.browser.get('/security')).json()).toMatchObject({ twoFactor: { enabled: true, totp: false, sms: true, recoveryCodesRemaining: 10 } });
    expect(await (await account.browser.get('/me')).json()).toMatchObject({ user: { twoFactorEnabled: true } });
    expect((await passwordStep(t, account)).body.methods).toEqual(['sms', 'recovery_code']);
  });
});
