import { stringToBytes } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { checkTotp, totpAt } from './totp';
import { acceptTotp } from './two-factor.service';
import { depsOf, nextCode, passwordStep, rowsOf, withTotp } from './two-factor.test-helpers';

let t: TestApp;
beforeAll(async () => (t = await createTestApp({ appName: 'Acme CRM' })));
afterAll(() => t.close());

const seeds = {
  sha1: stringToBytes('12345678901234567890'),
  sha256: stringToBytes('12345678901234567890123456789012'),
  sha512: stringToBytes('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('RFC vectors through the code path of the server (checkTotp)', () => {
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(table)('RFC 6238 Appendix B at %i s', async (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    const step = Math.floor(seconds / 30);
    expect(await checkTotp({ secret: seeds.sha1, token: sha1, at, digits: 8 })).toBe(step);
    expect(await checkTotp({ secret: seeds.sha256, token: sha256, at, digits: 8, algorithm: 'sha256' })).toBe(step);
    expect(await checkTotp({ secret: seeds.sha512, token: sha512, at, digits: 8, algorithm: 'sha512' })).toBe(step);
    expect(await totpAt(seeds.sha1, at, { digits: 8 })).toBe(sha1);
    // A wrong digit fails.
    const wrong = sha1.slice(0, 7) + String((Number(sha1[7]) + 1) % 10);
    expect(await checkTotp({ secret: seeds.sha1, token: wrong, at, digits: 8 })).toBeNull();
  });

  it('RFC 4226 Appendix D: HOTP counts 0–9 are TOTP steps 0–9 of the same check', async () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    for (const [count, code] of expected.entries()) {
      expect(await checkTotp({ secret: seeds.sha1, token: code, at: new Date(count * 30_000 + 5_000) })).toBe(count);
    }
  });

  it('accepts one step of drift back, none forward, and never a step at or before the last one', async () => {
    const at = new Date(1_000_000 * 30_000 + 1000);
    const previous = await totpAt(seeds.sha1, new Date(at.getTime() - 30_000));
    const next = await totpAt(seeds.sha1, new Date(at.getTime() + 30_000));
    const older = await totpAt(seeds.sha1, new Date(at.getTime() - 60_000));
    expect(await checkTotp({ secret: seeds.sha1, token: previous, at })).toBe(999_999);
    expect(await checkTotp({ secret: seeds.sha1, token: next, at })).toBeNull();
    expect(await checkTotp({ secret: seeds.sha1, token: older, at })).toBeNull();
    expect(await checkTotp({ secret: seeds.sha1, token: previous, at, afterTimeStep: 999_999 })).toBeNull();
    expect(await checkTotp({ secret: seeds.sha1, token: '12345', at })).toBeNull();
  });
});

