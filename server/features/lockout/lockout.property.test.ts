import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../lib/clock';
import { Browser, createTwoInstances, type SecondInstance, type TestApp } from '../../testing/test-app';
import { totpAt } from '../two-factor/totp';
import { depsOf, rowsOf, withTotp } from '../two-factor/two-factor.test-helpers';
import { FIRST_LOCK_MS, LATER_LOCK_MS, MAX_FAILURES, throttleKey } from './lockout';

// Property: whatever mix of right and wrong passwords and codes arrives at once on two instances,
// the lockout row ends every round in a state that ends (0..4 failures, or a lock with an end),
// counts exactly the wrong answers it judged, and never refuses a right answer with 423 unless
// wrong ones earned a lock.
let t: TestApp;
let other: SecondInstance;
let closeBoth: () => Promise<void>;
beforeAll(async () => ({ t, other, close: closeBoth } = await createTwoInstances()));
afterAll(() => closeBoth());

/** mulberry32: a small seeded PRNG, so a failing round can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { failures: number; strikes: number; lockedUntil: Date | null; inFlight: number };
type Kind = 'right_password' | 'wrong_password' | 'right_code' | 'wrong_code';

const SEED = 20261201;
const ROUNDS = 20;

describe('lockout property over two instances', () => {
  it(`holds its invariant over ${ROUNDS} rounds of random concurrent right and wrong passwords and codes (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const account = await withTotp(t);
    const key = throttleKey(depsOf(t), account.email);
    const browserOn = (i: number) => (i % 2 ? new Browser(other.app) : t.browser());
    const row = async (): Promise<Row> => {
      const [r] = await rowsOf<{ failures: number; strikes: number; locked_until: string | Date | null; in_flight: number }>(
        t,
        `select failures, strikes, locked_until, in_flight from login_throttle where key = '${key}'`,
      );
      if (!r) return { failures: 0, strikes: 0, lockedUntil: null, inFlight: 0 };
      return { failures: r.failures, strikes: r.strikes, lockedUntil: r.locked_until ? new Date(r.locked_until) : null, inFlight: r.in_flight };
    };
    const lockedAt = (r: Row) => Boolean(r.lockedUntil && r.lockedUntil > t.clock.now());
    const wrongCode = async () => {
      const now = t.clock.now();
      const near = new Set([await totpAt(account.secret, now), await totpAt(account.secret, new Date(now.getTime() - 30 * SECOND))]);
      return ['000000', '111111', '222222'].find((c) => !near.has(c))!;
    };

    for (let round = 0; round < ROUNDS; round++) {
      // A fresh time step every round, so one right TOTP code is available; sometimes far more time.
      t.clock.advance(pick([30 * SECOND, 30 * SECOND, 2 * MINUTE, 6 * MINUTE, 61 * MINUTE, 61 * MINUTE]));
      const kinds: Kind[] = Array.from({ length: 4 + Math.floor(random() * 10) }, () =>
        pick<Kind>(['right_password', 'wrong_password', 'wrong_password', 'wrong_code', 'right_code']),
      );
      // At most one right code per round: a second use of one time step is a replay, a wrong code.
      const firstRight = kinds.indexOf('right_code');
      kinds.forEach((k, i) => k === 'right_code' && i !== firstRight && (kinds[i] = 'wrong_code'));

      // Challenges for the code attempts come from sequential password steps (which never count).
      const challenges = new Map<number, Browser>();
      for (const [i, kind] of kinds.entries()) {
        if (kind !== 'right_code' && kind !== 'wrong_code') continue;
        const b = browserOn(i + round);
        const res = await b.post('/auth/sign-in', { email: account.email, password: account.password });
        if (res.status === 200) challenges.set(i, b);
        else expect(res.status).toBe(423);
      }
      const before = await row();
      const lockedBefore = lockedAt(before);
      const rightCode = await totpAt(account.secret, t.clock.now());
      const badCode = await wrongCode();

      const answers = await Promise.all(
        kinds.map(async (kind, i) => {
          if (kind === 'right_password' || kind === 'wrong_password') {
            const password = kind === 'right_password' ? account.password : 'wrong password!';
            return { kind, res: await browserOn(i + round).post('/auth/sign-in', { email: account.email, password }) };
          }
          const b = challenges.get(i);
          if (!b) return null; // locked before the round: no challenge to answer
          return { kind, res: await b.post('/auth/sign-in/two-factor', { method: 'totp', code: kind === 'right_code' ? rightCode : badCode }) };
        }),
      );
      const after = await row();
      const context = `round ${round}: ${kinds.join(',')} → ${answers.map((a) => a?.res.status ?? '-').join(',')}; before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`;

      if (process.env.LOCKOUT_PROPERTY_DEBUG) console.log(context);
      const judgedWrong = answers.filter((a) => a?.res.status === 401).length;
      const signedIn = answers.some((a) => a?.kind === 'right_code' && a.res.status === 200);
      const locks = after.strikes - before.strikes;
      for (const a of answers) {
        if (!a) continue;
        const { kind, res } = a;
        if (kind.startsWith('right')) expect(res.status, context).not.toBe(401);
        else expect(res.status, context).not.toBe(200);
        expect([200, 401, 423, 429], context).toContain(res.status);
        if (res.status === 429) {
          expect(res.headers.get('retry-after'), context).toBe('1');
          expect(((await res.json()) as any).error.code, context).toBe('try_again');
        }
        // A right answer meets 423 only when wrong ones earned a lock, before or during this round.
        if (kind.startsWith('right') && res.status === 423) expect(lockedBefore || before.failures + judgedWrong >= MAX_FAILURES, context).toBe(true);
      }

      // Every reservation was given back; the row either counts below the limit or is locked with an end.
      expect(after.inFlight, context).toBe(0);
      expect(after.failures, context).toBeGreaterThanOrEqual(0);
      expect(after.failures, context).toBeLessThan(MAX_FAILURES);
      if (after.lockedUntil && !lockedAt(before) && locks > 0) {
        const length = after.lockedUntil.getTime() - t.clock.now().getTime();
        expect([FIRST_LOCK_MS, LATER_LOCK_MS], context).toContain(length);
      }
      // Exact counts: with no completed sign-in in the round, every judged wrong answer is on the
      // count or went into a lock (5 each); a completed sign-in resets, leaving at most the later ones.
      if (!signedIn) expect(before.failures + judgedWrong, context).toBe(after.failures + MAX_FAILURES * locks);
      else expect(after.failures, context).toBeLessThanOrEqual(judgedWrong);

      // The state ends: a right password now passes, or meets a lock whose end it is told.
      const probe = await browserOn(round).post('/auth/sign-in', { email: account.email, password: account.password });
      if (lockedAt(after)) {
        expect(probe.status, context).toBe(423);
        expect(Number(probe.headers.get('retry-after')), context).toBe(Math.ceil((after.lockedUntil!.getTime() - t.clock.now().getTime()) / 1000));
      } else {
        expect(probe.status, context).toBe(200);
      }
      expect(await row(), context).toEqual(after); // the probe, a released password step, counted nothing
    }
  }, 240_000);
});
