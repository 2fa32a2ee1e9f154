import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env, SessionUser } from '../../context';
import { HOUR } from '../../lib/clock';
import { newId, randomToken } from '../../lib/crypto';
import { AppError, conflict, forbidden, invalidField, isUniqueViolation } from '../../lib/errors';
import { users } from '../accounts/accounts.table';
import { pageLink } from '../confirmation/links';
import { enqueue, kick } from '../delivery/delivery.service';
import { endOtherSessions } from '../sessions/sessions.service';
import { confirmItsYou } from '../../lib/reauthenticate';
import { forgetTrustedDevices } from '../two-factor/two-factor.service';
import { emailChanges } from './email-change.table';

/** The fragments of the two links: `<page>#sk-change-email=<token>` and `#sk-cancel-email=<token>`. */
export const CHANGE_EMAIL_FRAGMENT = 'sk-change-email';
export const CANCEL_EMAIL_FRAGMENT = 'sk-cancel-email';
/** Both links work for a day. */
export const EMAIL_CHANGE_TTL_MS = 24 * HOUR;

const confirmHash = (deps: Deps, token: string) => deps.secrets.keyedHash(token, 'email-change-confirm');
const cancelHash = (deps: Deps, token: string) => deps.secrets.keyedHash(token, 'email-change-cancel');
const invalidLink = () => new AppError(400, 'invalid_token', 'This link is not valid any more. Ask for a new one in your profile.');
const taken = () => conflict('email_taken', 'Another account already uses this email address.', { newEmail: 'Another account already uses this email address.' });

/** The address waiting for its link, shown in the profile until it is used, cancelled or expires. */
export async function pendingEmailOf(deps: Deps, userId: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ newEmail: emailChanges.newEmail })
    .from(emailChanges)
    .where(and(eq(emailChanges.userId, userId), isNull(emailChanges.confirmedAt), gt(emailChanges.expiresAt, deps.clock.now())));
  return row?.newEmail ?? null;
}

/**
 * POST /profile/email: after the password, a single-use link to the new address and a notice with
 * an undo link to the old one. Nothing changes until the link is used: the sign-in email (and so the
 * lockout key) stays the old one. A new request replaces a pending one.
 */
export async function requestEmailChange(c: Context<Env>, user: SessionUser, input: { newEmail: string; password?: string }) {
  const deps = c.get('deps');
  // Under host identity the address is the host's (kept in step on every request): a change here
  // would be undone by the next one, so it is refused and made at the host.
  if (user.externalId) throw forbidden('email_managed_by_host', 'Your email address is managed by the application you signed in to. Change it there.');
  await confirmItsYou(deps, user, input.password);
  if (input.newEmail === user.email) throw invalidField('newEmail', 'This is already your email address.');
  const [owner] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, input.newEmail));
  if (owner) throw taken();
  await issueLinks(c, user, input.newEmail);
  return { pendingEmail: input.newEmail };
}

/** POST /profile/email/resend: the same change, new links (the old ones stop working). */
export async function resendEmailChange(c: Context<Env>, user: SessionUser) {
  const pending = await pendingEmailOf(c.get('deps'), user.id);
  if (!pending) throw new AppError(404, 'not_found', 'No email change is waiting for confirmation.');
  await issueLinks(c, user, pending);
  return { pendingEmail: pending };
}

