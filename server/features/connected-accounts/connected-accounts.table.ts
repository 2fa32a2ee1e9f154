import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';

/**
 * A third-party account (Google, Microsoft, GitHub) linked for sign-in. One per provider per user,
 * and one provider identity belongs to one user — both held by unique indexes. Provider tokens
 * are encrypted at rest, bound to the row id.
 */
export const connectedAccounts = pgTable(
  'connected_accounts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['google', 'microsoft', 'github'] }).notNull(),
    /** The provider's stable subject id (`sub`, or GitHub's numeric id). */
    subject: text('subject').notNull(),
    email: text('email'),
    displayName: text('display_name'),
    accessTokenEncrypted: text('access_token_encrypted'),
    refreshTokenEncrypted: text('refresh_token_encrypted'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('connected_accounts_user_provider').on(t.userId, t.provider),
    uniqueIndex('connected_accounts_identity').on(t.provider, t.subject),
  ],
);

/**
 * Pending OAuth authorizations (state + PKCE verifier), kept in the database so any server instance
 * can finish the flow. Single use: the callback deletes the row it consumes. `userId` is set for a
 * link, null for a sign-in.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: text('id').primaryKey(),
    stateHash: text('state_hash').notNull().unique(),
    provider: text('provider', { enum: ['google', 'microsoft', 'github'] }).notNull(),
    purpose: text('purpose', { enum: ['link', 'sign_in'] }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    codeVerifierEncrypted: text('code_verifier_encrypted').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    /** Popup flow: the opener's origin, the only target the result is posted to. */
    openerOrigin: text('opener_origin'),
    /** Full-page flow: where to go afterwards (a path on this server or an allowlisted origin). */
    returnTo: text('return_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oauth_states_expires').on(t.expiresAt)],
);
