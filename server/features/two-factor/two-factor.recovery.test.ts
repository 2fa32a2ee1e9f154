import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { consumeRecoveryCode, newRecoveryCode, normaliseRecoveryCode } from './two-factor.service';
import { depsOf, nextCode, passwordStep, rowsOf, withTotp } from './two-factor.test-helpers';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('recovery codes', () => {
  it('are 10 base32 characters (50 bits), grouped xxxxx-xxxxx, and normalised for comparison', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(normaliseRecoveryCode(code).length * 5).toBeGreaterThanOrEqual(50);
    expect(normaliseRecoveryCode(' abcde-FGHIJ ')).toBe('ABCDEFGHIJ');
  });

  it('are stored only as keyed hashes', async () => {
    const account = await withTotp(t);
    const rows = await rowsOf<{ code_hash: string }>(t, `select code_hash from recovery_codes where user_id = '${account.id}'`);
    expect(rows).toHaveLength(10);
    for (const code of account.recoveryCodes) {
      const bare = normaliseRecoveryCode(code);
      for (const row of rows) {
        expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.code_hash.toUpperCase()).not.toContain(bare);
      }
    }
  });

  it(`20 concurrent uses of one code give exactly one success (${process.env.TEST_DB})`, async () => {
    const account = await withTotp(t);
    const deps = depsOf(t);
    const code = account.recoveryCodes[3]!;
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRecoveryCode(deps, account.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const used = await rowsOf<{ n: number }>(t, `select count(*)::int as n from recovery_codes where user_id = '${account.id}' and used_at is not null`);
    expect(Number(used[0]!.n)).toBe(1);
  });

  it('5 concurrent sign-ins with one recovery code give exactly one session', async () => {
    const account = await withTotp(t);
    const steps = [];
    for (let i = 0; i < 5; i++) steps.push(await passwordStep(t, account));
    const answers = await Promise.all(steps.map((s) => s.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: account.recoveryCodes[0] })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('regenerating needs the password, voids the old set and sends an email', async () => {
    const account = await withTotp(t);
    expect((await account.browser.post('/security/two-factor/recovery-codes', { password: 'wrong password!' })).status).toBe(400);
    const res = await account.browser.post('/security/two-factor/recovery-codes', { password: account.password });
    expect(res.status).toBe(200);
    const { recoveryCodes } = (await res.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes).not.toContain(account.recoveryCodes[0]);
    const old = await passwordStep(t, account);
    expect((await old.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: account.recoveryCodes[0] })).status).toBe(401);
    expect((await old.browser.post('/auth/sign-in/two-factor', { method: 'recovery_code', code: recoveryCodes[0] })).status).toBe(200);
    const mail = (await (await account.browser.get(`/dev/outbox?to=${encodeURIComponent(account.email)}&kind=email`)).json()) as { messages: { subject: string }[] };
    expect(mail.messages.map((m) => m.subject)).toContain('Settings Kit: New recovery codes were created');
  });
});

describe('turning 2FA off', () => {
  it('needs the password; voids recovery codes; sign-in no longer asks for a code; an email is sent', async () => {
    const account = await withTotp(t);
    const wrong = await account.browser.post('/security/two-factor/disable', { password: 'nope nope nope' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_password', fields: { password: expect.any(String) } } });
    expect((await account.browser.post('/security/two-factor/disable', { password: account.password })).status).toBe(204);
    expect(await (await account.browser.get('/me')).json()).toMatchObject({ user: { twoFactorEnabled: false } });
    expect(await (await account.browser.get('/security')).json()).toMatchObject({ twoFactor: { enabled: false, totp: false, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null } });
    expect(await rowsOf(t, `select id from recovery_codes where user_id = '${account.id}'`)).toHaveLength(0);
    const signIn = await t.browser().post('/auth/sign-in', { email: account.email, password: account.password });
    expect(await signIn.json()).toMatchObject({ status: 'signed_in' });
    const mail = (await (await account.browser.get(`/dev/outbox?to=${encodeURIComponent(account.email)}&kind=email`)).json()) as { messages: { subject: string }[] };
    expect(mail.messages.map((m) => m.subject)).toContain('Settings Kit: Two-factor authentication is off');
    // Off already: 409. And it can be set up again with a new secret.
    expect((await account.browser.post('/security/two-factor/disable', { password: account.password })).status).toBe(409);
    const again = await account.browser.post('/security/two-factor/totp/setup', { password: account.password });
    expect(((await again.json()) as { secret: string }).secret).not.toBe(account.secret);
  });

  it('after disabling, an old secret and old codes do nothing', async () => {
    const account = await withTotp(t);
    await account.browser.post('/security/two-factor/disable', { password: account.password });
    const code = await nextCode(t, account.secret);
    const res = await account.browser.post('/security/two-factor/totp/enable', { code });
    expect(res.status).toBe(409);
  });
});
