import { pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * The administrator's Twilio account (seed 002 "Settings > Twilio"): one row, id `default`. The auth
 * token is encrypted (AES-256-GCM bound to the row). When present, it wins over the environment.
 */
export const twilioSettings = pgTable('twilio_settings', {
  id: text('id').primaryKey(),
  accountSid: text('account_sid').notNull(),
  authToken: text('auth_token').notNull(),
  fromNumber: text('from_number').notNull(),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
});
