import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Context } from 'hono';
import { requireE164 } from '../../lib/phone';
import type { Deps, Env, SessionUser } from '../../context';
import type { Tx } from '../../db/client';
import { DAY, MINUTE, SECOND } from '../../lib/clock';
import { newId, randomDigits, randomToken } from '../../lib/crypto';
import { AppError, conflict, isUniqueViolation, tooManyRequests } from '../../lib/errors';
import { users } from '../accounts/accounts.table';
import { countAttempt } from '../../lib/one-time-codes';
import { throttleKey, underLockout } from '../lockout/lockout';
import { readPolicy } from '../account-policy/account-policy.service';
import { confirmationCodes, confirmedPhones } from './confirmation.table';
import { pageLink } from './links';
import { enqueue, enqueueIfAllowed, kick } from '../delivery/delivery.service';
import { lockKey } from '../delivery/quota';

export const EMAIL_LINK_TTL_MS = DAY;
export const PHONE_CODE_TTL_MS = 10 * MINUTE;
export const PHONE_CODE_MAX_ATTEMPTS = 5;
export const RESEND_AFTER_MS = 60 * SECOND;
/** The fragment the emailed link carries: `<page>#sk-confirm-email=<token>`. */
export const CONFIRM_EMAIL_FRAGMENT = 'sk-confirm-email';

const emailPurpose = 'email-confirmation';
const phonePurpose = 'phone-confirmation';

const invalidLink = () => new AppError(400, 'invalid_token', 'This confirmation link is not valid any more. Ask for a new one.');
const invalidCode = () => new AppError(400, 'invalid_code', 'The code is not correct or has expired. Ask for a new one.');

/** E.164 or a clear field error. */
export const normalisePhone = requireE164;

/**
 * Refuses a second message inside RESEND_AFTER_MS, from the newest row of the database. Run inside
 * the transaction that writes the new code, after `lockKey(confirmationKey(…))`: the lock makes
 * "is there a recent one? then write one" a single step on every instance.
 */
async function throttleResend(deps: Deps, tx: Tx, userId: string, kind: 'email' | 'phone') {
  const now = deps.clock.now();
  const [last] = await tx
    .select({ createdAt: confirmationCodes.createdAt })
    .from(confirmationCodes)
    .where(and(eq(confirmationCodes.userId, userId), eq(confirmationCodes.kind, kind), gt(confirmationCodes.createdAt, new Date(now.getTime() - RESEND_AFTER_MS))))
    .orderBy(desc(confirmationCodes.createdAt))
    .limit(1);
  if (last) {
    const wait = (last.createdAt.getTime() + RESEND_AFTER_MS - now.getTime()) / 1000;
    throw tooManyRequests(wait, 'A message was sent a moment ago. Wait a little before asking for another.');
  }
}

const confirmationKey = (userId: string, kind: 'email' | 'phone') => `confirmation:${kind}:${userId}`;

/**
 * Emails a single-use link that confirms the current address for 24 hours. The link, the quota and
 * the message commit together. `throttle: false` (right after sign-up) skips the resend check, and a
 * refused quota then sends nothing instead of failing the sign-up.
 */
export async function sendEmailConfirmation(c: Context<Env>, user: Pick<SessionUser, 'id' | 'email' | 'displayName'>, options: { throttle?: boolean } = {}) {
  const deps = c.var.deps;
  const token = randomToken(32);
  const now = deps.clock.now();
  const link = pageLink(c, CONFIRM_EMAIL_FRAGMENT, token);
  const message = {
    to: user.email,
    subject: `Confirm your email for ${deps.appName}`,
    text: `Hello ${user.displayName || user.email},\n\nConfirm that this address belongs to your ${deps.appName} account by opening this link within 24 hours:\n\n${link}\n\nIf you did not create an account, ignore this message.\n`,
    category: 'security',
  };
  await deps.db.transaction(async (tx) => {
    await lockKey(tx, confirmationKey(user.id, 'email'));
    if (options.throttle !== false) {
      await throttleResend(deps, tx, user.id, 'email');
      await enqueue(deps, tx, { route: 'mail', message }, { userId: user.id });
    } else if (!(await enqueueIfAllowed(deps, tx, { route: 'mail', message }, { userId: user.id }))) {
      return;
    }
    // Only the newest link works: older ones are spent.
    await tx.update(confirmationCodes).set({ usedAt: now }).where(and(eq(confirmationCodes.userId, user.id), eq(confirmationCodes.kind, 'email'), isNull(confirmationCodes.usedAt)));
    await tx.insert(confirmationCodes).values({
      id: newId(),
      userId: user.id,
      kind: 'email',
      target: user.email,
      secretHash: deps.secrets.keyedHash(token, emailPurpose),
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_MS),
    });
  });
  kick(deps);
  return { sentTo: user.email };
}

/**
 * Confirms the address a link was sent to: single use (one atomic UPDATE … WHERE used_at IS NULL),
 * expiring, and void when the account's email has changed since. Needs no session, so the link
 * works in any browser.
 */
export async function confirmEmail(deps: Deps, token: string): Promise<{ userId: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [code] = await tx
      .update(confirmationCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(confirmationCodes.secretHash, deps.secrets.keyedHash(token, emailPurpose)),
          eq(confirmationCodes.kind, 'email'),
          isNull(confirmationCodes.usedAt),
          gt(confirmationCodes.expiresAt, now),
        ),
      )
      .returning({ userId: confirmationCodes.userId, target: confirmationCodes.target });
    if (!code) throw invalidLink();
    const confirmed = await tx
      .update(users)
      .set({ emailConfirmedAt: now })
      .where(and(eq(users.id, code.userId), eq(users.email, code.target)))
      .returning({ id: users.id });
    if (!confirmed.length) throw invalidLink();
    return { userId: code.userId };
  });
}

