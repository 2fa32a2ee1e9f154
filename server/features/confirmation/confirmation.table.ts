import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * Outstanding confirmations: an email link (random token) or an SMS code sent to a phone. Only a
 * keyed hash of the secret is stored; `target` is the address the secret was sent to, so a link
 * for an old address confirms nothing once the email has changed.
 */
export const confirmationCodes = pgTable(
  'confirmation_codes',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    kind: text('kind', { enum: ['email', 'phone'] }).notNull(),
    target: text('target').notNull(),
    secretHash: text('secret_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [uniqueIndex('confirmation_codes_secret').on(t.secretHash), index('confirmation_codes_user_kind').on(t.userId, t.kind)],
);

/** Confirmed phones: one owner per number, held by the primary key (seed 002: "not owned by other users"). */
export const confirmedPhones = pgTable('confirmed_phones', {
  phone: text('phone').primaryKey(),
  userId: text('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  confirmedAt: instant('confirmed_at').notNull(),
});