describe('TOTP setup', () => {
  it('needs the password, gives a 160-bit secret, an otpauth URI with the issuer, and a QR SVG', async () => {
    const b = t.browser();
    const account = await b.signUp('ada@example.com');
    const wrong = await b.post('/security/two-factor/totp/setup', { password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_password', fields: { password: expect.any(String) } } });
    const res = await b.post('/security/two-factor/totp/setup', { password: account.password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { secret: string; otpauthUri: string; qrSvg: string };
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toBe(`otpauth://totp/Acme%20CRM:ada%40example.com?secret=${body.secret}&issuer=Acme%20CRM`);
    expect(body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Still off until a code confirms it.
    expect(await (await b.get('/security')).json()).toMatchObject({ twoFactor: { totp: false, totpPending: true, recoveryCodesRemaining: 0 } });
    expect(await (await b.get('/me')).json()).toMatchObject({ user: { twoFactorEnabled: false } });
  });

  it('uses the issuer option', async () => {
    const other = await createTestApp({ appName: 'Acme CRM', twoFactor: { issuer: 'Acme Security' } });
    try {
      const b = other.browser();
      const account = await b.signUp('issuer@example.com');
      const { otpauthUri } = (await (await b.post('/security/two-factor/totp/setup', { password: account.password })).json()) as { otpauthUri: string };
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Acme%20Security:issuer%40example\.com\?.*issuer=Acme%20Security/);
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong code with a field error, then enables with the right one and returns 10 codes', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const { secret } = (await (await b.post('/security/two-factor/totp/setup', { password: account.password })).json()) as { secret: string };
    const code = await totpAt(secret, t.clock.now());
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await b.post('/security/two-factor/totp/enable', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_code', fields: { code: expect.any(String) } } });
    const ok = await b.post('/security/two-factor/totp/enable', { code });
    expect(ok.status).toBe(200);
    const { recoveryCodes } = (await ok.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await (await b.get('/me')).json()).toMatchObject({ user: { twoFactorEnabled: true } });
    const security = (await (await b.get('/security')).json()) as any;
    expect(security.twoFactor).toMatchObject({ enabled: true, totp: true, sms: false, recoveryCodesRemaining: 10, totpPending: false });
    expect(security.twoFactor.recoveryCodesCreatedAt).toBe(t.clock.now().toISOString());
    expect(security.passwordChangedAt).toEqual(expect.any(String));
    // A second setup is refused while it is on.
    expect((await b.post('/security/two-factor/totp/setup', { password: account.password })).status).toBe(409);
    const mail = (await (await b.get(`/dev/outbox?to=${encodeURIComponent(account.email)}&kind=email`)).json()) as { messages: { subject: string }[] };
    expect(mail.messages.map((m) => m.subject)).toContain('Acme CRM: Two-factor authentication is on');
  });

  it('cancel drops the pending secret', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const { secret } = (await (await b.post('/security/two-factor/totp/setup', { password: account.password })).json()) as { secret: string };
    expect((await b.delete('/security/two-factor/totp/setup')).status).toBe(204);
    const res = await b.post('/security/two-factor/totp/enable', { code: await totpAt(secret, t.clock.now()) });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'no_pending_setup' } });
  });

  it('needs a session', async () => {
    expect((await t.browser().post('/security/two-factor/totp/setup', { password: 'x' })).status).toBe(401);
    expect((await t.browser().get('/security')).status).toBe(401);
  });
});

describe('TOTP replay', () => {
  it('the enrolment code cannot sign in, and a used code is refused the second time', async () => {
    const account = await withTotp(t);
    const enrolmentCode = await totpAt(account.secret, t.clock.now());
    const first = await passwordStep(t, account);
    expect(first.body).toEqual({ status: 'two_factor_required', methods: ['totp', 'recovery_code'] });
    const replayed = await first.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: enrolmentCode });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: 'invalid_code' } });
    expect(first.browser.cookies.has('sk_session')).toBe(false);

    const code = await nextCode(t, account.secret);
    const ok = await first.browser.post('/auth/sign-in/two-factor', { method: 'totp', code });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'signed_in', user: { email: account.email } });

    // The same code again, in another browser (another session), within its window.
    const again = await passwordStep(t, account);
    expect((await again.browser.post('/auth/sign-in/two-factor', { method: 'totp', code })).status).toBe(401);
    // An older step's code (drift window) is refused too once a newer step was used.
    t.clock.advance(30_000);
    const third = await passwordStep(t, account);
    expect((await third.browser.post('/auth/sign-in/two-factor', { method: 'totp', code })).status).toBe(401);
    expect((await third.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await totpAt(account.secret, t.clock.now()) })).status).toBe(200);
  });

  it('of 5 concurrent sign-ins with the same code (all the lockout lets through at once), exactly one passes', async () => {
    const account = await withTotp(t);
    const steps = [];
    for (let i = 0; i < 5; i++) steps.push(await passwordStep(t, account));
    const code = await nextCode(t, account.secret);
    const answers = await Promise.all(steps.map((s) => s.browser.post('/auth/sign-in/two-factor', { method: 'totp', code })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
    const sessions = await rowsOf<{ n: number }>(t, `select count(*)::int as n from sessions where user_id = '${account.id}'`);
    expect(Number(sessions[0]!.n)).toBe(2); // the sign-up session and the one winner
  });

  it('the step is claimed atomically: 20 concurrent checks of one code, one success', async () => {
    const account = await withTotp(t);
    const code = await nextCode(t, account.secret);
    const deps = depsOf(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => acceptTotp(deps, account.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
