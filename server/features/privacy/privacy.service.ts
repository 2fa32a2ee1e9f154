import { and, count, eq, gt, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env, SessionUser } from '../../context';
import { MINUTE } from '../../lib/clock';
import { newId, randomToken } from '../../lib/crypto';
import { AppError, conflict, forbidden } from '../../lib/errors';
import { confirmItsYou } from '../../lib/reauthenticate';
import { users } from '../accounts/accounts.table';
import { clearCookie, SESSION_COOKIE } from '../sessions/sessions.service';
import { lockActiveAdmins, otherActiveAdmins } from '../user-admin/user-admin.service';
import { exportTickets, privacySettings } from './privacy.table';

export interface PrivacySettings {
  analytics: boolean;
}

/** How long a download ticket of the export lasts. */
export const EXPORT_TICKET_MS = 5 * MINUTE;
/** The word typed to confirm account deletion. */
export const DELETE_CONFIRMATION_WORD = 'DELETE';

/** Whether the host lets users delete their own account (`allowAccountDeletion`, default true). */
export const accountDeletionAllowed = (deps: Deps) => deps.options.allowAccountDeletion !== false;

export async function getPrivacySettings(deps: Pick<Deps, 'db'>, userId: string): Promise<PrivacySettings> {
  const [row] = await deps.db.select({ analytics: privacySettings.analytics }).from(privacySettings).where(eq(privacySettings.userId, userId));
  return { analytics: row?.analytics ?? false };
}

export async function putPrivacySettings(deps: Deps, userId: string, next: PrivacySettings): Promise<PrivacySettings> {
  const values = { analytics: next.analytics, updatedAt: deps.clock.now() };
  const [row] = await deps.db
    .insert(privacySettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: privacySettings.userId, set: values })
    .returning({ analytics: privacySettings.analytics });
  return { analytics: row!.analytics };
}

/** Re-authentication before exporting or deleting (SECURITY.md 21): the shared check (lib/reauthenticate.ts). */
export const confirmPassword = (deps: Deps, user: SessionUser, password: string | undefined) => confirmItsYou(deps, user, password);

const ticketHash = (deps: Deps, ticket: string) => deps.secrets.keyedHash(ticket, 'export-ticket');

/** After the password re-check: a single-use ticket for `GET /account/export?ticket=…`, valid 5 minutes. */
export async function issueExportTicket(deps: Deps, user: SessionUser, password: string | undefined) {
  await confirmPassword(deps, user, password);
  const ticket = randomToken(32);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + EXPORT_TICKET_MS);
  // Spent and expired tickets of this user are of no use any more.
  await deps.db.delete(exportTickets).where(and(eq(exportTickets.userId, user.id), or(lt(exportTickets.expiresAt, now), isNotNull(exportTickets.usedAt))));
  await deps.db.insert(exportTickets).values({ id: newId(), userId: user.id, ticketHash: ticketHash(deps, ticket), createdAt: now, expiresAt });
  return { ticket, expiresAt };
}

/** Spends a ticket of this user: one atomic UPDATE, so two downloads with one ticket get one file. */
export async function redeemExportTicket(deps: Deps, userId: string, ticket: string): Promise<void> {
  const now = deps.clock.now();
  const [spent] = await deps.db
    .update(exportTickets)
    .set({ usedAt: now })
    .where(and(eq(exportTickets.ticketHash, ticketHash(deps, ticket)), eq(exportTickets.userId, userId), isNull(exportTickets.usedAt), gt(exportTickets.expiresAt, now)))
    .returning({ id: exportTickets.id });
  if (!spent) throw forbidden('export_ticket_invalid', 'This download link has expired or was already used. Start the export again.');
}

/**
 * Deletes the account: password and the confirmation word, then, in one transaction, the last-admin
 * guard and one DELETE of the user row whose foreign keys (ON DELETE CASCADE) take every other row of
 * the user with it — sessions included, so every signed-in browser is out at once — and, after the
 * commit, a goodbye email. The last active administrator cannot go while other accounts exist
 * (409 `last_admin`, the rule of the demotion guard in user-admin).
 */
export async function deleteAccount(c: Context<Env>, user: SessionUser, input: { password?: string; confirm: string }) {
  const deps = c.var.deps;
  if (!accountDeletionAllowed(deps)) throw forbidden('account_deletion_disabled', 'Deleting accounts is turned off here. Ask your administrator.');
  await confirmPassword(deps, user, input.password);
  const deleted = await deps.db.transaction(async (tx) => {
    // The demotion guard's locks, in its order: the active admins, then this account. Two admins
    // deleting themselves (or one deleting while the other is demoted) at once wait for each other.
    await lockActiveAdmins(tx);
    const [me] = await tx.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, user.id)).for('update');
    if (!me) return [];
    // A host user's role is the host's word (kept in step on each request), so the host, not this
    // guard, decides who administers; the guard protects only the kit's own administrators.
    if (me.role === 'admin' && me.status === 'active' && !user.externalId) {
      const [others] = await tx.select({ n: count() }).from(users).where(ne(users.id, user.id));
      if (Number(others?.n) > 0 && (await otherActiveAdmins(tx, user.id)) === 0) {
        throw conflict('last_admin', 'You are the last active administrator. Make someone else an administrator before deleting your account.');
      }
    }
    return tx.delete(users).where(eq(users.id, user.id)).returning({ email: users.email, displayName: users.displayName });
  });
  if (!deleted.length) throw new AppError(404, 'not_found', 'The account was not found.');
  clearCookie(c, SESSION_COOKIE);
  if (user.externalId && deps.options.onAccountDeleted) {
    // Our rows are gone (committed); a failing hook must not turn that into an error answer.
    try {
      await deps.options.onAccountDeleted(user.externalId);
    } catch (error) {
      deps.log(`[privacy] onAccountDeleted(${user.externalId}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const [{ email, displayName }] = deleted as [{ email: string; displayName: string }];
  try {
    await deps.mail.send({
      to: email,
      category: 'security',
      subject: `Your ${deps.appName} account has been deleted`,
      text: [
        `Hello${displayName ? ` ${displayName}` : ''},`,
        '',
        `Your ${deps.appName} account (${email}) and all of its data were deleted at your request on ${deps.clock.now().toISOString()}.`,
        'This cannot be undone. If you did not ask for this, contact support right away.',
        '',
        'Goodbye, and thank you.',
      ].join('\n'),
    });
  } catch (error) {
    deps.log(`[privacy] goodbye email to ${email} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
