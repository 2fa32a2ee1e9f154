import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * Lockout state per email (keyed hash of the normalised address, known or not), shared by every
 * server instance. `failures` counts only attempts judged wrong in the current round; attempts being
 * judged right now are `inFlight`, given back when they finish, so a right password never counts.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** How many locks this run of failures has already earned (0 → next lock is 5 min, else 1 h). */
  strikes: integer('strikes').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Attempts reserved and not yet judged; void once `inFlightSince` is older than the reservation lifetime. */
  inFlight: integer('in_flight').notNull().default(0),
  /** When the latest attempt was reserved: a crashed request's reservation expires from here. */
  inFlightSince: timestamp('in_flight_since', { withTimezone: true }),
});

/** Every sign-in attempt, success or failure with its reason. */
export const loginActivity = pgTable(
  'login_activity',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    success: boolean('success').notNull(),
    /** `wrong_password`, `wrong_code`, `locked`, `unknown_user`, `account_disabled`, or null on success. */
    reason: text('reason'),
    method: text('method').notNull().default('password'),
    ip: text('ip'),
    country: text('country'),
    device: text('device'),
    browser: text('browser'),
    os: text('os'),
  },
  (t) => [index('login_activity_user_at_id').on(t.userId, t.at.desc(), t.id.desc())],
);
