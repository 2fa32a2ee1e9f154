import { count, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Env } from '../../context';
import { newId } from '../../lib/crypto';
import { AppError, conflict, invalidField, isUniqueViolation } from '../../lib/errors';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from '../../lib/password';
import { accountPolicy } from '../account-policy/account-policy.table';
import { noteSignInDevice, recordLogin } from '../login-activity/login-activity.service';
import { completeSignIn, refuseDisabledAccount, requestInfoOf } from '../sign-in/sign-in-completion';
import { loadSessionUser, startSession } from '../sessions/sessions.service';
import { beginTwoFactorChallenge } from '../two-factor/two-factor.challenge';
import { afterSignUp } from '../confirmation/confirmation.service';
import { createProfile } from '../profile/profiles.service';
import { users } from './accounts.table';
import { attemptsWarning, throttleKey, underLockout, type FailureOutcome } from '../lockout/lockout';

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

