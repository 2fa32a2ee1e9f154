import type { Context } from 'hono';
import type { Auth, Env } from './context';
import { hostUser } from './features/host-identity/host-identity.service';
import { readCookie, resolveSession, SESSION_COOKIE } from './features/sessions/sessions.service';

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
    const found = token ? await resolveSession(deps, token) : null;
    auth = found ? { user: found.user, sessionId: found.sessionId, activeAt: found.activeAt, identity: 'kit' } : null;
  }
  c.set('auth', auth);
}
