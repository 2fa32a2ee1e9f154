import type { Context } from 'hono';
import type { Auth, Env, HostSession } from '../../context';
import { notFound } from '../../lib/errors';

/**
 * The Active sessions card under host identity: the sessions are the host's, so they come from
 * its `sessions` adapter. Without one we know none, and say so (`available: false`) rather than
 * show an empty list that looks like "no other sessions".
 */
export async function hostSessions(c: Context<Env>, auth: Auth) {
  const adapter = c.var.deps.options.sessions;
  if (!adapter) return null;
  const rows = await adapter.list(auth.user.externalId!, c);
  return rows.map((row) => toSession(c, auth, row));
}

/**
 * The page sees an id of our shape (22 base64url characters, as every row id of the API), derived
 * from the host's own session id; revoking maps it back by listing. The host's ids can be anything
 * (a JWT id, a Redis key) and never reach the page.
 */
const pageId = (c: Context<Env>, auth: Auth, hostId: string) =>
  Buffer.from(c.var.deps.secrets.keyedHash(`${auth.user.externalId}\0${hostId}`, 'host-session'), 'hex').subarray(0, 16).toString('base64url');

const iso = (value: Date | string) => new Date(value).toISOString();

function toSession(c: Context<Env>, auth: Auth, row: HostSession) {
  return {
    id: pageId(c, auth, String(row.id)),
    current: Boolean(row.current),
    device: row.device ?? 'Unknown device',
    browser: row.browser ?? 'Unknown browser',
    os: row.os ?? 'Unknown OS',
    ip: row.ip ?? null,
    country: row.country ?? null,
    createdAt: iso(row.createdAt),
    lastActiveAt: iso(row.lastActiveAt),
  };
}

export async function revokeHostSession(c: Context<Env>, auth: Auth, id: string): Promise<void> {
  const adapter = c.var.deps.options.sessions;
  const externalId = auth.user.externalId!;
  const target = adapter && (await adapter.list(externalId, c)).find((row) => pageId(c, auth, String(row.id)) === id);
  if (!adapter || !target || !(await adapter.revoke(externalId, String(target.id), c))) throw notFound('That session');
}

export async function revokeOtherHostSessions(c: Context<Env>, auth: Auth): Promise<number> {
  const adapter = c.var.deps.options.sessions;
  return adapter ? adapter.revokeOthers(auth.user.externalId!, c) : 0;
}
