import { integer, text, timestamp } from 'drizzle-orm/pg-core';
import { sql, type SQLWrapper } from 'drizzle-orm';
import { users } from '../features/accounts/accounts.table';

// Column sets that several features' tables repeat. Each helper builds fresh column objects on
// every call (a drizzle column belongs to one table), with the same SQL names and types as before:
// `drizzle-kit generate` reports no schema change.

/** A timestamp with time zone: every time in the schema is an instant. */
export const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An instant read as the API's ISO 8601 text (`2026-12-08T01:02:03.456Z`, what `toISOString()`
 * gives, milliseconds truncated alike), formatted by the database: for hot lists, instead of
 * parsing each value into a Date and printing it again.
 */
export const isoText = (column: SQLWrapper) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The user the row belongs to; deleting the user deletes the row. */
export const ownerUserId = () =>
  text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/**
 * A row a browser holds a random token for (a session, a pending sign-in, a trusted device): only
 * the keyed hash of the token is stored, unique so a lookup finds at most one row.
 */
export const tokenRow = () => ({
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: ownerUserId(),
  createdAt: instant('created_at').notNull(),
});

/** Where a request came from, as lib/request-info describes it (IP, country, device, browser, OS). */
export const requestOrigin = () => ({
  ip: text('ip'),
  country: text('country'),
  device: text('device'),
  browser: text('browser'),
  os: text('os'),
});

/** A one-time code in flight: its keyed hash, the guesses so far, when it was sent and when it expires. */
export const oneTimeCode = () => ({
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  sentAt: instant('sent_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
