import { and, eq, gt, lte } from 'drizzle-orm';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import type { Deps, Env } from '../../context';
import { MINUTE } from '../../lib/clock';
import { newId, randomToken } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import type { RequestInfo } from '../../lib/request-info';
import { users } from '../accounts/accounts.table';
import { recordLogin } from '../login-activity/login-activity.service';
import { completeSignIn, refuseDisabledAccount, requestInfoOf } from '../sign-in/sign-in-completion';
import { attemptsWarning, recordSuccess, throttleKey, underLockout, type FailureOutcome } from '../lockout/lockout';
import { checkPasskeyAssertion } from '../passkeys/passkeys.service';
import { passkeyResponseOf } from '../passkeys/passkeys.schemas';
import { clearCookie, readCookie, writeCookie } from '../sessions/sessions.service';
import { acceptSmsCode, acceptTotp, consumeRecoveryCode, methodsOf, trustedDeviceHash, sendSmsCode, twoFactorState, TRUSTED_DEVICE_MS, type TwoFactorMethod } from './two-factor.service';
import { trustedDevices, twoFactorChallenges } from './two-factor.table';
import { readPolicy } from '../account-policy/account-policy.service';

export const CHALLENGE_COOKIE = 'sk_2fa';
export const TRUSTED_COOKIE = 'sk_trusted';
const CHALLENGE_TTL_MS = 10 * MINUTE;

const challengeHash = (deps: Deps, token: string) => deps.secrets.keyedHash(token, 'two-factor-challenge');
const trustedHash = trustedDeviceHash;

/**
 * A trusted-device token of this user, alive: marks it used and says yes. A token counts only for
 * the user it was issued to (A's cookie for B still asks for a code). Shared by the kit's code step
 * and a host's login (`twoFactor.isRequired`, kit.ts).
 */
export async function useTrustedDevice(deps: Deps, userId: string, token: string, ip: string | null): Promise<boolean> {
  const now = deps.clock.now();
  const used = await deps.db
    .update(trustedDevices)
    .set({ lastUsedAt: now, ip })
    .where(and(eq(trustedDevices.tokenHash, trustedHash(deps, token)), eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, now)))
    .returning({ id: trustedDevices.id });
  return used.length > 0;
}

/**
 * Called by the password step for a user with two-factor authentication on. Returns the
 * `two_factor_required` answer after setting the challenge cookie, or null when the request may
 * skip the code step (a trusted device of this user).
 */
