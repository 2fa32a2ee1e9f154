import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';
import { contacts } from '../contacts/contacts.table';

/**
 * RingCentral registration of one contact: the OAuth tokens, encrypted (AES-256-GCM bound to the
 * contact id). A row means "registered"; deleting the contact revokes the tokens first.
 */
export const ringcentralTokens = pgTable('ringcentral_tokens', {
  contactId: text('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The SDK's token data (access + refresh token, expiries), JSON then encrypted. */
  tokens: text('tokens').notNull(),
  accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }).notNull(),
  refreshExpiresAt: timestamp('refresh_expires_at', { withTimezone: true }),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
});

/**
 * OAuth `state` of a registration in flight: stored as a keyed hash, bound to the user and contact,
 * single use (deleted by the callback in one statement), 10-minute expiry. Holds the PKCE verifier
 * (encrypted), the redirect URI used, and the origin of the page that opened the popup.
 */
export const ringcentralStates = pgTable(
  'ringcentral_states',
  {
    stateHash: text('state_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    codeVerifier: text('code_verifier').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    openerOrigin: text('opener_origin').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ringcentral_states_user').on(t.userId)],
);
