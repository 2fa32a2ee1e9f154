import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, oneTimeCode, ownerUserId } from '../../db/columns';

/**
 * A user's communication channels (seed 000 "Manage User Contact Channels"). `value` is E.164 for
 * phone channels and a lower-cased address for email. The database holds the two rules that races
 * could break: one default per channel (partial unique index) and one row per channel + value.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    /** `sms`, `call`, `whatsapp` or `email`. */
    channel: text('channel').notNull(),
    /** `twilio`, `ringcentral` or `mailgun`. */
    provider: text('provider').notNull(),
    value: text('value').notNull(),
    /** `active` (verified), `pending` or `disabled`. */
    status: text('status').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    /** When a code proved the user owns the value; a changed value clears it. */
    verifiedAt: instant('verified_at'),
    /** The last test message or call: throttles `POST /contacts/:id/test`. */
    testSentAt: instant('test_sent_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('contacts_user_channel_value').on(t.userId, t.channel, t.value),
    uniqueIndex('contacts_one_default').on(t.userId, t.channel).where(sql`${t.isDefault}`),
    index('contacts_user').on(t.userId),
  ],
);

/**
 * The one live verification code of a contact: keyed hash, ≤ 5 tries, 10-minute expiry, and
 * `sent_at` to throttle resends (SECURITY.md 14, same rules as SMS two-factor codes).
 */
export const contactCodes = pgTable('contact_codes', {
  contactId: text('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  userId: ownerUserId(),
  ...oneTimeCode(),
});
