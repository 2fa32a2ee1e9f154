import type { Context } from 'hono';
import type { Auth, Env, SessionUser } from '../context';
import { enforceGates, type GateOptions } from './access-gates';
import { forbidden, unauthorized } from './errors';

// Reads what the `identify` middleware (server/identify.ts) found; imports no feature, so every
// feature can use it without a cycle.

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
