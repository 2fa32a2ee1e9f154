import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECOND } from '../../lib/clock';
import { Browser, createTwoInstances, type SecondInstance, type TestApp } from '../../testing/test-app';
import { depsOf, rowsOf, withTotp } from '../two-factor/two-factor.test-helpers';
import { MAX_FAILURES, throttleKey } from './lockout';

// Correct credentials never lock an account, and the lockout row can never refuse without an end.
let t: TestApp;
let other: SecondInstance;
let closeBoth: () => Promise<void>;
beforeAll(async () => ({ t, other, close: closeBoth } = await createTwoInstances()));
afterAll(() => closeBoth());

/** A browser on one of the two instances, alternating. */
const browserOn = (i: number) => (i % 2 ? new Browser(other.app) : t.browser());

async function throttleRow(email: string) {
  const key = throttleKey(depsOf(t), email);
  const [row] = await rowsOf<{ failures: number; strikes: number; locked_until: unknown; in_flight: number }>(
    t,
    `select failures, strikes, locked_until, in_flight from login_throttle where key = '${key}'`,
  );
  return row;
}

async function expectTryAgain(res: Response) {
  expect(res.headers.get('retry-after')).toBe('1');
  expect(await res.json()).toMatchObject({ error: { code: 'try_again', message: expect.any(String) } });
}

describe('right passwords under concurrency, over two instances', () => {
  it('12 concurrent right passwords of a 2FA user: none is locked, none counts, the next one passes', async () => {
    const account = await withTotp(t);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => browserOn(i).post('/auth/sign-in', { email: account.email, password: account.password })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const res of responses.filter((r) => r.status === 429)) await expectTryAgain(res);
    expect(await throttleRow(account.email)).toMatchObject({ failures: 0, strikes: 0, locked_until: null, in_flight: 0 });
    for (let i = 0; i < 3; i++) {
      const res = await browserOn(i).post('/auth/sign-in', { email: account.email, password: account.password });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'two_factor_required' });
    }
  });

  it('50 concurrent SMS 2FA setups with the right password: none is locked and none counts', async () => {
    const account = await t.browser().signUp();
    const signedIn = t.browser();
    await signedIn.post('/auth/sign-in', { email: account.email, password: account.password });
    const onOther = new Browser(other.app);
    for (const [name, value] of signedIn.cookies) onOther.cookies.set(name, value);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? onOther : signedIn).post('/security/two-factor/sms/setup', { password: account.password, phone: '+14155550142' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses).not.toContain(423);
    expect(statuses.filter((s) => s === 204).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 204 || s === 429)).toBe(true);
    expect(await throttleRow(account.email)).toMatchObject({ failures: 0, in_flight: 0, locked_until: null });
  });
});

describe('the lockout row always comes back to a state that ends', () => {
  it('a reservation of a request that never finished expires after 30 seconds', async () => {
    const { email, password } = await t.browser().signUp();
    const key = throttleKey(depsOf(t), email);
    await rowsOf(t, `insert into login_throttle (key, failures, strikes, in_flight, in_flight_since) values ('${key}', 0, 0, ${MAX_FAILURES}, '${t.clock.now().toISOString()}')`);
    const full = await t.browser().post('/auth/sign-in', { email, password });
    expect(full.status).toBe(429);
    await expectTryAgain(full);
    expect(await throttleRow(email)).toMatchObject({ failures: 0, in_flight: MAX_FAILURES });
    t.clock.advance(31 * SECOND);
    expect((await t.browser().post('/auth/sign-in', { email, password })).status).toBe(200);
    expect(await throttleRow(email)).toMatchObject({ failures: 0, in_flight: 0 });
  });

  it('a row left counting with no lock (as the old code left them) admits the right password, and a wrong one locks with an end', async () => {
    const { email, password } = await t.browser().signUp();
    const key = throttleKey(depsOf(t), email);
    await rowsOf(t, `insert into login_throttle (key, failures, strikes) values ('${key}', 11, 0)`);
    expect((await t.browser().post('/auth/sign-in', { email, password })).status).toBe(200);
    await rowsOf(t, `update login_throttle set failures = 11 where key = '${key}'`);
    expect((await t.browser().post('/auth/sign-in', { email, password: 'wrong password!' })).status).toBe(401);
    const locked = await t.browser().post('/auth/sign-in', { email, password });
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBe(300);
    t.clock.advance(300 * SECOND);
    expect((await t.browser().post('/auth/sign-in', { email, password })).status).toBe(200);
  });
});
