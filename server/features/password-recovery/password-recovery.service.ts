import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env } from '../../context';
import { HOUR, MINUTE, SECOND } from '../../lib/clock';
import { newId, randomDigits, randomToken } from '../../lib/crypto';
import { AppError, invalidField, isUniqueViolation } from '../../lib/errors';
import { hashPassword, passwordProblem } from '../../lib/password';
import { users } from '../accounts/accounts.table';
import { countAttempt } from '../../lib/one-time-codes';
import { throttleKey, underLockout } from '../lockout/lockout';
import { readPolicy } from '../account-policy/account-policy.service';
import { pageLink } from '../confirmation/links';
import { endOtherSessions } from '../sessions/sessions.service';
import { forgetTrustedDevices } from '../two-factor/two-factor.service';
import { passwordResets } from './password-recovery.table';
import { enqueueIfAllowed, kick, type DeliveryPayload } from '../delivery/delivery.service';
import { lockKey, tryTakeQuota } from '../delivery/quota';

export const EMAIL_RESET_TTL_MS = HOUR;
export const SMS_RESET_TTL_MS = 10 * MINUTE;
export const SMS_RESET_MAX_ATTEMPTS = 5;
/** A second request inside this window sends nothing (and answers the same). */
export const RESEND_AFTER_MS = 60 * SECOND;
/** The fragment of the emailed link: `<page>#sk-reset-password=<token>`. */
export const RESET_FRAGMENT = 'sk-reset-password';

const tokenPurpose = 'password-reset';
const smsPurpose = 'password-reset-sms';

const invalidReset = () => new AppError(400, 'invalid_token', 'This reset link or code is not valid any more. Ask for a new one.');

/** Seed 002: recovery by SMS is offered when phone confirmation is on. */
export async function recoveryMethods(deps: Deps): Promise<('email' | 'sms')[]> {
  const policy = await readPolicy(deps.db);
  return policy.confirmation === 'phone' || policy.confirmation === 'both' ? ['email', 'sms'] : ['email'];
}

/**
 * Queues a reset link by email, or a code by SMS to the account's confirmed phone. Answers the same
 * whether or not the address exists, has a confirmed phone, asked a moment ago or is over a quota
 * (then nothing is sent), and never waits on a provider: the caller always says "if an account
 * exists, we sent…". The new secret voids the old one (one live reset per account).
 */
