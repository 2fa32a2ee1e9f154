import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { enqueueIfAllowed, kick } from '../delivery/delivery.service';
import { invalidField } from '../../lib/errors';
import { newId } from '../../lib/crypto';
import type { RequestInfo } from '../../lib/request-info';
import { users } from '../accounts/accounts.table';
import { loginActivity } from './login-activity.table';
import { knownDevices, loginAlertSettings } from './login-activity.table';

export type LoginReason = 'wrong_password' | 'wrong_code' | 'locked' | 'unknown_user' | 'account_disabled';

/** Writes one row of the login activity log. */
export async function recordLogin(
  deps: Deps,
  info: RequestInfo,
  entry: { userId: string | null; success: boolean; reason?: LoginReason | null; method?: string },
) {
  await deps.db.insert(loginActivity).values({
    id: newId(),
    userId: entry.userId,
    at: deps.clock.now(),
    success: entry.success,
    reason: entry.success ? null : (entry.reason ?? 'wrong_password'),
    method: entry.method ?? 'password',
    ip: info.ip,
    country: info.country,
    device: info.device,
    browser: info.browser,
    os: info.os,
  });
}

export const ACTIVITY_LIMIT_DEFAULT = 20;
export const ACTIVITY_LIMIT_MAX = 100;

/** What the user sees as the reason of a failure: `unknown_user` is never revealed (shown as `wrong_password`). */
export type VisibleReason = 'wrong_password' | 'wrong_code' | 'locked' | 'account_disabled';

export interface ActivityItem {
  id: string;
  at: string;
  success: boolean;
  reason: VisibleReason | null;
  method: string;
  ip: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
}

/**
 * The cursor is the (at, id) of the last row of a page, opaque to clients: base64url of JSON. `at`
 * keeps the database's own text form, so microseconds survive the round trip exactly.
 */
interface Cursor {
  at: string;
  id: string;
}
export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed as [unknown, unknown];
      if (typeof at === 'string' && typeof id === 'string' && id.length <= 64 && isTimestamp(at)) {
        return { at, id };
      }
    }
  } catch {
    // fall through
  }
  throw invalidField('cursor', 'Not a cursor from a previous page. Start again without it.');
}

/** The text form PostgreSQL gives a timestamptz ('2026-01-15 10:00:00.123456+00'), checked before it reaches SQL. */
function isTimestamp(text: string): boolean {
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d{1,6})?)([+-]\d\d(?::?\d\d)?|Z)$/.exec(text);
  if (!match) return false;
  const zone = match[3] === 'Z' ? 'Z' : match[3]!.length === 3 ? `${match[3]}:00` : match[3]!.replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
  return Number.isFinite(Date.parse(`${match[1]}T${match[2]!.slice(0, 12)}${zone}`));
}

const visibleReason = (reason: string | null): VisibleReason | null =>
  reason === null ? null : reason === 'wrong_code' || reason === 'locked' || reason === 'account_disabled' ? reason : 'wrong_password';

/**
 * One page of the user's login activity, newest first. Keyset pagination over (at, id): the row
 * comparison `(at, id) < (cursor)` is an index condition of `login_activity_user_at_id`
 * (user_id, at desc, id desc), so a page costs the same at any depth and any table size, and rows
 * added between pages (newer than the cursor) can neither repeat nor push rows out of the next page.
 */
export async function listLoginActivity(deps: Deps, userId: string, options: { limit?: number; cursor?: string | null }) {
  const limit = Math.min(ACTIVITY_LIMIT_MAX, Math.max(1, options.limit ?? ACTIVITY_LIMIT_DEFAULT));
  return activityPage(deps, userId, options.cursor ? decodeCursor(options.cursor) : null, limit);
}

/** Every row of the user's activity, newest first, read `pageSize` rows at a time (the data export). */
export async function* everyLoginActivity(deps: Deps, userId: string, pageSize: number): AsyncGenerator<ActivityItem[]> {
  let after: Cursor | null = null;
  do {
    const page: Awaited<ReturnType<typeof activityPage>> = await activityPage(deps, userId, after, pageSize);
    if (page.items.length) yield page.items;
    after = page.last;
  } while (after);
}

