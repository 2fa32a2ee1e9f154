import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';
import { contacts } from '../contacts/contacts.table';

/**
 * RingCentral registration of one contact: the OAuth tokens, encrypted (AES-256-GCM bound to the
 * contact id). A row means "registered"; deleting the contact revokes the tokens first.
 */
export const ringcentralTokens = pgTable('ringcentral_tokens', {
  contactId: text('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  userId: ownerUserId(),
  /** The SDK's token data (access + refresh token, expiries), JSON then encrypted. */
  tokens: text('tokens').notNull(),
  accessExpiresAt: instant('access_expires_at').notNull(),
  refreshExpiresAt: instant('refresh_expires_at'),
  registeredAt: instant('registered_at').notNull(),
  refreshedAt: instant('refreshed_at'),
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
    userId: ownerUserId(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    codeVerifier: text('code_verifier').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    openerOrigin: text('opener_origin').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('ringcentral_states_user').on(t.userId)],
);
