import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';

/** One row per signed-in browser. Only the hash of the cookie token is kept. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
    /** Absolute lifetime end; the idle timeout comes from the account policy. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    country: text('country'),
    userAgent: text('user_agent'),
    device: text('device'),
    browser: text('browser'),
    os: text('os'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
