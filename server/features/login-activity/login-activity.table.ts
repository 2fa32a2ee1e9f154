import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, ownerUserId, requestOrigin } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * Devices (device type + browser + OS family, keyed-hashed) a user has signed in from, so a sign-in
 * from one not seen before can trigger the new-login alert. The primary key makes "first time?" a
 * single atomic INSERT … ON CONFLICT DO NOTHING, right on every server instance.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    userId: ownerUserId(),
    fingerprint: text('fingerprint').notNull(),
    firstSeenAt: instant('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.fingerprint] })],
);

/** The user's choice about new-login alert emails; no row means on. */
export const loginAlertSettings = pgTable('login_alert_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  newLoginEmail: boolean('new_login_email').notNull().default(true),
});

/** Every sign-in attempt, success or failure with its reason. */
export const loginActivity = pgTable(
  'login_activity',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    at: instant('at').notNull(),
    success: boolean('success').notNull(),
    /** `wrong_password`, `wrong_code`, `locked`, `unknown_user`, `account_disabled`, or null on success. */
    reason: text('reason'),
    method: text('method').notNull().default('password'),
    ...requestOrigin(),
  },
  (t) => [index('login_activity_user_at_id').on(t.userId, t.at.desc(), t.id.desc())],
);