async function activityPage(deps: Deps, userId: string, after: Cursor | null, limit: number) {
  const rows = await deps.db
    .select({
      id: loginActivity.id,
      at: loginActivity.at,
      atText: sql<string>`${loginActivity.at}::text`,
      success: loginActivity.success,
      reason: loginActivity.reason,
      method: loginActivity.method,
      ip: loginActivity.ip,
      country: loginActivity.country,
      device: loginActivity.device,
      browser: loginActivity.browser,
      os: loginActivity.os,
    })
    .from(loginActivity)
    .where(
      and(
        eq(loginActivity.userId, userId),
        after ? sql`(${loginActivity.at}, ${loginActivity.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
      ),
    )
    // NULLS LAST as in the index: a plain DESC means NULLS FIRST, which the index cannot serve (a full sort).
    .orderBy(sql`${loginActivity.at} desc nulls last`, sql`${loginActivity.id} desc nulls last`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const lastRow = page.at(-1);
  const items: ActivityItem[] = page.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    success: r.success,
    reason: r.success ? null : visibleReason(r.reason),
    method: r.method,
    ip: r.ip,
    country: r.country,
    device: r.device,
    browser: r.browser,
    os: r.os,
  }));
  const last = rows.length > limit && lastRow ? { at: lastRow.atText, id: lastRow.id } : null;
  return { items, last, nextCursor: last ? encodeCursor(last) : null };
}

/** Browser and OS without their versions: an update of Chrome is not a new device. */
const family = (name: string) => name.replace(/\s+[\d._]+$/, '').trim();
export const deviceFingerprint = (info: Pick<RequestInfo, 'device' | 'browser' | 'os'>) =>
  `${info.device}|${family(info.browser)}|${family(info.os)}`.slice(0, 200);

export async function loginAlertsEnabled(deps: Deps, userId: string): Promise<boolean> {
  const [row] = await deps.db.select().from(loginAlertSettings).where(eq(loginAlertSettings.userId, userId));
  return row?.newLoginEmail ?? true;
}

export async function setLoginAlerts(deps: Deps, userId: string, newLoginEmail: boolean): Promise<void> {
  await deps.db
    .insert(loginAlertSettings)
    .values({ userId, newLoginEmail })
    .onConflictDoUpdate({ target: loginAlertSettings.userId, set: { newLoginEmail } });
}

/**
 * Called after every successful sign-in (accounts.service.ts). Remembers the device; when it was
 * not seen before for this user — and the user has signed in from somewhere else before — sends
 * the new-login alert, unless the user turned it off. "Not seen before" is decided by the primary
 * key of `known_devices` (one atomic insert), so two instances never both alert or both skip.
 * A failure to send never fails the sign-in.
 */
export async function noteSignInDevice(deps: Deps, userId: string, info: RequestInfo, options: { alert: boolean }): Promise<boolean> {
  try {
    const fingerprint = deviceFingerprint(info);
    const now = deps.clock.now();
    // The device and its alert commit together; the alert counts against the address's quotas and,
    // over them, is not sent (the sign-in goes on). It is queued: the sign-in never waits on mail.
    const alerted = await deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(knownDevices)
        .values({ userId, fingerprint, firstSeenAt: now })
        .onConflictDoNothing()
        .returning({ fingerprint: knownDevices.fingerprint });
      if (!inserted.length || !options.alert) return false;
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(knownDevices)
        .where(and(eq(knownDevices.userId, userId), sql`${knownDevices.fingerprint} <> ${fingerprint}`));
      if (!Number(others?.n)) return false; // the first device we know of for this account: nothing to compare with
      if (!(await loginAlertsEnabled({ ...deps, db: tx as unknown as Db }, userId))) return false;
      const [user] = await tx.select({ email: users.email, timezone: users.timezone }).from(users).where(eq(users.id, userId));
      if (!user) return false;
      const message = { to: user.email, subject: `New sign-in to your ${deps.appName} account`, category: 'security', text: newLoginText(deps, info, now, user.timezone) };
      return enqueueIfAllowed(deps, tx, { route: 'mail', message }, { userId });
    });
    if (alerted) kick(deps);
    return alerted;
  } catch (error) {
    deps.log(`[error] new-login alert for ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function newLoginText(deps: Deps, info: RequestInfo, at: Date, timezone: string | null): string {
  let when: string;
  try {
    when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long', timeZone: timezone ?? 'UTC' }).format(at);
  } catch {
    when = at.toISOString();
  }
  return [
    `Your ${deps.appName} account was just signed in to from a device or browser we have not seen before.`,
    '',
    `When: ${when}`,
    `Device: ${info.device}, ${info.browser} on ${info.os}`,
    `IP address: ${info.ip ?? 'unknown'}${info.country ? ` (${info.country})` : ''}`,
    '',
    'If this was you, there is nothing to do.',
    'If it was not, change your password now: that signs out every other session. Then review your active sessions in Settings → Security.',
    '',
    'You can turn these alerts off under Settings → Security → Login activity.',
  ].join('\n');
}