/** The phone already belongs to another account (confirmed there). */
const phoneTaken = () => conflict('phone_taken', 'This phone number belongs to another account.', { phone: 'This phone number belongs to another account.' });

async function ownerOf(deps: Deps, phone: string): Promise<string | null> {
  const [row] = await deps.db.select({ userId: confirmedPhones.userId }).from(confirmedPhones).where(eq(confirmedPhones.phone, phone));
  return row?.userId ?? null;
}

/** Texts a 6-digit code (10 minutes, 5 tries) to a phone no other account owns; resend throttled, quotas taken. */
export async function sendPhoneCode(deps: Deps, user: Pick<SessionUser, 'id'>, rawPhone: string) {
  const phone = normalisePhone(rawPhone);
  const owner = await ownerOf(deps, phone);
  if (owner && owner !== user.id) throw phoneTaken();
  const code = randomDigits(6);
  const id = newId();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockKey(tx, confirmationKey(user.id, 'phone'));
    await throttleResend(deps, tx, user.id, 'phone');
    await enqueue(deps, tx, { route: 'sms', message: { to: phone, body: `${code} is your ${deps.appName} confirmation code. It expires in 10 minutes.` } }, { userId: user.id });
    await tx.update(confirmationCodes).set({ usedAt: now }).where(and(eq(confirmationCodes.userId, user.id), eq(confirmationCodes.kind, 'phone'), isNull(confirmationCodes.usedAt)));
    await tx.insert(confirmationCodes).values({
      id,
      userId: user.id,
      kind: 'phone',
      target: phone,
      secretHash: deps.secrets.keyedHash(`${id}:${code}`, phonePurpose),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PHONE_CODE_TTL_MS),
    });
  });
  kick(deps);
  return { sentTo: phone };
}

/**
 * Checks the code under the sign-in lockout of the user's email (SECURITY.md 8), then, in one
 * transaction, spends it (atomic) and makes the phone this account's — the primary key of
 * `confirmed_phones` refuses a number another account confirmed meanwhile.
 */
export async function confirmPhone(deps: Deps, user: Pick<SessionUser, 'id' | 'email'>, code: string) {
  const now = deps.clock.now();
  const [live] = await deps.db
    .select()
    .from(confirmationCodes)
    .where(and(eq(confirmationCodes.userId, user.id), eq(confirmationCodes.kind, 'phone'), isNull(confirmationCodes.usedAt), gt(confirmationCodes.expiresAt, now)))
    .orderBy(desc(confirmationCodes.createdAt))
    .limit(1);
  const ok = await underLockout(deps, throttleKey(deps, user.email), async () => {
    if (!live) return false;
    // Count the try first, atomically: at most PHONE_CODE_MAX_ATTEMPTS tries are ever judged.
    const counted = await countAttempt(deps.db, confirmationCodes, eq(confirmationCodes.id, live.id), PHONE_CODE_MAX_ATTEMPTS);
    return !!counted && deps.secrets.matches(`${live.id}:${code}`, phonePurpose, live.secretHash);
  });
  if (!ok || !live) throw invalidCode();
  try {
    await deps.db.transaction(async (tx) => {
      const spent = await tx
        .update(confirmationCodes)
        .set({ usedAt: now })
        .where(and(eq(confirmationCodes.id, live.id), isNull(confirmationCodes.usedAt)))
        .returning({ id: confirmationCodes.id });
      if (!spent.length) throw invalidCode();
      await tx.delete(confirmedPhones).where(and(eq(confirmedPhones.userId, user.id), ne(confirmedPhones.phone, live.target)));
      await tx.insert(confirmedPhones).values({ phone: live.target, userId: user.id, confirmedAt: now }).onConflictDoUpdate({
        target: confirmedPhones.phone,
        set: { confirmedAt: now },
        setWhere: eq(confirmedPhones.userId, user.id),
      });
      const [mine] = await tx.select({ userId: confirmedPhones.userId }).from(confirmedPhones).where(eq(confirmedPhones.phone, live.target));
      if (mine?.userId !== user.id) throw phoneTaken();
      await tx.update(users).set({ phone: live.target, phoneConfirmedAt: now }).where(eq(users.id, user.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw phoneTaken();
    throw error;
  }
  return { phone: live.target };
}

/**
 * The account's phone changed to `phone` (the profile): the number the user confirmed before is
 * theirs no longer, so its `confirmed_phones` row goes (another account may confirm it now). Run it
 * in the transaction that changed `users.phone`, after that update, so the user row is locked.
 */
export async function releaseConfirmedPhone(tx: Tx, userId: string, phone: string | null) {
  await tx.delete(confirmedPhones).where(phone ? and(eq(confirmedPhones.userId, userId), ne(confirmedPhones.phone, phone)) : eq(confirmedPhones.userId, userId));
}

/** Called after sign-up: sends the confirmation email at once when the policy asks for it. */
export async function afterSignUp(c: Context<Env>, user: Pick<SessionUser, 'id' | 'email' | 'displayName'>) {
  const policy = await readPolicy(c.var.deps.db);
  if (policy.confirmation === 'email' || policy.confirmation === 'both') await sendEmailConfirmation(c, user, { throttle: false });
}
