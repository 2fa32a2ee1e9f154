import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { totpAt } from './totp';
import { nextCode, passwordStep, rowsOf, withTotp } from './two-factor.test-helpers';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const wrongCodeFor = async (secret: string) => {
  const right = await totpAt(secret, t.clock.now());
  return right === '000000' ? '111111' : '000000';
};

describe('the code step of sign-in', () => {
  it('starts no session after the password, sets a challenge cookie, and signs in after the code', async () => {
    const account = await withTotp(t);
    const { browser, body } = await passwordStep(t, account);
    expect(body).toEqual({ status: 'two_factor_required', methods: ['totp', 'recovery_code'] });
    expect(browser.cookies.has('sk_session')).toBe(false);
    expect(browser.cookies.get('sk_2fa')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.get('/me')).status).toBe(401);

    const res = await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'signed_in', user: { email: account.email, twoFactorEnabled: true } });
    expect(browser.cookies.has('sk_2fa')).toBe(false);
    expect((await browser.get('/me')).status).toBe(200);
    // The challenge is spent.
    browser.cookies.set('sk_2fa', 'x');
    expect((await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: '123456' })).status).toBe(401);
  });

  it('refuses the code step without a challenge, after it expires, and validates the body', async () => {
    expect(await (await t.browser().post('/auth/sign-in/two-factor', { method: 'totp', code: '123456' })).json()).toMatchObject({ error: { code: 'challenge_expired' } });
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    const bad = await browser.post('/auth/sign-in/two-factor', { method: 'carrier-pigeon', code: '1' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', fields: { method: expect.any(String) } } });
    t.clock.advance(11 * MINUTE);
    const late = await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await totpAt(account.secret, t.clock.now()) });
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: { code: 'challenge_expired' } });
  });

  it('counts wrong codes toward the same lockout, and a known password does not reset that count', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    for (let i = 0; i < 3; i++) {
      expect((await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await wrongCodeFor(account.secret) })).status).toBe(401);
    }
    // Entering the right password again must not give the attacker a fresh set of guesses.
    const again = await passwordStep(t, account);
    expect((await again.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await wrongCodeFor(account.secret) })).status).toBe(401);
    expect((await again.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await wrongCodeFor(account.secret) })).status).toBe(401);
    const lockedCode = await again.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret) });
    expect(lockedCode.status).toBe(423);
    expect(Number(lockedCode.headers.get('retry-after'))).toBeGreaterThan(0);
    const lockedPassword = await t.browser().post('/auth/sign-in', { email: account.email, password: account.password });
    expect(lockedPassword.status).toBe(423);
    const log = await rowsOf<{ reason: string }>(t, `select reason from login_activity where user_id = '${account.id}' and not success`);
    expect(log.filter((r) => r.reason === 'wrong_code')).toHaveLength(5);

    t.clock.advance(5 * MINUTE + 1000);
    const after = await passwordStep(t, account);
    expect((await after.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret) })).status).toBe(200);
  });

  it('a recovery code signs in once, in any case and without the dash', async () => {
    const account = await withTotp(t);
    const [first, second] = account.recoveryCodes;
    const a = await passwordStep(t, account);
    expect((await a.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: first!.toUpperCase().replace('-', '') })).status).toBe(200);
    const b = await passwordStep(t, account);
    expect((await b.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: first! })).status).toBe(401);
    expect((await b.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: ` ${second!.toUpperCase()} ` })).status).toBe(200);
    expect(await (await b.browser.get('/security')).json()).toMatchObject({ twoFactor: { recoveryCodesRemaining: 8 } });
  });
});