export async function beginTwoFactorChallenge(
  c: Context<Env>,
  userId: string,
): Promise<{ status: 'two_factor_required'; methods: TwoFactorMethod[] } | null> {
  const deps = c.var.deps;
  const { methods, smsEverySignIn } = await allowedMethods(deps, userId);
  if (!methods.length) return signInCompletes(deps, userId);
  const now = deps.clock.now();

  // A trusted device counts only for the user it was issued to (A's cookie for B still asks for a code).
  // The SMS policy asks for a texted code at every sign-in: no device is trusted then.
  const trusted = smsEverySignIn ? undefined : readCookie(c, TRUSTED_COOKIE);
  if (trusted && (await useTrustedDevice(deps, userId, trusted, requestInfoOf(c).ip))) return signInCompletes(deps, userId);

  const token = randomToken(32);
  await deps.db.delete(twoFactorChallenges).where(and(eq(twoFactorChallenges.userId, userId), lte(twoFactorChallenges.expiresAt, now)));
  await deps.db.insert(twoFactorChallenges).values({
    id: newId(),
    tokenHash: challengeHash(deps, token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  writeCookie(c, CHALLENGE_COOKIE, token, CHALLENGE_TTL_MS / 1000);
  return { status: 'two_factor_required', methods };
}

/**
 * The methods the code step accepts for this user. Under the SMS policy (`requireTwoFactor` with
 * `twoFactorMethod: "sms"`) a user with SMS on answers with a texted code (or a one-time recovery
 * code, the way back for a lost phone) and never skips the step; a user without SMS yet keeps their
 * own methods here and is then sent to the SMS setup by the `two_factor_setup_required` gate.
 */
export async function allowedMethods(deps: Deps, userId: string): Promise<{ methods: TwoFactorMethod[]; smsEverySignIn: boolean }> {
  const [methods, policy] = await Promise.all([methodsOf(deps, userId), readPolicy(deps.db)]);
  const smsEverySignIn = policy.requireTwoFactor && policy.twoFactorMethod === 'sms' && methods.includes('sms');
  return smsEverySignIn ? { methods: methods.filter((m) => m === 'sms' || m === 'recovery_code'), smsEverySignIn } : { methods, smsEverySignIn };
}

/**
 * The password step kept the failure count for the code step (`onSuccess: 'release'`); when no code
 * step follows, the sign-in completes here, so the count is reset as for any successful sign-in.
 */
async function signInCompletes(deps: Deps, userId: string): Promise<null> {
  const [user] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (user) await recordSuccess(deps, throttleKey(deps, user.email));
  return null;
}

const challengeExpired = () => new AppError(401, 'challenge_expired', 'Your sign-in took too long. Enter your email and password again.');
const invalidCode = (warning = '') => new AppError(401, 'invalid_code', `That code is not correct.${warning}`);

/** The challenge behind the cookie, when it is alive. */
async function currentChallenge(c: Context<Env>) {
  const deps = c.var.deps;
  const token = readCookie(c, CHALLENGE_COOKIE);
  if (!token) throw challengeExpired();
  const [row] = await deps.db
    .select({ id: twoFactorChallenges.id, userId: twoFactorChallenges.userId, email: users.email })
    .from(twoFactorChallenges)
    .innerJoin(users, eq(users.id, twoFactorChallenges.userId))
    .where(and(eq(twoFactorChallenges.tokenHash, challengeHash(deps, token)), gt(twoFactorChallenges.expiresAt, deps.clock.now())));
  if (!row) throw challengeExpired();
  return row;
}

/**
 * POST /auth/sign-in/two-factor: the code step. Every attempt goes through the same lockout as the
 * password (5 failures → 423). Only a passing code ends the challenge and starts a session.
 */
export async function answerTwoFactorChallenge(c: Context<Env>, input: { method: TwoFactorMethod; code: string; trustDevice?: boolean }) {
  const deps = c.var.deps;
  const info = requestInfoOf(c);
  const challenge = await currentChallenge(c);
  const subject = { userId: challenge.userId, email: challenge.email, smsBinding: `challenge:${challenge.id}` };
  const failure: { outcome?: FailureOutcome } = {};
  const allowed = await allowedMethods(deps, challenge.userId);
  const ok = await judgeSecondFactor(deps, subject, input, { info, failure, allowed, passkey: (response) => checkPasskeyAssertion(c, response, challenge.userId) });
  if (!ok) throw invalidCode(attemptsWarning(failure.outcome));
  // The challenge is spent by one statement: a second request riding the same cookie gets no session.
  const spent = await deps.db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.id, challenge.id)).returning({ id: twoFactorChallenges.id });
  if (!spent.length) throw challengeExpired();
  clearCookie(c, CHALLENGE_COOKIE);
  await refuseDisabledAccount(c, challenge.userId, input.method); // before any trusted device is issued
  if (input.trustDevice && !allowed.smsEverySignIn) {
    const token = await issueTrustedDevice(deps, challenge.userId, info, readCookie(c, TRUSTED_COOKIE));
    writeCookie(c, TRUSTED_COOKIE, token, TRUSTED_DEVICE_MS / 1000);
  }
  return completeSignIn(c, challenge.userId, input.method);
}

/**
 * THE judge of a second factor, for the kit's code step and a host's login (`twoFactor.verify`)
 * alike: under the sign-in lockout of the user's email (5 failures → 423, shared by both ways in
 * and every instance), TOTP once per step (replays refused), SMS codes bound to `smsBinding`,
 * recovery codes single-use, passkey assertions with a challenge of ours. A wrong or locked-out
 * attempt lands in the login activity. Throws `account_locked`; returns whether the code passed.
 */
export async function judgeSecondFactor(
  deps: Deps,
  subject: { userId: string; email: string; smsBinding: string },
  input: { method: TwoFactorMethod; code: string },
  context: {
    info: RequestInfo;
    passkey: (response: AuthenticationResponseJSON) => Promise<boolean>;
    failure?: { outcome?: FailureOutcome };
    /** `allowedMethods` of the subject when the caller has it already (it needs it for the trusted device too). */
    allowed?: Awaited<ReturnType<typeof allowedMethods>>;
  },
): Promise<boolean> {
  const { methods, smsEverySignIn } = context.allowed ?? (await allowedMethods(deps, subject.userId));
  if (smsEverySignIn && !methods.includes(input.method)) {
    // Not a guess at a code, so not counted by the lockout: the method itself is not accepted.
    throw new AppError(400, 'method_not_allowed', 'Your administrator requires a code sent by text message.', { method: 'Use the code sent by text message.' });
  }
  const judge = async () => {
    if (input.method === 'totp') return acceptTotp(deps, subject.userId, input.code);
    if (input.method === 'sms') return (await acceptSmsCode(deps, subject.smsBinding, input.code)).ok;
    if (input.method === 'passkey') {
      const response = passkeyResponseOf(input.code);
      return response ? context.passkey(response) : false;
    }
    return consumeRecoveryCode(deps, subject.userId, input.code);
  };
  let ok: boolean;
  try {
    ok = await underLockout(deps, throttleKey(deps, subject.email), judge, { failure: context.failure });
  } catch (error) {
    if (error instanceof AppError && error.code === 'account_locked') await recordLogin(deps, context.info, { userId: subject.userId, success: false, reason: 'locked', method: input.method });
    throw error;
  }
  if (!ok) await recordLogin(deps, context.info, { userId: subject.userId, success: false, reason: 'wrong_code', method: input.method });
  return ok;
}

/** POST /auth/sign-in/two-factor/sms: sends a code bound to this challenge (resend throttled). */
export async function sendChallengeSms(c: Context<Env>) {
  const deps = c.var.deps;
  const challenge = await currentChallenge(c);
  await sendSecondFactorSms(deps, challenge.userId, `challenge:${challenge.id}`);
}

/** Texts a sign-in code to the user's 2FA phone, bound to `binding` (the kit's challenge, or a host's login). */
export async function sendSecondFactorSms(deps: Deps, userId: string, binding: string) {
  const state = await twoFactorState(deps, userId);
  if (!state?.smsPhone) throw new AppError(409, 'sms_not_enabled', 'Text-message codes are not set up for this account.');
  const phone = deps.secrets.decrypt(state.smsPhone, `two_factor_phone:${userId}`);
  await sendSmsCode(deps, { binding, userId, phone });
}

/**
 * Issues a 30-day trusted-device token: random, stored hashed, bound to this user; `previous` (the
 * token this browser held) is replaced. The kit's code step puts it in its cookie; a host's login
 * gets it from `twoFactor.verify` and keeps it in its own.
 */
export async function issueTrustedDevice(deps: Deps, userId: string, info: RequestInfo, previous?: string | null): Promise<string> {
  const now = deps.clock.now();
  if (previous) await deps.db.delete(trustedDevices).where(and(eq(trustedDevices.tokenHash, trustedHash(deps, previous)), eq(trustedDevices.userId, userId)));
  const token = randomToken(32);
  await deps.db.insert(trustedDevices).values({
    id: newId(),
    tokenHash: trustedHash(deps, token),
    userId,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + TRUSTED_DEVICE_MS),
    ip: info.ip,
    country: info.country,
    device: info.device,
    browser: info.browser,
    os: info.os,
  });
  return token;
}
