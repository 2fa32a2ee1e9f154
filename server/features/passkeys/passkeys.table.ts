import { bigint, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * A user's passkeys (WebAuthn credentials). The public key is not a secret; the signature counter
 * is kept to notice a cloned authenticator. A credential id belongs to one user only.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    /** The authenticator's credential id, base64url. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>(),
    name: text('name').notNull(),
    /** `singleDevice` or `multiDevice` (synced), and whether it is backed up. */
    deviceType: text('device_type').notNull(),
    backedUp: text('backed_up').notNull().default('false'),
    createdAt: instant('created_at').notNull(),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [uniqueIndex('passkeys_credential_id').on(t.credentialId), index('passkeys_user').on(t.userId)],
);

/**
 * Challenges handed to the browser, kept server-side so every instance can finish the ceremony, as
 * keyed hashes, single-use (taken by one DELETE … RETURNING) and short-lived.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    id: text('id').primaryKey(),
    challengeHash: text('challenge_hash').notNull(),
    /** `register` (bound to the signed-in user) or `authenticate`. */
    purpose: text('purpose').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [uniqueIndex('passkey_challenges_hash').on(t.challengeHash), index('passkey_challenges_expiry').on(t.expiresAt)],
);