export async function requestReset(c: Context<Env>, input: { email: string; method: 'email' | 'sms' }): Promise<void> {
  const deps = c.var.deps;
  const now = deps.clock.now();
  const [user] = await deps.db
    .select({ id: users.id, email: users.email, displayName: users.displayName, phone: users.phone, phoneConfirmedAt: users.phoneConfirmedAt, status: users.status })
    .from(users)
    .where(eq(users.email, input.email));
  const sendsNothing = !user || user.status === 'disabled' || (input.method === 'sms' && (!(await recoveryMethods(deps)).includes('sms') || !user.phone || !user.phoneConfirmedAt));
  if (sendsNothing) return lookAlike(deps, input.email);
  const id = newId();
  const secret = input.method === 'email' ? randomToken(32) : randomDigits(6);
  const payload: DeliveryPayload =
    input.method === 'email'
      ? {
          route: 'mail',
          message: {
            to: user.email,
            subject: `Reset your ${deps.appName} password`,
            text: `Hello ${user.displayName || user.email},\n\nSomeone (hopefully you) asked to reset the password of your ${deps.appName} account. Open this link within an hour to choose a new one:\n\n${pageLink(c, RESET_FRAGMENT, secret)}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
            category: 'security',
          },
        }
      : { route: 'sms', message: { to: user.phone!, body: `${secret} is your ${deps.appName} password reset code. It expires in 10 minutes.` } };
  try {
    await deps.db.transaction(async (tx) => {
      // One request of this account at a time, on every instance: "a recent one?" and "write one" are one step.
      await lockKey(tx, `password-reset:${user.id}`);
      const [recent] = await tx
        .select({ id: passwordResets.id })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, user.id), eq(passwordResets.method, input.method), gt(passwordResets.createdAt, new Date(now.getTime() - RESEND_AFTER_MS))))
        .limit(1);
      if (recent) return;
      // Over a quota, nothing is sent and the answer stays the same (it must not tell that the account exists).
      if (!(await enqueueIfAllowed(deps, tx, payload, { userId: user.id }))) return;
      // Only the newest secret works: the unique index on live resets holds it even against a race.
      await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
      await tx.insert(passwordResets).values({
        id,
        userId: user.id,
        method: input.method,
        secretHash: input.method === 'email' ? deps.secrets.keyedHash(secret, tokenPurpose) : deps.secrets.keyedHash(`${id}:${secret}`, smsPurpose),
        createdAt: now,
        expiresAt: new Date(now.getTime() + (input.method === 'email' ? EMAIL_RESET_TTL_MS : SMS_RESET_TTL_MS)),
      });
    });
  } catch (error) {
    // Another request of this account won the race: its secret is the live one, and this one sends nothing.
    if (!isUniqueViolation(error, 'password_resets_one_live')) throw error;
  }
  kick(deps);
}

/**
 * What a request that sends nothing does instead: the locks and reads of one that sends (no
 * writes), so that how long the answer takes does not tell whether the address has an account.
 */
async function lookAlike(deps: Deps, email: string) {
  await deps.db.transaction(async (tx) => {
    await lockKey(tx, `password-reset:${deps.secrets.keyedHash(email, 'password-reset-look-alike')}`);
    await tx.select({ id: passwordResets.id }).from(passwordResets).where(eq(passwordResets.userId, '')).limit(1);
    await tryTakeQuota(deps, tx, { destination: email, userId: email }, { lookOnly: true });
  });
}

type ResetInput = { newPassword: string } & ({ token: string } | { email: string; code: string });

/**
 * Sets a new password with an emailed token or an SMS code: single use (atomic UPDATE … WHERE
 * used_at IS NULL), expiring, the SMS code under the sign-in lockout. Every session and trusted
 * device of the account ends, and a security email goes out. The user then signs in again, with
 * 2FA as before (a reset never turns it off).
 */
export async function resetPassword(deps: Deps, input: ResetInput): Promise<void> {
  const now = deps.clock.now();
  const reset = 'token' in input ? await findEmailReset(deps, input.token) : await judgeSmsCode(deps, input.email, input.code);
  const problem = passwordProblem(input.newPassword, reset.email);
  if (problem) throw invalidField('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  const { userId } = reset;
  await deps.db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ id: passwordResets.id });
    if (!spent.length) throw invalidReset();
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
    await endOtherSessions({ db: tx }, userId, null);
    await forgetTrustedDevices({ db: tx }, userId);
  });
  await deps.mail.send({
    to: reset.email,
    subject: `Your ${deps.appName} password was reset`,
    text: `The password of your ${deps.appName} account was just reset, and every device was signed out.\n\nIf this was not you, reset it again now and contact your administrator.\n`,
    category: 'security',
  });
}

/** The live reset of an emailed token (not spent yet: a refused new password keeps the link usable). */
async function findEmailReset(deps: Deps, token: string) {
  const [row] = await deps.db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.secretHash, deps.secrets.keyedHash(token, tokenPurpose)), eq(passwordResets.method, 'email'), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, deps.clock.now())));
  if (!row) throw invalidReset();
  return row;
}

/** The SMS code step: known and unknown emails take the same path through the lockout. */
async function judgeSmsCode(deps: Deps, email: string, code: string) {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email, secretHash: passwordResets.secretHash })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(users.email, email), eq(passwordResets.method, 'sms'), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  const ok = await underLockout(deps, throttleKey(deps, email), async () => {
    if (!row) return false;
    const counted = await countAttempt(deps.db, passwordResets, eq(passwordResets.id, row.id), SMS_RESET_MAX_ATTEMPTS);
    return !!counted && deps.secrets.matches(`${row.id}:${code}`, smsPurpose, row.secretHash);
  });
  if (!ok || !row) throw invalidReset();
  return { id: row.id, userId: row.userId, email: row.email };
}
