import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { totpAt } from '../two-factor/totp';
import { nextCode, passwordStep, withTotp } from '../two-factor/two-factor.test-helpers';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const attempt = (email: string, password: string) => t.browser().post('/auth/sign-in', { email, password });

describe('lockout (seed 004, SECURITY.md 5–7)', () => {
  it('locks for 5 minutes after 5 failures, then for an hour after 5 more, and resets on success', async () => {
    const { email, password } = await t.browser().signUp();
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password!')).status).toBe(401);
    const locked = await attempt(email, password);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBe(300);
    const body = await locked.json();
    expect(body.error.code).toBe('account_locked');
    expect(body.error.message).toMatch(/5 minutes/);

    t.clock.advance(5 * MINUTE);
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password!')).status).toBe(401);
    const longer = await attempt(email, password);
    expect(longer.status).toBe(423);
    expect(Number(longer.headers.get('retry-after'))).toBe(3600);
    t.clock.advance(59 * MINUTE);
    expect((await attempt(email, password)).status).toBe(423);
    t.clock.advance(MINUTE);
    expect((await attempt(email, password)).status).toBe(200);

    // success reset everything: the next lock is a 5-minute one again
    for (let i = 0; i < 4; i++) await attempt(email, 'wrong password!');
    expect((await attempt(email, password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password!')).status).toBe(401);
    expect(Number((await attempt(email, password)).headers.get('retry-after'))).toBe(300);
  });

  it('warns when 2 and 1 attempts are left, and says the lock on the attempt that causes it', async () => {
    const { email } = await t.browser().signUp();
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await (await attempt(email, 'wrong password!')).json()).error.message);
    expect(messages.slice(0, 2)).toEqual(['The email or password is not correct.', 'The email or password is not correct.']);
    expect(messages[2]).toBe('The email or password is not correct. 2 attempts left before a short lock.');
    expect(messages[3]).toBe('The email or password is not correct. 1 attempt left before a short lock.');
    expect(messages[4]).toBe('The email or password is not correct. Too many failed attempts: try again in 5 minutes.');
  });

  it('treats an unknown email exactly like a known one', async () => {
    const { email } = await t.browser().signUp();
    const ghost = 'nobody-here@example.com';
    for (let i = 0; i < 6; i++) {
      const known = await attempt(email, 'wrong password!');
      const unknown = await attempt(ghost, 'wrong password!');
      expect(unknown.status).toBe(known.status);
      expect(await unknown.json()).toEqual(await known.json());
      expect(unknown.headers.get('retry-after')).toBe(known.headers.get('retry-after'));
    }
  });

  it('counts concurrent wrong passwords atomically: of 20 at once exactly 5 are judged, and they lock', async () => {
    const { email, password } = await t.browser().signUp();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong password!')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    // the others found no place (429 try_again, uncounted) or came after the lock (423)
    expect(statuses.filter((s) => s === 423 || s === 429).length).toBe(15);
    expect((await attempt(email, password)).status).toBe(423);
  });
});

describe('lockout with two-factor sign-in (API.md "Lockout": a right password does not reset the count)', () => {
  /** A code that is neither this time step's nor the previous one's (both would be accepted). */
  const wrongCode = async (secret: string) => {
    const now = t.clock.now();
    const near = new Set([await totpAt(secret, now), await totpAt(secret, new Date(now.getTime() - 30_000))]);
    return ['000000', '111111', '222222'].find((c) => !near.has(c))!;
  };
  const codeStep = (b: Browser, code: string) => b.post('/auth/sign-in/two-factor', { method: 'totp', code });

  it('right password then 5 wrong codes locks; after the lock a right password keeps the strike; a complete sign-in resets all', async () => {
    const account = await withTotp(t);
    const { email, password, secret } = account;

    // Round 1: the password is right, every code is wrong.
    const first = await passwordStep(t, account);
    expect(first.body.status).toBe('two_factor_required');
    for (let i = 0; i < 5; i++) expect((await codeStep(first.browser, await wrongCode(secret))).status).toBe(401);
    const locked = await codeStep(first.browser, await nextCode(t, secret));
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(240);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(300);
    expect((await attempt(email, password)).status).toBe(423);

    // Round 2, after the 5-minute lock: the right password passes but is no success of the sign-in,
    // so 5 more wrong codes earn the 1-hour lock.
    t.clock.advance(5 * MINUTE + 1000);
    const second = await passwordStep(t, account);
    for (let i = 0; i < 5; i++) expect((await codeStep(second.browser, await wrongCode(secret))).status).toBe(401);
    const longer = await attempt(email, password);
    expect(longer.status).toBe(423);
    expect(Number(longer.headers.get('retry-after'))).toBe(3600);

    // After the hour: right password and right code complete the sign-in and reset everything.
    t.clock.advance(60 * MINUTE);
    const third = await passwordStep(t, account);
    const signedIn = await codeStep(third.browser, await nextCode(t, secret));
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).status).toBe('signed_in');

    // The strikes are gone too: 5 new failures lock for 5 minutes again, not an hour.
    const fourth = await passwordStep(t, account);
    for (let i = 0; i < 4; i++) expect((await codeStep(fourth.browser, await wrongCode(secret))).status).toBe(401);
    expect((await attempt(email, 'wrong password!')).status).toBe(401);
    const again = await attempt(email, password);
    expect(again.status).toBe(423);
    expect(Number(again.headers.get('retry-after'))).toBe(300);
  });

  it('the password step alone never resets the count of wrong codes', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    for (let i = 0; i < 4; i++) expect((await codeStep(browser, await wrongCode(account.secret))).status).toBe(401);
    // Three more right passwords in a row: still 4 failures on the count.
    for (let i = 0; i < 3; i++) expect((await passwordStep(t, account)).body.status).toBe('two_factor_required');
    const last = await passwordStep(t, account);
    expect((await codeStep(last.browser, await wrongCode(account.secret))).status).toBe(401);
    expect((await codeStep(last.browser, await nextCode(t, account.secret))).status).toBe(423);
  });
});
