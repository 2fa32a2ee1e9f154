import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/** Seed 001 "Data & Privacy": the analytics toggle. No row means off (opt-in). */
export const privacySettings = pgTable('privacy_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  analytics: boolean('analytics').notNull().default(false),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * Short-lived, single-use download tickets for the data export, issued after a password re-check
 * (SECURITY.md 21) so the download itself can be a plain GET the browser streams to disk.
 * Only the keyed hash of the ticket is kept.
 */
export const exportTickets = pgTable(
  'export_tickets',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    ticketHash: text('ticket_hash').notNull().unique(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('export_tickets_user').on(t.userId)],
);
