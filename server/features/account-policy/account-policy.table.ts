import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';
import { profileTypes } from '../profile/profile.table';

/**
 * The admin's account policy (seed 002): one row, id 1. Sessions read `onlineTimeframeMinutes`
 * as their idle timeout in the same query that resolves the cookie.
 */
export const accountPolicy = pgTable('account_policy', {
  id: integer('id').primaryKey().default(1),
  onlineTimeframeMinutes: integer('online_timeframe_minutes').notNull().default(60 * 24 * 7),
  autoActivate: boolean('auto_activate').notNull().default(true),
  activationEmail: boolean('activation_email').notNull().default(true),
  confirmation: text('confirmation', { enum: ['none', 'email', 'phone', 'both'] }).notNull().default('none'),
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  /** Which second factor `requireTwoFactor` accepts: any method, or an SMS code at every sign-in (seed 002). */
  twoFactorMethod: text('two_factor_method', { enum: ['any', 'sms'] }).notNull().default('any'),
  autoCreateProfile: boolean('auto_create_profile').notNull().default(true),
  /** The type of a profile made at sign-up or created without a type (a type in use cannot be deleted). */
  defaultProfileTypeId: text('default_profile_type_id')
    .notNull()
    .default('person')
    .references(() => profileTypes.id, { onDelete: 'restrict' }),
  /** How many profiles one account may hold; 0 = no limit (seed 002). */
  profileLimit: integer('profile_limit').notNull().default(0),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
