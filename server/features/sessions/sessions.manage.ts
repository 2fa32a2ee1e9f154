import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { isoText } from '../../db/columns';
import { perDatabase, withCompiledRows } from '../../db/row-mapper';
import { notFound } from '../../lib/errors';
import { accountPolicy } from '../account-policy/account-policy.table';
import { forgetTrustedDevices, trustedDeviceHash } from '../two-factor/two-factor.service';
import { endOtherSessions } from './sessions.service';
import { sessions } from './sessions.table';

/** The session list's route (relative to the mount); identify() sends its query beside the session check. */
export const SESSION_LIST_PATH = '/security/sessions';

/** Same default as sessions.service.ts: 7 days when no policy row exists. */
const DEFAULT_IDLE_MINUTES = 60 * 24 * 7;

/**
 * The user's live sessions (not past their lifetime nor idle too long), most recently active first.
 * One round trip: the idle timeout is read from the policy inside the same statement. A prepared
 * statement per database, so drizzle does not rebuild the SQL on every request (a profile under load
 * showed the query builder among the top frames). Only the columns the answer shows, its times as
 * ISO text from the database (no Date per value and back).
 */
function listQuery(db: Deps['db'], by: 'user' | 'token') {
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const idleMinutes = sql`coalesce((select ${accountPolicy.onlineTimeframeMinutes} from ${accountPolicy} where ${accountPolicy.id} = 1), ${DEFAULT_IDLE_MINUTES})`;
  const owner = by === 'user' ? sql.placeholder('userId') : sql`(select ${sessions.userId} from ${sessions} where ${sessions.tokenHash} = ${sql.placeholder('tokenHash')})`;
  const fields = {
    id: sessions.id,
    device: sessions.device,
    browser: sessions.browser,
    os: sessions.os,
    ip: sessions.ip,
    country: sessions.country,
    createdAt: isoText(sessions.createdAt),
    lastActiveAt: isoText(sessions.lastActiveAt),
  };
  const query = db
    .select(fields)
    .from(sessions)
    .where(and(eq(sessions.userId, owner), gt(sessions.expiresAt, now), gt(sessions.lastActiveAt, sql`${now} - ${idleMinutes} * interval '1 minute'`)))
    .orderBy(desc(sessions.lastActiveAt), desc(sessions.id))
    .prepare(`sk_list_sessions_by_${by}`);
  return withCompiledRows(query, fields);
}
type ListedRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];
const listBy = { user: perDatabase((db) => listQuery(db, 'user')), token: perDatabase((db) => listQuery(db, 'token')) };

/**
 * The session list read beside the session check, in the same round trip: identify() sends both
 * at once for `GET /security/sessions` (postgres.js writes them together on the lookup pool), and
 * the route uses these rows only once the check has passed: they are that session's user's, by
 * the same token. Without it, the list was a second round trip after the check.
 */
export function prefetchSessionList(deps: Deps, tokenHash: string): Promise<ListedRow[]> {
  const rows = listBy.token(deps.lookupDb).execute({ tokenHash, now: deps.clock.now().toISOString() });
  rows.catch(() => {}); // awaited by the route; a refused request never reads it
  return rows;
}

/**
 * `current`: this request's session. Its last-active write may still be in flight (it does not hold
 * up answers, and it goes through the main pool while this read goes through the lookup pool), so
 * its time is the one this request saw, and the list is ordered with it.
 */
export async function listSessions(deps: Deps, userId: string, current: { sessionId: string | null; activeAt?: number }, prefetched?: Promise<ListedRow[]>) {
  const rows = await (prefetched ?? listBy.user(deps.lookupDb).execute({ userId, now: deps.clock.now().toISOString() }));
  const list = rows.map((s) => ({
    id: s.id,
    current: s.id === current.sessionId,
    device: s.device ?? 'Desktop',
    browser: s.browser ?? 'Unknown browser',
    os: s.os ?? 'Unknown OS',
    ip: s.ip,
    country: s.country,
    createdAt: s.createdAt,
    lastActiveAt: s.lastActiveAt,
  }));
  const mine = list.find((s) => s.current);
  if (mine && current.activeAt !== undefined) {
    const seen = new Date(current.activeAt).toISOString();
    if (seen > mine.lastActiveAt) {
      mine.lastActiveAt = seen;
      // ISO times of one format sort as text; ties keep the database's order (id, descending).
      list.sort((a, b) => (a.lastActiveAt < b.lastActiveAt ? 1 : a.lastActiveAt > b.lastActiveAt ? -1 : 0));
    }
  }
  return list;
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
