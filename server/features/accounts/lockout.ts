import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { locked } from '../../lib/errors';
import { loginThrottle } from './accounts.table';

/** Seed 004: 5 consecutive failures lock for 5 minutes; 5 more lock for an hour. */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 5 * 60_000;
export const LATER_LOCK_MS = 60 * 60_000;

/** The lockout key of an email: a keyed hash, so the table lists no addresses. */
export const throttleKey = (deps: Deps, email: string) => deps.secrets.keyedHash(email.trim().toLowerCase(), 'login-throttle');

/* Dates go into raw SQL as ISO strings: postgres.js does not serialise a Date without a column type. */

/**
 * Reserves one attempt for `key` in a single atomic statement, before any password or code is
 * checked. Every instance shares the row, so across processes at most MAX_FAILURES attempts in a
 * round are judged; the rest, and every attempt while locked, get 423 (thrown).
 */
export async function reserveAttempt(deps: Deps, key: string): Promise<void> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(loginThrottle)
    .values({ key, failures: 1, strikes: 0 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lockedUntil} > ${now.toISOString()}::timestamptz then ${loginThrottle.failures} else ${loginThrottle.failures} + 1 end`,
      },
    })
    .returning();
  if (!row) return;
  if (row.lockedUntil && row.lockedUntil > now) throw locked((row.lockedUntil.getTime() - now.getTime()) / 1000);
  if (row.failures > MAX_FAILURES) throw locked((row.strikes > 0 ? LATER_LOCK_MS : FIRST_LOCK_MS) / 1000);
}

/**
 * The reserved attempt failed: it stays counted. When the round is full, lock (5 min the first
 * time, 1 h after) and start a new round — in one statement, so concurrent failures lock once.
 */
export async function recordFailure(deps: Deps, key: string): Promise<void> {
  const now = deps.clock.now();
  const first = new Date(now.getTime() + FIRST_LOCK_MS);
  const later = new Date(now.getTime() + LATER_LOCK_MS);
  const full = sql`${loginThrottle.failures} >= ${MAX_FAILURES}`;
  await deps.db
    .update(loginThrottle)
    .set({
      lockedUntil: sql`case when ${full} then (case when ${loginThrottle.strikes} > 0 then ${later.toISOString()} else ${first.toISOString()} end)::timestamptz else ${loginThrottle.lockedUntil} end`,
      strikes: sql`case when ${full} then ${loginThrottle.strikes} + 1 else ${loginThrottle.strikes} end`,
      failures: sql`case when ${full} then 0 else ${loginThrottle.failures} end`,
    })
    .where(eq(loginThrottle.key, key));
}

/** Success resets the count and any earned strikes. */
export async function recordSuccess(deps: Deps, key: string): Promise<void> {
  await deps.db.update(loginThrottle).set({ failures: 0, strikes: 0, lockedUntil: null }).where(eq(loginThrottle.key, key));
}

/**
 * Runs `judge` under the lockout: reserve, judge, then record. `judge` returns true for success.
 * Used by the password step and by every code step (TOTP, SMS, recovery).
 */
export async function underLockout(
  deps: Deps,
  key: string,
  judge: () => Promise<boolean>,
  options: { onSuccess?: 'reset' | 'release' } = {},
): Promise<boolean> {
  await reserveAttempt(deps, key);
  let ok = false;
  try {
    ok = await judge();
  } finally {
    await (ok ? (options.onSuccess === 'release' ? releaseAttempt(deps, key) : recordSuccess(deps, key)) : recordFailure(deps, key));
  }
  return ok;
}

/**
 * A step that passed but is not the last one (the password before a code step): give back the
 * reserved attempt and keep earlier failures, so a known password cannot wipe the count of wrong codes.
 */
export async function releaseAttempt(deps: Deps, key: string): Promise<void> {
  await deps.db
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}