async function issueLinks(c: Context<Env>, user: SessionUser, newEmail: string) {
  const deps = c.get('deps');
  const now = deps.clock.now();
  const confirm = randomToken(32);
  const cancel = randomToken(32);
  const name = user.displayName || user.email;
  // Both messages are queued in the transaction that records the change, so they go if and only if
  // it commits. The link counts against the quotas of the new address and the user (someone signed
  // in must not be able to mail any address at will); the notice is about the account itself.
  await deps.db.transaction(async (tx) => {
    await tx.delete(emailChanges).where(lte(emailChanges.expiresAt, now));
    await tx.delete(emailChanges).where(eq(emailChanges.userId, user.id));
    await tx.insert(emailChanges).values({
      id: newId(),
      userId: user.id,
      oldEmail: user.email,
      newEmail,
      sessionId: c.get('auth')?.sessionId ?? null,
      confirmHash: confirmHash(deps, confirm),
      cancelHash: cancelHash(deps, cancel),
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS),
    });
    const link = {
      to: newEmail,
      subject: `Confirm your new email for ${deps.appName}`,
      text: `Hello ${name},\n\nTo sign in to ${deps.appName} with this address from now on, open this link within 24 hours:\n\n${pageLink(c, CHANGE_EMAIL_FRAGMENT, confirm)}\n\nIf you did not ask for this, ignore this message: nothing changes.\n`,
      category: 'security',
    };
    const notice = {
      to: user.email,
      subject: `Your ${deps.appName} email is being changed`,
      text: `Hello ${name},\n\nSomeone signed in to your ${deps.appName} account asked to change its email from ${user.email} to ${newEmail}. It changes when the link sent there is opened.\n\nIf this was not you, stop the change (or undo it, if it happened already) within 24 hours with this link, then change your password:\n\n${pageLink(c, CANCEL_EMAIL_FRAGMENT, cancel)}\n`,
      category: 'security',
    };
    await enqueue(deps, tx, { route: 'mail', message: link }, { userId: user.id });
    await enqueue(deps, tx, { route: 'mail', message: notice }, { userId: user.id, quota: 'none' });
  });
  kick(deps);
}

/** DELETE /profile/email: the signed-in user drops the pending change. */
export async function cancelPendingEmailChange(deps: Deps, userId: string): Promise<void> {
  await deps.db.delete(emailChanges).where(and(eq(emailChanges.userId, userId), isNull(emailChanges.confirmedAt)));
}

/**
 * POST /profile/email/confirm: the link from the new address, once, before it expires and while
 * the account still has the address it was asked from. Every other session and trusted device
 * ends, as after a password change; the session that asked for the change stays.
 */
export async function confirmEmailChange(deps: Deps, token: string): Promise<{ userId: string; email: string }> {
  const now = deps.clock.now();
  const changed = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailChanges)
      .set({ confirmedAt: now })
      .where(and(eq(emailChanges.confirmHash, confirmHash(deps, token)), isNull(emailChanges.confirmedAt), gt(emailChanges.expiresAt, now)))
      .returning();
    if (!row) throw invalidLink();
    try {
      const updated = await tx
        .update(users)
        .set({ email: row.newEmail, emailConfirmedAt: now })
        .where(and(eq(users.id, row.userId), eq(users.email, row.oldEmail)))
        .returning({ id: users.id });
      if (!updated.length) throw invalidLink();
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
    return row;
  });
  await endOtherSessions(deps, changed.userId, changed.sessionId);
  await forgetTrustedDevices(deps, changed.userId);
  await deps.mail.send({
    to: changed.oldEmail,
    subject: `Your ${deps.appName} email was changed`,
    text: `Your ${deps.appName} account now signs in with ${changed.newEmail}. If this was not you, the link in the earlier message still undoes it until it expires.\n`,
    category: 'security',
  });
  return { userId: changed.userId, email: changed.newEmail };
}

/**
 * POST /profile/email/cancel: the undo link of the notice to the old address. Before the change it
 * voids it; after, it puts the old address back and ends every session (whoever changed it is out).
 */
export async function undoEmailChange(deps: Deps, token: string): Promise<{ email: string }> {
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(emailChanges)
      .where(and(eq(emailChanges.cancelHash, cancelHash(deps, token)), gt(emailChanges.expiresAt, now)))
      .returning();
    if (!row) throw invalidLink();
    if (!row.confirmedAt) return { row, reverted: false };
    try {
      await tx.update(users).set({ email: row.oldEmail }).where(and(eq(users.id, row.userId), eq(users.email, row.newEmail)));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('email_taken', 'The old address now belongs to another account.');
      throw error;
    }
    return { row, reverted: true };
  });
  if (result.reverted) {
    await endOtherSessions(deps, result.row.userId, null);
    await forgetTrustedDevices(deps, result.row.userId);
  }
  return { email: result.row.oldEmail };
}
