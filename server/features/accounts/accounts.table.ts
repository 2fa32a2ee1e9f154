import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased; the login name. */
  email: text('email').notNull().unique(),
  /** Null for a user of a host with its own sign-in (`identify`): they have no password here. */
  passwordHash: text('password_hash'),
  /** The host's id of this user under host identity (`identify`); null for the kit's own accounts. */
  externalId: text('external_id').unique(),
  displayName: text('display_name').notNull().default(''),
  role: text('role', { enum: ['user', 'admin'] }).notNull().default('user'),
  status: text('status', { enum: ['active', 'pending', 'disabled'] }).notNull().default('active'),
  phone: text('phone'),
  timezone: text('timezone'),
  language: text('language'),
  avatarId: text('avatar_id'),
  /**
   * The profile the Profile tab edits (features/profile/profiles.service); null until the first
   * profile exists (policy `autoCreateProfile` off: the user is asked to create it). Its display name
   * is mirrored in `display_name`. No foreign key: profiles reference users, and the switch and the
   * delete set this column in the same transaction as the profile rows.
   */
  currentProfileId: text('current_profile_id'),
  /** Kept in step by the two-factor feature, so `/me` reads one row. */
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  /** Theme, compact, date and time format (preferences feature); read with `/me`. */
  preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
  emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
  phoneConfirmedAt: timestamp('phone_confirmed_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
