import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { formatWait, locked, tryAgain } from '../../lib/errors';
import { loginThrottle } from './lockout.table';

/** 5 consecutive failures lock for 5 minutes; 5 more lock for an hour; a passed sign-in resets. */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 5 * 60_000;
export const LATER_LOCK_MS = 60 * 60_000;
/** A reservation not given back within this time (a crashed request) no longer holds a place. */
export const RESERVATION_MS = 30_000;

/** The lockout key of an email: a keyed hash, so the table lists no addresses. */
export const throttleKey = (deps: Deps, email: string) => deps.secrets.keyedHash(email.trim().toLowerCase(), 'login-throttle');

/*
 * The rules the row keeps, whatever the interleaving of requests on however many instances:
 * - `failures` holds judged wrong attempts only (0..4 while unlocked); the 5th locks, with an end.
 * - an attempt is judged only after taking a place in `in_flight`; there are never more places than
 *   failures left before the lock, so at most 5 wrong attempts are judged per round;
 * - a request that finds no place is refused (429 try_again) and changes nothing;
 * - a right answer gives its place back and never adds a failure; places of crashed requests expire.
 * Dates go into raw SQL as ISO strings: postgres.js does not serialise a Date without a column type.
 */
const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Reservations still holding a place at `now`. */
const liveInFlight = (now: Date) =>
  sql`(case when ${loginThrottle.inFlightSince} > ${ts(new Date(now.getTime() - RESERVATION_MS))} then ${loginThrottle.inFlight} else 0 end)`;

const lockedAt = (now: Date) => sql`(${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} > ${ts(now)})`;

/**
 * Takes a place for one attempt on `key` in a single atomic statement, before any password or code
 * is checked. Throws 423 while locked (with the time left), 429 try_again when every place is taken.
 * A row whose failures somehow reached the limit unlocked still admits one attempt, so it never
 * refuses without an end.
 */
export async function reserveAttempt(deps: Deps, key: string): Promise<void> {
  const now = deps.clock.now();
  const placesLeft = sql`${MAX_FAILURES} - least(${loginThrottle.failures}, ${MAX_FAILURES - 1}) - ${liveInFlight(now)}`;
  const taken = await deps.db
    .insert(loginThrottle)
    .values({ key, failures: 0, strikes: 0, inFlight: 1, inFlightSince: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { inFlight: sql`${liveInFlight(now)} + 1`, inFlightSince: ts(now) },
      setWhere: sql`not ${lockedAt(now)} and ${placesLeft} > 0`,
    })
    .returning({ key: loginThrottle.key });
  if (taken.length) return;
  // Refused: read the row only to say why (a lock, with its end, or a full round).
  const [row] = await deps.db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key));
  if (row?.lockedUntil && row.lockedUntil > now) throw locked((row.lockedUntil.getTime() - now.getTime()) / 1000);
  throw tryAgain();
}

/** Gives back the place of an attempt that is over. */
const freePlace = (now: Date) => sql`greatest(${liveInFlight(now)} - 1, 0)`;

/**
 * The reserved attempt was judged wrong: one more failure, and the 5th locks (5 min the first time,
 * 1 h after) and starts a new round — in one statement, so concurrent failures lock once. A failure
 * judged while a lock is already in force (only possible after a reservation expired) adds nothing.
 */
export async function recordFailure(deps: Deps, key: string): Promise<FailureOutcome> {
  const now = deps.clock.now();
  const full = sql`(not ${lockedAt(now)} and ${loginThrottle.failures} + 1 >= ${MAX_FAILURES})`;
  const lockEnd = sql`(case when ${loginThrottle.strikes} > 0 then ${ts(new Date(now.getTime() + LATER_LOCK_MS))} else ${ts(new Date(now.getTime() + FIRST_LOCK_MS))} end)`;
  const [row] = await deps.db
    .update(loginThrottle)
    .set({
      inFlight: freePlace(now),
      lockedUntil: sql`case when ${full} then ${lockEnd} else ${loginThrottle.lockedUntil} end`,
      strikes: sql`case when ${full} then ${loginThrottle.strikes} + 1 else ${loginThrottle.strikes} end`,
      failures: sql`case when ${full} then 0 when ${lockedAt(now)} then ${loginThrottle.failures} else ${loginThrottle.failures} + 1 end`,
    })
    .where(eq(loginThrottle.key, key))
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  const lockedUntil = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  return { attemptsLeft: lockedUntil ? 0 : MAX_FAILURES - (row?.failures ?? 0), lockedForSeconds: lockedUntil ? Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) : 0 };
}

/** After a judged failure: how many attempts are left in this round, or how long the lock it caused lasts. */
export interface FailureOutcome {
  attemptsLeft: number;
  lockedForSeconds: number;
}

/**
 * The sentence a refusal ends with once few attempts are left (#13.5: warn before the lock, and say
 * the lock on the attempt that caused it). The same for known and unknown emails: every email has a count.
 */
export function attemptsWarning(outcome: FailureOutcome | undefined): string {
  if (!outcome) return '';
  if (outcome.lockedForSeconds > 0) return ` Too many failed attempts: try again in ${formatWait(outcome.lockedForSeconds)}.`;
  if (outcome.attemptsLeft <= 2) return ` ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'attempt' : 'attempts'} left before a short lock.`;
  return '';
}

/**
 * A step that passed but is not the last one (the password before a code step), or an attempt that
 * could not be judged: give back the place and keep earlier failures, so a known password cannot
 * wipe the count of wrong codes.
 */
export async function releaseAttempt(deps: Deps, key: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.update(loginThrottle).set({ inFlight: freePlace(now) }).where(eq(loginThrottle.key, key));
}

/** The attempt passed and completes the sign-in: give back its place, and reset the count and strikes. */
async function recordPassedAttempt(deps: Deps, key: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.update(loginThrottle).set({ inFlight: freePlace(now), failures: 0, strikes: 0, lockedUntil: null }).where(eq(loginThrottle.key, key));
}

/**
 * A sign-in completed outside `underLockout` (a trusted device skipped the code step after a
 * released password step): reset the count and any earned strikes; places in flight are untouched.
 */
export async function recordSuccess(deps: Deps, key: string): Promise<void> {
  await deps.db.update(loginThrottle).set({ failures: 0, strikes: 0, lockedUntil: null }).where(eq(loginThrottle.key, key));
}

/**
 * Runs `judge` under the lockout: take a place, judge, then record. `judge` returns true for success.
 * Used by the password step, by every code step (TOTP, SMS, recovery) and by re-authentication.
 * `onSuccess: 'release'` keeps the count (a step that is not the last); an error thrown by `judge`
 * is no judged failure: the place is given back and the error goes on.
 */
export async function underLockout(
  deps: Deps,
  key: string,
  judge: () => Promise<boolean>,
  options: { onSuccess?: 'reset' | 'release'; /** Filled after a wrong answer (for `attemptsWarning`). */ failure?: { outcome?: FailureOutcome } } = {},
): Promise<boolean> {
  await reserveAttempt(deps, key);
  let ok: boolean;
  try {
    ok = await judge();
  } catch (error) {
    await releaseAttempt(deps, key);
    throw error;
  }
  if (!ok) {
    const outcome = await recordFailure(deps, key);
    if (options.failure) options.failure.outcome = outcome;
  } else if (options.onSuccess === 'release') await releaseAttempt(deps, key);
  else await recordPassedAttempt(deps, key);
  return ok;
}
