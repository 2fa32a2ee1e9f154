import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';

/**
 * Two-factor state of one user. Secrets and the phone are encrypted (AES-256-GCM bound to the user id);
 * `users.two_factor_enabled` mirrors "some method is on" so the password step reads one row.
 */
export const twoFactor = pgTable('two_factor', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The verified TOTP secret (base32, encrypted), or null. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** A setup not yet confirmed by a code (encrypted). */
  totpPendingSecret: text('totp_pending_secret'),
  totpPendingAt: timestamp('totp_pending_at', { withTimezone: true }),
  /** The last accepted TOTP time step: any code at or before it is refused (replay). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The verified SMS phone (E.164, encrypted), or null. */
  smsPhone: text('sms_phone'),
  smsEnabledAt: timestamp('sms_enabled_at', { withTimezone: true }),
  recoveryCodesCreatedAt: timestamp('recovery_codes_created_at', { withTimezone: true }),
});

/** Recovery codes as keyed hashes; `used_at` is set by one atomic UPDATE … WHERE used_at IS NULL. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash').on(t.userId, t.codeHash)],
);

/**
 * A pending sign-in: the password step passed, the code step has not. The cookie holds a random
 * token; only its keyed hash is stored. No session exists until the code passes.
 */
export const twoFactorChallenges = pgTable(
  'two_factor_challenges',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('two_factor_challenges_user').on(t.userId)],
);

/**
 * SMS codes, one live code per purpose: `binding` is `challenge:<id>` (sign-in) or `setup:<userId>`
 * (enabling SMS). Stored hashed; `attempts` caps guesses; `sent_at` throttles resends.
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: text('id').primaryKey(),
    binding: text('binding').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    /** For setup: the phone being verified (encrypted). */
    phone: text('phone'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sms_codes_binding').on(t.binding), index('sms_codes_user').on(t.userId)],
);

/** Browsers that skip the code step for 30 days: random cookie token, stored hashed, bound to one user. */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    country: text('country'),
    device: text('device'),
    browser: text('browser'),
    os: text('os'),
  },
  (t) => [index('trusted_devices_user').on(t.userId)],
);
