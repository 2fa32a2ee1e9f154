import { count, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env, SessionUser } from '../../context';
import { newId } from '../../lib/crypto';
import { AppError, conflict, forbidden, invalidField, isUniqueViolation } from '../../lib/errors';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from '../../lib/password';
import { describeRequest, type RequestInfo } from '../../lib/request-info';
import { accountPolicy } from '../account-policy/account-policy.table';
import { noteSignInDevice } from '../login-activity/login-activity.service';
import { loadSessionUser, startSession } from '../sessions/sessions.service';
import { beginTwoFactorChallenge } from '../two-factor/two-factor.challenge';
import { afterSignUp } from '../confirmation/confirmation.service';
import { createProfile } from '../profile/profiles.service';
import { loginActivity, users } from './accounts.table';
import { attemptsWarning, throttleKey, underLockout, type FailureOutcome } from './lockout';

export type LoginReason = 'wrong_password' | 'wrong_code' | 'locked' | 'unknown_user' | 'account_disabled';

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

/** Creates an account. The first account on an empty database becomes the admin. */
export async function signUp(c: Context<Env>, input: { email: string; password: string; displayName?: string }) {
  const deps = c.var.deps;
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw invalidField('password', problem);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  try {
    await deps.db.transaction(async (tx) => {
      const [{ n }] = (await tx.select({ n: count() }).from(users)) as [{ n: number }];
      const [policy] = await tx.select().from(accountPolicy).where(eq(accountPolicy.id, 1));
      const first = Number(n) === 0;
      const autoProfile = policy?.autoCreateProfile !== false;
      const displayName = input.displayName || (autoProfile ? input.email.split('@')[0]! : '');
      await tx.insert(users).values({
        id,
        email: input.email,
        passwordHash,
        displayName,
        role: first ? 'admin' : 'user',
        status: first || (policy?.autoActivate ?? true) ? 'active' : 'pending',
        createdAt: deps.clock.now(),
        passwordChangedAt: deps.clock.now(),
      });
      // "Automatic profile creation" (seed 002): the first profile, of the default type, from the
      // account name; when off, the user is asked to create it before anything else (the gate).
      if (autoProfile) await createProfile(deps, id, { displayName }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('email_taken', 'An account with this email already exists.', { email: 'An account with this email already exists.' });
    throw error;
  }
  const info = requestInfoOf(c);
  await startSession(c, id, info);
  await recordLogin(deps, info, { userId: id, success: true, method: 'sign_up' });
  await noteSignInDevice(deps, id, info, { alert: false });
  const user = (await loadSessionUser(deps, id))!;
  await afterSignUp(c, user); // the confirmation email, when the account policy asks for one
  return user;
}

const invalidCredentials = (warning = '') => new AppError(401, 'invalid_credentials', `The email or password is not correct.${warning}`);

/**
 * The password step. Known and unknown emails go through the same lockout and the same hash work,
 * and fail with the same answer (SECURITY.md 6).
 */
export async function signIn(c: Context<Env>, input: { email: string; password: string }) {
  const deps = c.var.deps;
  const info = requestInfoOf(c);
  const [user] = await deps.db
    .select({ id: users.id, passwordHash: users.passwordHash, twoFactorEnabled: users.twoFactorEnabled, status: users.status })
    .from(users)
    .where(eq(users.email, input.email));
  const key = throttleKey(deps, input.email);
  let ok: boolean;
  const failure: { outcome?: FailureOutcome } = {};
  try {
    ok = await underLockout(deps, key, () => (user?.passwordHash ? verifyPassword(user.passwordHash, input.password) : verifyAgainstNothing(input.password)), {
      failure,
      // The count is reset only by a sign-in that completes: later by the code step, never for a disabled account.
      onSuccess: user?.twoFactorEnabled || user?.status === 'disabled' ? 'release' : 'reset',
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'account_locked') await recordLogin(deps, info, { userId: user?.id ?? null, success: false, reason: 'locked' });
    throw error;
  }
  if (!ok || !user) {
    await recordLogin(deps, info, { userId: user?.id ?? null, success: false, reason: user ? 'wrong_password' : 'unknown_user' });
    throw invalidCredentials(attemptsWarning(failure.outcome));
  }
  await refuseDisabledAccount(c, user.id, 'password', user.status); // read with the password; completeSignIn reads it again
  if (user.twoFactorEnabled) {
    const challenge = await beginTwoFactorChallenge(c, user.id);
    if (challenge) return challenge;
  }
  return completeSignIn(c, user.id, 'password');
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
