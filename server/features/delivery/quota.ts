import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Deps, SendLimitOptions } from '../../context';
import type { Db, Tx } from '../../db/client';
import { DAY, HOUR, MINUTE } from '../../lib/clock';
import { newId } from '../../lib/crypto';
import { AppError, formatWait } from '../../lib/errors';
import { sendQuotaEvents } from './delivery.table';

/** API.md "Limits": the defaults a host may change with the `limits` option. */
export const DEFAULT_LIMITS = { destinationPer15Minutes: 3, destinationPerDay: 10, userPerDay: 20, contactsPerUser: 25 } as const;

export const limitsOf = (deps: Pick<Deps, 'options'>): Required<Omit<SendLimitOptions, 'hourlySends'>> & { hourlySends?: number } => ({
  ...DEFAULT_LIMITS,
  ...Object.fromEntries(Object.entries(deps.options.limits ?? {}).filter(([, v]) => v !== undefined)),
});

/** Who a message reaches and for whom it goes: the keys it counts against. */
export interface QuotaSubject {
  /** A phone number (E.164) or an email address; compared lower-cased. */
  destination: string;
  /** The account on whose behalf it goes, when there is one. */
  userId?: string | null;
}

type Scope = 'destination' | 'user' | 'server';
interface Rule {
  key: string;
  scope: Scope;
  limit: number;
  windowMs: number;
}

const destinationKey = (deps: Pick<Deps, 'secrets'>, destination: string) => `dest:${deps.secrets.keyedHash(destination.trim().toLowerCase(), 'send-quota')}`;

function rulesFor(deps: Pick<Deps, 'secrets' | 'options'>, subject: QuotaSubject): Rule[] {
  const limits = limitsOf(deps);
  const dest = destinationKey(deps, subject.destination);
  const rules: Rule[] = [
    { key: dest, scope: 'destination', limit: limits.destinationPer15Minutes, windowMs: 15 * MINUTE },
    { key: dest, scope: 'destination', limit: limits.destinationPerDay, windowMs: DAY },
  ];
  if (subject.userId) rules.push({ key: `user:${deps.secrets.keyedHash(subject.userId, 'send-quota')}`, scope: 'user', limit: limits.userPerDay, windowMs: DAY });
  if (limits.hourlySends !== undefined) rules.push({ key: 'server', scope: 'server', limit: limits.hourlySends, windowMs: HOUR });
  return rules;
}

const MESSAGES: Record<Scope, string> = {
  destination: 'Too many messages went to this number or address recently.',
  user: 'You have reached the number of messages your account may send today.',
  server: 'The service is sending too many messages right now.',
};

/** Over a quota: 429 rate_limited with Retry-After and a sentence the elements show as is. */
export const overQuota = (scope: Scope, retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'rate_limited', `${MESSAGES[scope]} Try again in ${formatWait(seconds)}.`, undefined, { 'Retry-After': String(seconds) });
};

/**
 * A transaction-scoped advisory lock on `key`: held until the transaction ends, on every instance
 * that shares the database. Checks that read and then write take one first, so two requests can
 * never both pass them under READ COMMITTED.
 */
export async function lockKey(tx: Db | Tx, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * Takes one message's worth of every quota of `subject`, inside the caller's transaction, or throws
 * `429 rate_limited` and takes nothing. The keys are locked in one order (sorted) so that two takes
 * can never deadlock; the count then sees every take that committed before, on any instance, and
 * the events commit (or roll back) with the message they stand for.
 */
export async function takeQuota(deps: Pick<Deps, 'secrets' | 'options' | 'clock'>, tx: Db | Tx, subject: QuotaSubject): Promise<void> {
  const verdict = await tryTakeQuota(deps, tx, subject);
  if (verdict !== true) throw verdict;
}

/**
 * As `takeQuota`, but answers the refusal instead of throwing it (for flows that must answer the same
 * either way). `lookOnly` takes the same locks and reads and writes nothing: what a request that sends
 * nothing does, so that its timing looks like one that sends.
 */
export async function tryTakeQuota(deps: Pick<Deps, 'secrets' | 'options' | 'clock'>, tx: Db | Tx, subject: QuotaSubject, options: { lookOnly?: boolean } = {}): Promise<true | AppError> {
  const rules = rulesFor(deps, subject);
  const keys = [...new Set(rules.map((r) => r.key))].sort();
  for (const key of keys) await lockKey(tx, key);
  const now = deps.clock.now();
  const longest = new Date(now.getTime() - Math.max(...rules.map((r) => r.windowMs)));
  // Events that left every window go first (cheap: the keys are locked and indexed).
  if (!options.lookOnly) await tx.delete(sendQuotaEvents).where(and(inArray(sendQuotaEvents.key, keys), lte(sendQuotaEvents.at, new Date(now.getTime() - DAY))));
  const events = await tx
    .select({ key: sendQuotaEvents.key, at: sendQuotaEvents.at })
    .from(sendQuotaEvents)
    .where(and(inArray(sendQuotaEvents.key, keys), gt(sendQuotaEvents.at, longest)))
    .orderBy(asc(sendQuotaEvents.at));
  let refusal: { scope: Scope; wait: number } | null = null;
  for (const rule of rules) {
    const since = now.getTime() - rule.windowMs;
    const inWindow = events.filter((e) => e.key === rule.key && e.at.getTime() > since);
    if (inWindow.length < rule.limit) continue;
    // A slot frees when enough of the oldest events have left the window.
    const freeing = inWindow[inWindow.length - rule.limit];
    const wait = freeing ? (freeing.at.getTime() + rule.windowMs - now.getTime()) / 1000 : rule.windowMs / 1000;
    if (!refusal || wait > refusal.wait) refusal = { scope: rule.scope, wait };
  }
  if (refusal) return overQuota(refusal.scope, refusal.wait);
  if (options.lookOnly) return true;
  await tx.insert(sendQuotaEvents).values(keys.map((key) => ({ id: newId(), key, at: now })));
  return true;
}

/** How many messages counted against `destination` in the last `windowMs` (tests and the admin's view). */
export async function sentTo(deps: Pick<Deps, 'secrets' | 'db' | 'clock'>, destination: string, windowMs = DAY): Promise<number> {
  const rows = await deps.db
    .select({ at: sendQuotaEvents.at })
    .from(sendQuotaEvents)
    .where(and(eq(sendQuotaEvents.key, destinationKey(deps, destination)), gt(sendQuotaEvents.at, new Date(deps.clock.now().getTime() - windowMs))));
  return rows.length;
}
