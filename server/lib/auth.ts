import type { Context, MiddlewareHandler } from 'hono';
import type { Auth, Env, SessionUser } from '../context';
import { enforceGates, type GateOptions } from '../features/account-policy/account-policy.gates';
import { hostUser } from '../features/host-identity/host-identity.service';
import { readCookie, resolveSession, SESSION_COOKIE } from '../features/sessions/sessions.service';
import { forbidden, unauthorized } from './errors';

/**
 * The one place that decides who the user is: the host's `identify` option when given, else the
 * session cookie. Features read the result through `currentUser(c)` and never look at cookies.
 */
export const identify: MiddlewareHandler<Env> = async (c, next) => {
  const deps = c.get('deps');
  let auth: Auth | null = null;
  if (deps.options.identify) {
    const who = await deps.options.identify(c);
    const user = who ? await hostUser(deps, who) : null;
    auth = user ? { user, sessionId: null, identity: 'host' } : null;
  } else {
    const token = readCookie(c, SESSION_COOKIE);
    const found = token ? await resolveSession(deps, token) : null;
    auth = found ? { user: found.user, sessionId: found.sessionId, identity: 'kit' } : null;
  }
  c.set('auth', auth);
  await next();
};

/**
 * The signed-in user, or a 401. The account-policy gates (disabled, pending, 2FA setup required)
 * answer 403 here for every route that does not let them through with `options`.
 */
export function currentAuth(c: Context<Env>, options?: GateOptions): Auth {
  const auth = c.get('auth');
  if (!auth) throw unauthorized();
  enforceGates(c, auth.user, options);
  return auth;
}

export const currentUser = (c: Context<Env>, options?: GateOptions): SessionUser => currentAuth(c, options).user;

/** The signed-in admin, or 401 / 403. */
export function currentAdmin(c: Context<Env>): SessionUser {
  const user = currentUser(c);
  if (user.role !== 'admin') throw forbidden('admin_only', 'Only an administrator can do this.');
  return user;
}
