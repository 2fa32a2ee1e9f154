import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Env, SessionUser } from '../../context';
import { forbidden } from '../../lib/errors';
import { describeRequest, type RequestInfo } from '../../lib/request-info';
import { users } from '../accounts/accounts.table';
import { noteSignInDevice, recordLogin } from '../login-activity/login-activity.service';
import { loadSessionUser, startSession } from '../sessions/sessions.service';

// The last step of every way in (password, code step, trusted device, passkey, OAuth). It lives
// apart from accounts.service so the two-factor challenge can finish a sign-in without importing
// the password step that starts the challenge (no import cycle).

export const requestInfoOf = (c: Context<Env>): RequestInfo => {
  let info = c.get('requestInfo');
  if (!info) c.set('requestInfo', (info = describeRequest(c, c.var.deps.options)));
  return info;
};

/** Public shape of a user (API.md `/me`). */
export function publicUser(user: SessionUser) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    twoFactorEnabled: user.twoFactorEnabled,
    avatarUrl: user.avatarId ? `avatars/${user.avatarId}` : null,
    timezone: user.timezone,
    language: user.language,
    preferences: user.preferences,
    pendingConfirmations: user.pendingConfirmations,
    twoFactorSetupRequired: user.twoFactorSetupRequired,
    identity: user.externalId ? ('host' as const) : ('kit' as const),
    hasPassword: user.hasPassword,
    requiredTwoFactorMethod: user.requiredTwoFactorMethod,
    currentProfileId: user.currentProfileId,
    profileSetupRequired: user.profileSetupRequired,
  };
}

export const accountDisabled = () => forbidden('account_disabled', 'This account is disabled. Contact your administrator.');

/**
 * A disabled account gets no session, no challenge and no trusted device, even with the right
 * credentials: the attempt is logged as a failure (`account_disabled`) and answered 403. Called
 * after the credentials passed (a wrong password for a disabled account answers as any wrong one).
 */
export async function refuseDisabledAccount(c: Context<Env>, userId: string, method: string, knownStatus?: string): Promise<void> {
  const deps = c.var.deps;
  const [row] = knownStatus ? [{ status: knownStatus }] : await deps.db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (row && row.status !== 'disabled') return;
  await recordLogin(deps, requestInfoOf(c), { userId: row ? userId : null, success: false, reason: 'account_disabled', method });
  throw accountDisabled();
}

/**
 * Starts the session after every step passed, records it, and returns the answer of API.md. Every
 * way in (password, code step, trusted device, OAuth) ends here, so a disabled account is refused here too.
 */
export async function completeSignIn(c: Context<Env>, userId: string, method: string) {
  const deps = c.var.deps;
  const info = requestInfoOf(c);
  await refuseDisabledAccount(c, userId, method);
  await startSession(c, userId, info);
  await recordLogin(deps, info, { userId, success: true, method });
  await noteSignInDevice(deps, userId, info, { alert: true });
  const user = (await loadSessionUser(deps, userId))!;
  return { status: 'signed_in' as const, user: publicUser(user) };
}
