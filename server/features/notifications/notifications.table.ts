import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * The six email toggles of seed 001 ("Email Notifications"). No row means the defaults: everything
 * on except marketing. Security mail has no toggle: it is always sent.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  callAlerts: boolean('call_alerts').notNull().default(true),
  campaignUpdates: boolean('campaign_updates').notNull().default(true),
  integrationAlerts: boolean('integration_alerts').notNull().default(true),
  billing: boolean('billing').notNull().default(true),
  productUpdates: boolean('product_updates').notNull().default(true),
  marketing: boolean('marketing').notNull().default(false),
  updatedAt: instant('updated_at').notNull(),
});
