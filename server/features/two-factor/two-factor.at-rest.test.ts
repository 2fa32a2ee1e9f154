import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteClientOf } from '../../db/client';
import { closeInOrder, createTestAppBeside, type TestApp } from '../../testing/test-app';
import { startFakeTwilio, type FakeTwilio } from '../../testing/fake-twilio';
import { TwilioProvider } from '../../providers/twilio';
import { totpAt } from './totp';
import { nextCode, passwordStep, withTotp } from './two-factor.test-helpers';

let t: TestApp;
let fake: FakeTwilio;
beforeAll(async () => ({ t, server: fake } = await createTestAppBeside(startFakeTwilio, (fake) => ({ sms: new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url }) }))));
afterAll(() => closeInOrder(t, fake));

/**
 * A short code stored in the clear would stand as a value of its own ("123456" or 123456); the same six
 * digits inside a hex hash, an id or a timestamp are chance (a few percent per run for a dump this
 * size), so a code counts as found only when no letter or digit stands next to it.
 */
const standsAlone = (code: string) => new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);

/** Every value of every row of every table, as text. */
async function dumpEverything(): Promise<string> {
  const tables = await t.db.execute(`select table_name from information_schema.tables where table_schema = 'public'` as never);
  const names = (((tables as any).rows ?? tables) as { table_name: string }[]).map((r) => r.table_name);
  let out = '';
  for (const name of names) {
    const rows = await t.db.execute(`select * from "${name}"` as never);
    out += `${name}\n${JSON.stringify((rows as any).rows ?? rows)}\n`;
  }
  return out;
}

describe('a database dump after enabling 2FA', () => {
  it('holds no TOTP secret, recovery code, SMS code, phone, challenge or trusted-device token in the clear', async () => {
    const account = await withTotp(t);
    // SMS too, so a phone and an SMS code pass through the tables.
    const phone = '+14155550123';
    expect((await account.browser.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
    const smsCode = /(\d{6})/.exec(fake.messages().at(-1)!.form.Body!)![1]!;
    const pendingDump = await dumpEverything();
    expect(pendingDump).not.toMatch(standsAlone(smsCode));
    expect(pendingDump).not.toContain(phone);
    expect((await account.browser.post('/security/two-factor/sms/enable', { code: smsCode })).status).toBe(200);

    const step = await passwordStep(t, account);
    const challengeToken = step.browser.cookies.get('sk_2fa')!;
    const midDump = await dumpEverything();
    expect(midDump).not.toContain(challengeToken);
    await step.browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    const trustedToken = step.browser.cookies.get('sk_trusted')!;
    const sessionToken = step.browser.cookies.get('sk_session')!;

    const dump = await dumpEverything();
    expect(dump).toContain(account.email); // the dump is real
    for (const secret of [account.secret, account.secret.toLowerCase(), trustedToken, sessionToken, challengeToken, phone, phone.slice(1), account.password]) {
      expect(dump).not.toContain(secret);
    }
    for (const code of account.recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump.toUpperCase()).not.toContain(code.replace('-', '').toUpperCase());
    }
    expect(dump).not.toMatch(standsAlone(smsCode));
    expect(dump).not.toMatch(standsAlone(await totpAt(account.secret, t.clock.now())));

    // On PGlite, the raw data directory too.
    const pg = pgliteClientOf(t.database);
    if (pg) {
      const raw = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()).toString('latin1');
      expect(raw).toContain(account.email);
      expect(raw).not.toContain(account.secret);
      expect(raw).not.toContain(trustedToken);
    }
  });
});
