import { and, eq, max, ne, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Deps, Env, SessionUser, SettingsOptions } from '../../context';
import type { Db } from '../../db/client';
import { isLoopbackHost } from '../../lib/http';
import { DAY, MINUTE } from '../../lib/clock';
import { newId, randomToken } from '../../lib/crypto';
import type { RequestInfo } from '../../lib/request-info';
import { withPolicyFacts, type SessionUserRow } from '../../lib/access-gates';
import { perDatabase, withCompiledRows } from '../../db/row-mapper';
import { accountPolicy } from '../account-policy/account-policy.table';
import { userSummaryColumns } from '../accounts/accounts.columns';
import { users } from '../accounts/accounts.table';
import { twoFactor } from '../two-factor/two-factor.table';
import { sessions } from './sessions.table';

export const SESSION_COOKIE = 'sk_session';
/** Default idle timeout when no policy row exists yet (the policy default: 7 days). */
const DEFAULT_IDLE_MINUTES = 60 * 24 * 7;
/** last_active_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = MINUTE;

export const hashToken = (deps: Deps, token: string) => deps.secrets.keyedHash(token, 'session');
const absoluteMs = (deps: Deps) => (deps.options.session?.absoluteDays ?? 30) * DAY;

/** Over https the cookie is Secure and takes the `__Host-` prefix (SECURITY.md 20). */
export function isSecureRequest(c: Context<Env>): boolean {
  const origin = c.get('deps').options.publicOrigin ?? c.req.url;
  return origin.startsWith('https:');
}

export const cookieName = (c: Context<Env>, base: string) => (isSecureRequest(c) ? `__Host-${base}` : base);

export function readCookie(c: Context<Env>, base: string): string | undefined {
  return getCookie(c, cookieName(c, base));
}

/**
 * `lax` (default): the cookie goes only to the site of the page, which stops cross-site request
 * forgery at the browser. `none`: the page and the API are on different sites (a CRM on crm.example
 * embedding an API on settings.example): the browser sends the cookie only when it is
 * `SameSite=None; Secure`, and `Partitioned` (CHIPS) keeps it to this embedding, so a third-party
 * cookie block still lets it through. The Origin check and JSON-only bodies still guard writes.
 */
const crossSite = (c: Context<Env>) => c.get('deps').options.cookie?.sameSite === 'none';

export function writeCookie(c: Context<Env>, base: string, value: string, maxAgeSeconds: number) {
  const none = crossSite(c);
  setCookie(c, cookieName(c, base), value, {
    httpOnly: true,
    sameSite: none ? 'None' : 'Lax',
    path: '/',
    secure: none || isSecureRequest(c),
    ...(none ? { partitioned: true } : {}),
    maxAge: Math.floor(maxAgeSeconds),
  });
}

export function clearCookie(c: Context<Env>, base: string) {
  const none = crossSite(c);
  deleteCookie(c, cookieName(c, base), { path: '/', secure: none || isSecureRequest(c), ...(none ? { sameSite: 'None' as const, partitioned: true } : {}) });
}

/**
 * `SameSite=None` cookies must be Secure, and a browser drops a Secure cookie set over plain http
 * (loopback excepted): such a configuration could never keep anyone signed in, so it is refused.
 */
export function assertCookieConfiguration(options: Pick<SettingsOptions, 'cookie' | 'publicOrigin'>): void {
  if (options.cookie?.sameSite !== 'none' || !options.publicOrigin) return;
  const url = new URL(options.publicOrigin);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`settings-kit: COOKIE_SAMESITE=none (cookie.sameSite "none") needs https, but PUBLIC_ORIGIN is ${url.origin}. Serve the API over https, or keep the default "lax" with the page on the same site.`);
  }
}

/** Creates a session row with a fresh 256-bit token and sets the cookie. */
export async function startSession(c: Context<Env>, userId: string, info: RequestInfo): Promise<string> {
  const deps = c.get('deps');
  const token = randomToken(32);
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(sessions).values({
    id,
    tokenHash: hashToken(deps, token),
    userId,
    createdAt: now,
    lastActiveAt: now,
    expiresAt: new Date(now.getTime() + absoluteMs(deps)),
    ip: info.ip,
    country: info.country,
    userAgent: info.userAgent.slice(0, 512),
    device: info.device,
    browser: info.browser,
    os: info.os,
  });
  writeCookie(c, SESSION_COOKIE, token, absoluteMs(deps) / 1000);
  return id;
}

const sessionUserColumns = {
  ...userSummaryColumns,
  smsTwoFactor: sql<boolean>`(${twoFactor.smsPhone} is not null)`.mapWith(Boolean),
  avatarId: users.avatarId,
  currentProfileId: users.currentProfileId,
  timezone: users.timezone,
  language: users.language,
  preferences: users.preferences,
  emailConfirmedAt: users.emailConfirmedAt,
  phoneConfirmedAt: users.phoneConfirmedAt,
  hasPassword: sql<boolean>`(${users.passwordHash} is not null)`,
  externalId: users.externalId,
};

