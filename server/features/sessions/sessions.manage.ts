import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { notFound } from '../../lib/errors';
import { accountPolicy } from '../account-policy/account-policy.table';
import { forgetTrustedDevices, trustedDeviceHash } from '../two-factor/two-factor.service';
import { endOtherSessions } from './sessions.service';
import { sessions } from './sessions.table';

/** Same default as sessions.service.ts: 7 days when no policy row exists. */
const DEFAULT_IDLE_MINUTES = 60 * 24 * 7;

/**
 * The user's live sessions (not past their lifetime nor idle too long), most recently active first.
 * One round trip: the idle timeout is read from the policy inside the same statement. A prepared
 * statement per database, so drizzle does not rebuild the SQL on every request (a profile under load
 * showed the query builder among the top frames).
 */
function listQuery(db: Deps['db']) {
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const idleMinutes = sql`coalesce((select ${accountPolicy.onlineTimeframeMinutes} from ${accountPolicy} where ${accountPolicy.id} = 1), ${DEFAULT_IDLE_MINUTES})`;
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, sql.placeholder('userId')), gt(sessions.expiresAt, now), gt(sessions.lastActiveAt, sql`${now} - ${idleMinutes} * interval '1 minute'`)))
    .orderBy(desc(sessions.lastActiveAt), desc(sessions.id))
    .prepare('sk_list_sessions');
}
const prepared = new WeakMap<object, ReturnType<typeof listQuery>>();

export async function listSessions(deps: Deps, userId: string, currentSessionId: string | null) {
  let query = prepared.get(deps.lookupDb);
  if (!query) prepared.set(deps.lookupDb, (query = listQuery(deps.lookupDb)));
  const rows = await query.execute({ userId, now: deps.clock.now().toISOString() });
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentSessionId,
    device: s.device ?? 'Desktop',
    browser: s.browser ?? 'Unknown browser',
    os: s.os ?? 'Unknown OS',
    ip: s.ip,
    country: s.country,
    createdAt: s.createdAt.toISOString(),
    lastActiveAt: s.lastActiveAt.toISOString(),
  }));
}

/**
 * Ends one of the user's sessions. The row is deleted, and every instance resolves cookies against
 * the table on each request, so the cookie is refused at once everywhere. Another user's session
 * answers 404, exactly like one that does not exist.
 */
export async function revokeSession(deps: Deps, userId: string, sessionId: string): Promise<void> {
  const ended = await deps.db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  if (!ended.length) throw notFound('That session');
}

/**
 * "Sign out all other sessions": ends them and forgets the other trusted devices (SECURITY.md 16),
 * so a stolen device cannot come back without the code. This device stays signed in and, when its
 * trusted-device cookie is given (`keepTrustedToken`), trusted (#13.4: the page says so).
 * Returns how many sessions ended.
 */
export async function revokeOtherSessions(deps: Deps, userId: string, currentSessionId: string | null, keepTrustedToken?: string | null): Promise<number> {
  const ended = await endOtherSessions(deps, userId, currentSessionId);
  await forgetTrustedDevices(deps, userId, { keepTokenHash: keepTrustedToken ? trustedDeviceHash(deps, keepTrustedToken) : null });
  return ended;
}
