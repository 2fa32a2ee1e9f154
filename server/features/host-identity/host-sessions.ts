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
  return rows.map(toSession);
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toSession(row: HostSession) {
  return {
    id: String(row.id),
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
  if (!adapter || !(await adapter.revoke(auth.user.externalId!, id, c))) throw notFound('That session');
}

export async function revokeOtherHostSessions(c: Context<Env>, auth: Auth): Promise<number> {
  const adapter = c.var.deps.options.sessions;
  return adapter ? adapter.revokeOthers(auth.user.externalId!, c) : 0;
}