/** What the account-policy gates need, read with the session (no extra query per request). */
const policyFactColumns = {
  confirmation: accountPolicy.confirmation,
  requireTwoFactor: accountPolicy.requireTwoFactor,
  twoFactorMethod: accountPolicy.twoFactorMethod,
  autoCreateProfile: accountPolicy.autoCreateProfile,
};

/** One indexed query per request: the session, its user and the idle timeout of the policy. */
const resolveFields = {
  sessionId: sessions.id,
  lastActiveAt: sessions.lastActiveAt,
  expiresAt: sessions.expiresAt,
  idleMinutes: accountPolicy.onlineTimeframeMinutes,
  policy: policyFactColumns,
  user: sessionUserColumns,
};

const resolveQuery = perDatabase((db) => {
  const query = db
    .select(resolveFields)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(twoFactor, eq(twoFactor.userId, users.id))
    .leftJoin(accountPolicy, eq(accountPolicy.id, 1))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('sk_resolve_session');
  return withCompiledRows(query, resolveFields);
});

/** The session behind a cookie token (by its `hashToken`), or null when unknown, revoked, idle too long or past its lifetime. */
export async function resolveSession(deps: Deps, tokenHash: string): Promise<{ sessionId: string; user: SessionUser; activeAt: number } | null> {
  const query = resolveQuery(deps.lookupDb);
  // A touch of this process still in flight counts as activity (it is real activity). Read before
  // the query too: the touch may land, and leave the map, while this read still sees the old row.
  const inFlight = touching.get(tokenHash)?.at ?? 0;
  const [row] = await query.execute({ tokenHash });
  if (!row) return null;
  const now = deps.clock.now().getTime();
  const idleMs = (row.idleMinutes ?? DEFAULT_IDLE_MINUTES) * MINUTE;
  const lastActive = Math.max(row.lastActiveAt.getTime(), inFlight, touching.get(tokenHash)?.at ?? 0);
  if (row.expiresAt.getTime() <= now || lastActive + idleMs <= now) {
    await deps.db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return null;
  }
  const touched = now - lastActive >= TOUCH_EVERY_MS;
  if (touched) touch(deps, row.sessionId, tokenHash, now);
  return { sessionId: row.sessionId, user: withPolicyFacts(row.user as SessionUserRow, row.policy), activeAt: touched ? now : lastActive };
}

/** last_active_at writes sent but not yet answered, by the session's token hash (one at a time per session). */
const touching = new Map<string, { at: number; done: Promise<void> }>();

/**
 * Writes last_active_at without holding up the answer: the request needs nothing from this write,
 * and waiting on it was a second round trip on every minute's first request. It is still written;
 * a failure is logged (the next request of the session tries again). Revocation is not affected:
 * the session row is read on every request, and an update of a deleted row changes nothing.
 */
function touch(deps: Deps, sessionId: string, tokenHash: string, now: number): void {
  const done = deps.db
    .update(sessions)
    .set({ lastActiveAt: new Date(now) })
    .where(eq(sessions.id, sessionId))
    .execute()
    .then(
      () => {},
      (error: unknown) => deps.log(`[error] last-active update of session ${sessionId}: ${error instanceof Error ? error.message : String(error)}`),
    )
    .finally(() => {
      if (touching.get(tokenHash)?.done === done) touching.delete(tokenHash);
    });
  touching.set(tokenHash, { at: now, done });
}

/** Resolves once every last-active write sent so far has landed (shutdown, and tests that read the row). */
export async function sessionWritesSettled(): Promise<void> {
  while (touching.size) await Promise.all([...touching.values()].map((t) => t.done));
}

/** Loads a user for a host-supplied identity. */
export async function loadSessionUser(deps: Deps, userId: string): Promise<SessionUser | null> {
  const [row] = await deps.db
    .select({ user: sessionUserColumns, policy: policyFactColumns })
    .from(users)
    .leftJoin(twoFactor, eq(twoFactor.userId, users.id))
    .leftJoin(accountPolicy, eq(accountPolicy.id, 1))
    .where(eq(users.id, userId));
  return row ? withPolicyFacts(row.user as SessionUserRow, row.policy) : null;
}

export async function endSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Ends every session of the user except `keepSessionId` (null: all of them); returns how many
 * ended. Takes `{ db: tx }` too, so a password reset or an admin's disable ends them in its own transaction.
 */
export async function endOtherSessions(deps: Pick<Deps, 'db'>, userId: string, keepSessionId: string | null): Promise<number> {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const ended = await deps.db.delete(sessions).where(where).returning({ id: sessions.id });
  return ended.length;
}

/** Per user, the latest activity over their sessions: a subquery the user list joins (as `last_active`). */
export function lastActivePerUser(db: Db) {
  return db
    .select({ userId: sessions.userId, lastActiveAt: max(sessions.lastActiveAt).as('last_active_at') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('last_active');
}
