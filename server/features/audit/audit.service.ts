import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import type { Deps, SessionUser } from '../../context';
import { newId } from '../../lib/crypto';
import { invalidField } from '../../lib/errors';
import { auditLog } from './audit.table';

/** Keys whose values never reach the audit log, whatever a feature hands in. */
const SECRET_KEY = /(password|token|secret|hash|code|key)/i;

/** A copy of `value` with every secret-looking field replaced by a marker that says it changed. */
export function withoutSecrets(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) out[key] = v === null || v === undefined || v === '' ? null : '[redacted]';
    else if (v instanceof Date) out[key] = v.toISOString();
    else out[key] = v;
  }
  return out;
}

export interface AuditEntry {
  /** e.g. `account_policy.update`, `user.update`, `twilio.update`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Records one administrator change. Pass the transaction that makes the change, so the entry and
 * the change commit together. Secret-looking fields are redacted here, whatever the caller passes.
 * Other features (e.g. `/admin/twilio`) call this too; the delivery worker records as `{ id: null }`.
 */
export async function recordAudit(deps: Deps, db: Db | Tx, actor: Pick<SessionUser, 'id' | 'email'> | { id: null; email: string }, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newId(),
    at: deps.clock.now(),
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: withoutSecrets(entry.before),
    after: withoutSecrets(entry.after),
  });
}

/** Cursor of the audit list: `<iso time>|<id>` of the last entry shown, base64url. */
const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime())) throw invalidField('cursor', 'The cursor is not valid; start from the first page.');
  return { at, id };
}

/** Audit entries, newest first, `limit` at a time. */
export async function listAudit(deps: Deps, query: { limit: number; cursor?: string; action?: string; targetId?: string }) {
  const filters: SQL[] = [];
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.targetId) filters.push(eq(auditLog.targetId, query.targetId));
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    filters.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id)))!);
  }
  const rows = await deps.db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actorId, email: r.actorEmail },
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
