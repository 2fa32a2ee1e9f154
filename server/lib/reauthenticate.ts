import { eq } from 'drizzle-orm';
import type { Deps, SessionUser } from '../context';
import { users } from '../features/accounts/accounts.table';
import { throttleKey, underLockout } from '../features/lockout/lockout';
import { AppError } from './errors';
import { verifyPassword } from './password';

/** Default freshness of a host's `reauthenticatedAt` for sensitive actions (API.md "Host identity"). */
export const REAUTHENTICATION_MAX_AGE_SECONDS = 600;

export const reauthenticationRequired = () =>
  new AppError(401, 'reauthentication_required', 'Confirm it is you first: sign in again, then retry.');

/**
 * The one re-authentication check of every sensitive action (2FA changes, recovery codes, export,
 * deletion, passkey registration, email change; SECURITY.md 21). A user with a password gives it,
 * through the sign-in lockout so the check cannot be used to guess it. A host user has no password
 * here: the host's `reauthenticatedAt` must then be recent, else 401 `reauthentication_required`
 * and the page asks the host to confirm it is them (`sk-reauthenticate`).
 *
 * A wrong or missing password is 400 `invalid_password` naming the field `password`, the same code
 * as a wrong current password when changing it, so a page handles one code for every re-check.
 */
export async function confirmItsYou(
  deps: Deps,
  user: Pick<SessionUser, 'id' | 'email' | 'hasPassword' | 'reauthenticatedAt'>,
  password: string | undefined,
): Promise<void> {
  const wrongPassword = (why: string) => new AppError(400, 'invalid_password', why, { password: why });
  if (!user.hasPassword) {
    const maxAge = (deps.options.reauthenticationMaxAgeSeconds ?? REAUTHENTICATION_MAX_AGE_SECONDS) * 1000;
    const at = user.reauthenticatedAt?.getTime();
    const age = at === undefined || Number.isNaN(at) ? Infinity : deps.clock.now().getTime() - at;
    // A time in the future (clock skew beyond a minute) is not trusted either.
    if (!(age <= maxAge && age >= -60_000)) throw reauthenticationRequired();
    return;
  }
  if (!password) throw wrongPassword('Enter your password.');
  const [row] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  const ok = await underLockout(deps, throttleKey(deps, user.email), async () => Boolean(row?.passwordHash) && (await verifyPassword(row!.passwordHash!, password)));
  if (!ok) throw wrongPassword('The password is not correct.');
}
