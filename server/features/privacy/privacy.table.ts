import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';

/** Seed 001 "Data & Privacy": the analytics toggle. No row means off (opt-in). */
export const privacySettings = pgTable('privacy_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  analytics: boolean('analytics').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
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
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ticketHash: text('ticket_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('export_tickets_user').on(t.userId)],
);
