import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Deps } from '../context';
import type { Db, Tx } from '../db/client';
import { randomDigits } from './crypto';
import { tooManyRequests } from './errors';

// The short numeric codes a person types back (SMS two-factor, contact verification, phone
// confirmation, password reset by SMS). Every one is stored only as a keyed hash of
// `<subject>:<code>` (the subject binds it to one row or purpose), expires, allows a fixed number
// of tries counted by one atomic UPDATE before the code is compared (parallel guesses cannot
// exceed the limit on any instance), and works once. Each feature keeps its own table and rules.

/** The columns a code table has (db/columns.ts `oneTimeCode()`), and the unique column that finds its one live code. */
export type CodeTable = PgTable & { codeHash: PgColumn; attempts: PgColumn; sentAt: PgColumn; expiresAt: PgColumn };

export interface CodeRules<T extends CodeTable> {
  table: T;
  /** The unique column that holds one live code per value (a binding, a contact id). */
  key: PgColumn;
  /** The keyed-hash purpose (domain separation between features). */
  purpose: string;
  ttlMs: number;
  maxAttempts: number;
  /** A new code for the same key is refused (429) until this long after the last one was sent. */
  resendAfterMs: number;
}

/** A fresh six-digit code and what a code row stores for it (the hash, no tries yet, sent now, its expiry). */
export function newCode(deps: Deps, rules: Pick<CodeRules<CodeTable>, 'purpose' | 'ttlMs'>, subject: string) {
  const now = deps.clock.now();
  const code = randomDigits(6);
  const values = { codeHash: deps.secrets.keyedHash(`${subject}:${code}`, rules.purpose), attempts: 0, sentAt: now, expiresAt: new Date(now.getTime() + rules.ttlMs) };
  return { code, values };
}

/**
 * Writes (or replaces) the one live code of `keyValue` inside the caller's transaction, so the code
 * and the message that carries it commit together. A replacement inside `resendAfterMs` is refused
 * with 429 + Retry-After, decided by the row itself so every instance agrees.
 */
export async function storeCode<T extends CodeTable>(
  deps: Deps,
  tx: Tx,
  rules: CodeRules<T>,
  keyValue: string,
  row: { insert: Record<string, unknown>; set: Record<string, unknown> },
): Promise<void> {
  const now = deps.clock.now();
  const t = rules.table;
  const resendBefore = new Date(now.getTime() - rules.resendAfterMs).toISOString();
  const written = await tx
    .insert(t)
    .values(row.insert as T['$inferInsert'])
    .onConflictDoUpdate({ target: rules.key, set: row.set as Partial<T['$inferInsert']>, setWhere: sql`${t.sentAt} <= ${resendBefore}::timestamptz` })
    .returning({ key: rules.key });
  if (written.length) return;
  const [last] = (await tx.select({ sentAt: t.sentAt }).from(t as PgTable).where(eq(rules.key, keyValue))) as { sentAt: Date }[];
  const wait = last ? (last.sentAt.getTime() + rules.resendAfterMs - now.getTime()) / 1000 : rules.resendAfterMs / 1000;
  throw tooManyRequests(wait, 'A code was just sent. Wait a moment before asking for another.');
}

/**
 * Judges a typed code against the one live code of `keyValue`: one try is counted first (only while
 * under `maxAttempts` and unexpired), then a matching code is deleted by one statement, so it works
 * once. Returns the deleted row, or null for a wrong, spent, expired or exhausted code.
 */
export async function consumeCode<T extends CodeTable>(deps: Deps, rules: CodeRules<T>, keyValue: string, subject: string, code: string): Promise<T['$inferSelect'] | null> {
  const t = rules.table;
  const now = deps.clock.now().toISOString();
  const alive = and(eq(rules.key, keyValue), sql`${t.expiresAt} > ${now}::timestamptz`)!;
  const counted = await countAttempt(deps.db, t, alive, rules.maxAttempts);
  if (!counted || !/^\d{6}$/.test(code.trim())) return null;
  const stored = (counted as { codeHash: string }).codeHash;
  if (!deps.secrets.matches(`${subject}:${code.trim()}`, rules.purpose, stored)) return null;
  const used = await deps.db.delete(t).where(and(eq(rules.key, keyValue), eq(t.codeHash, stored))).returning();
  return (used[0] as T['$inferSelect'] | undefined) ?? null;
}

/**
 * Counts one try on the row `where` picks, atomically, only while it has had fewer than
 * `maxAttempts`: returns the row after counting, or null when there is none or it is exhausted.
 * For code rows that are marked used instead of deleted (confirmation, password reset).
 */
export async function countAttempt<T extends PgTable & { attempts: PgColumn }>(db: Db, table: T, where: SQL, maxAttempts: number): Promise<T['$inferSelect'] | null> {
  const rows = (await db
    .update(table)
    .set({ attempts: sql`${table.attempts} + 1` } as unknown as Partial<T['$inferInsert']>)
    .where(and(where, lt(table.attempts, maxAttempts)))
    .returning()) as T['$inferSelect'][];
  return rows[0] ?? null;
}
