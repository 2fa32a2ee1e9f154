import type { Context } from 'hono';
import type { Auth, Env } from './context';
import { hostUser } from './features/host-identity/host-identity.service';
import { hashToken, readCookie, resolveSession, SESSION_COOKIE } from './features/sessions/sessions.service';
import { prefetchSessionList, SESSION_LIST_PATH } from './features/sessions/sessions.manage';

/**
 * The one place that decides who the user is: the host's `identify` option when given, else the
 * session cookie. Features read the result through `currentUser(c)` and never look at cookies.
 */
export async function identify(c: Context<Env>): Promise<void> {
  const deps = c.get('deps');
  let auth: Auth | null = null;
  if (deps.options.identify) {
    const who = await deps.options.identify(c);
    const user = who ? await hostUser(deps, who) : null;
    auth = user ? { user, sessionId: null, identity: 'host' } : null;
  } else {
    const token = readCookie(c, SESSION_COOKIE);
    const tokenHash = token ? hashToken(deps, token) : null;
    const resolving = tokenHash ? resolveSession(deps, tokenHash) : null;
    // Sent in the same tick as the check, so both go out in one write (see prefetchSessionList).
    if (tokenHash && c.req.method === 'GET' && c.req.path.endsWith(SESSION_LIST_PATH)) c.set('sessionList', prefetchSessionList(deps, tokenHash));
    const found = await resolving;
    auth = found ? { user: found.user, sessionId: found.sessionId, activeAt: found.activeAt, identity: 'kit' } : null;
  }
  c.set('auth', auth);
}
