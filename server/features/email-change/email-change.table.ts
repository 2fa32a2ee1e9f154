import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';

/**
 * A change of sign-in email in progress: at most one per account (a new request replaces it).
 * `confirm_hash` is the link mailed to the new address; `cancel_hash` the undo link in the notice
 * to the old one, valid as long, and still able to put the old address back after the change.
 */
export const emailChanges = pgTable(
  'email_changes',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    oldEmail: text('old_email').notNull(),
    newEmail: text('new_email').notNull(),
    confirmHash: text('confirm_hash').notNull(),
    cancelHash: text('cancel_hash').notNull(),
    /** The session that asked: it stays signed in when the link is opened (elsewhere, perhaps); the others end. */
    sessionId: text('session_id'),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** Set when the new address confirmed: the change is made, the undo link still works until expiry. */
    confirmedAt: instant('confirmed_at'),
  },
  (t) => [uniqueIndex('email_changes_user').on(t.userId), uniqueIndex('email_changes_confirm').on(t.confirmHash), uniqueIndex('email_changes_cancel').on(t.cancelHash), index('email_changes_expiry').on(t.expiresAt)],
);
