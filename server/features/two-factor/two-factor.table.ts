import { bigint, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, oneTimeCode, ownerUserId, requestOrigin, tokenRow } from '../../db/columns';
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
  totpEnabledAt: instant('totp_enabled_at'),
  /** A setup not yet confirmed by a code (encrypted). */
  totpPendingSecret: text('totp_pending_secret'),
  totpPendingAt: instant('totp_pending_at'),
  /** The last accepted TOTP time step: any code at or before it is refused (replay). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The verified SMS phone (E.164, encrypted), or null. */
  smsPhone: text('sms_phone'),
  smsEnabledAt: instant('sms_enabled_at'),
  recoveryCodesCreatedAt: instant('recovery_codes_created_at'),
});

/** Recovery codes as keyed hashes; `used_at` is set by one atomic UPDATE … WHERE used_at IS NULL. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    codeHash: text('code_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    usedAt: instant('used_at'),
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
    ...tokenRow(),
    expiresAt: instant('expires_at').notNull(),
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
    userId: ownerUserId(),
    ...oneTimeCode(),
    /** For setup: the phone being verified (encrypted). */
    phone: text('phone'),
  },
  (t) => [uniqueIndex('sms_codes_binding').on(t.binding), index('sms_codes_user').on(t.userId)],
);

/** Browsers that skip the code step for 30 days: random cookie token, stored hashed, bound to one user. */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    ...tokenRow(),
    lastUsedAt: instant('last_used_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    ...requestOrigin(),
  },
  (t) => [index('trusted_devices_user').on(t.userId)],
);