describe('trusted devices', () => {
  it('trustDevice skips the code step for 30 days on that browser only', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    const res = await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sk_trusted='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=2592000/);
    const token = browser.cookies.get('sk_trusted')!;
    const stored = await rowsOf<{ token_hash: string }>(t, 'select token_hash from trusted_devices');
    expect(stored.some((r) => r.token_hash.includes(token))).toBe(false);

    await browser.post('/auth/sign-out');
    const skipped = await browser.post('/auth/sign-in', { email: account.email, password: account.password });
    expect(await skipped.json()).toMatchObject({ status: 'signed_in' });

    t.clock.advance(31 * DAY);
    await browser.post('/auth/sign-out');
    const expired = await browser.post('/auth/sign-in', { email: account.email, password: account.password });
    expect(await expired.json()).toMatchObject({ status: 'two_factor_required' });
  });

  it('a trusted-device sign-in resets the failure count like any completed sign-in', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    await browser.post('/auth/sign-out');
    for (let i = 0; i < 4; i++) expect((await t.browser().post('/auth/sign-in', { email: account.email, password: 'wrong password ' + i })).status).toBe(401);
    expect(await (await browser.post('/auth/sign-in', { email: account.email, password: account.password })).json()).toMatchObject({ status: 'signed_in' });
    // Had the count been kept, the next failure would be the fifth and lock the account.
    for (let i = 0; i < 4; i++) expect((await t.browser().post('/auth/sign-in', { email: account.email, password: 'wrong again ' + i })).status).toBe(401);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });

  it("user A's trusted-device cookie presented for user B still asks for B's code", async () => {
    const a = await withTotp(t);
    const b = await withTotp(t);
    const stepA = await passwordStep(t, a);
    await stepA.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, a.secret), trustDevice: true });
    const tokenOfA = stepA.browser.cookies.get('sk_trusted')!;
    expect(tokenOfA).toBeTruthy();
    const attacker = t.browser();
    attacker.cookies.set('sk_trusted', tokenOfA);
    const res = await attacker.post('/auth/sign-in', { email: b.email, password: b.password });
    expect(await res.json()).toMatchObject({ status: 'two_factor_required' });
    expect(attacker.cookies.has('sk_session')).toBe(false);
  });

  it('are listed and revocable one by one or all at once; another user cannot revoke them', async () => {
    const account = await withTotp(t);
    for (let i = 0; i < 2; i++) {
      const step = await passwordStep(t, account);
      step.browser.userAgent = i ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' : step.browser.userAgent;
      await step.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    }
    const list = (await (await account.browser.get('/security/trusted-devices')).json()) as { devices: { id: string; device: string; expiresAt: string; lastUsedAt: string; ip: string | null }[] };
    expect(list.devices).toHaveLength(2);
    expect(list.devices[0]).toMatchObject({ id: expect.any(String), device: expect.any(String), expiresAt: expect.any(String), lastUsedAt: expect.any(String) });

    const stranger = t.browser();
    await stranger.signUp();
    expect((await stranger.delete(`/security/trusted-devices/${list.devices[0]!.id}`)).status).toBe(404);
    expect((await account.browser.delete(`/security/trusted-devices/${list.devices[0]!.id}`)).status).toBe(204);
    expect(((await (await account.browser.get('/security/trusted-devices')).json()) as { devices: unknown[] }).devices).toHaveLength(1);
    expect((await account.browser.delete('/security/trusted-devices')).status).toBe(204);
    expect(((await (await account.browser.get('/security/trusted-devices')).json()) as { devices: unknown[] }).devices).toHaveLength(0);
  });

  it('are forgotten when 2FA is turned off', async () => {
    const account = await withTotp(t);
    const step = await passwordStep(t, account);
    await step.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    expect((await account.browser.post('/security/two-factor/disable', { password: account.password })).status).toBe(204);
    const rows = await rowsOf(t, `select id from trusted_devices where user_id = '${account.id}'`);
    expect(rows).toHaveLength(0);
  });

  it('are forgotten when the password changes', async () => {
    const account = await withTotp(t);
    const step = await passwordStep(t, account);
    await step.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    expect(await rowsOf(t, `select id from trusted_devices where user_id = '${account.id}'`)).toHaveLength(1);
    const newPassword = 'a brand new passphrase 42';
    const changed = await account.browser.post('/security/password', { currentPassword: account.password, newPassword });
    expect(changed.status).toBe(204);
    expect(await rowsOf(t, `select id from trusted_devices where user_id = '${account.id}'`)).toHaveLength(0);
    await step.browser.post('/auth/sign-out');
    const again = await step.browser.post('/auth/sign-in', { email: account.email, password: newPassword });
    expect(await again.json()).toMatchObject({ status: 'two_factor_required' });
  });
});
