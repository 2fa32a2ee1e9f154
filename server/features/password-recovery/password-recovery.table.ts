import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';

/**
 * Password resets by email link or SMS code: keyed hash only, single use, expiring. At most one is
 * alive per account (`password_resets_one_live`): a new request voids the old one first, and two
 * requests racing cannot both leave a live secret.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    method: text('method', { enum: ['email', 'sms'] }).notNull(),
    secretHash: text('secret_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [
    uniqueIndex('password_resets_secret').on(t.secretHash),
    index('password_resets_user').on(t.userId, t.createdAt),
    uniqueIndex('password_resets_one_live').on(t.userId).where(sql`${t.usedAt} is null`),
  ],
);
