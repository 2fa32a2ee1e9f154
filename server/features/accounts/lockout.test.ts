import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

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

  it('spends the same hash work on unknown and known emails', async () => {
    const { email } = await t.browser().signUp();
    const time = async (who: string) => {
      const start = performance.now();
      await attempt(who, 'wrong password!');
      return performance.now() - start;
    };
    await time('warm-up@example.com');
    const known = [] as number[];
    const unknown = [] as number[];
    for (let i = 0; i < 4; i++) {
      known.push(await time(email));
      unknown.push(await time(`ghost${i}@example.com`));
      t.clock.advance(61 * MINUTE);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    // an unknown email must not be answered without the argon2 work (which takes tens of ms)
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('counts concurrent wrong passwords atomically: 20 at once judge at most 5', async () => {
    const { email, password } = await t.browser().signUp();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong password!')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(15);
    expect((await attempt(email, password)).status).toBe(423);
  });
});
