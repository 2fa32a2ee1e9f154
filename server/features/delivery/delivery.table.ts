import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * The durable delivery queue: every email, SMS, WhatsApp message and call is a row here, written in
 * the transaction that decided to send it, and sent by the worker of whichever instance claims it.
 * The message itself (`payload`, which holds codes and links) is encrypted and dropped once the row
 * is sent or given up; `to_masked` is what logs and the admin see.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['email', 'sms', 'whatsapp', 'call'] }).notNull(),
    toMasked: text('to_masked').notNull(),
    /** The account the message is for, when there is one; its messages go with a deleted account. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Encrypted JSON of the message and its route; null once sent or given up. */
    payload: text('payload'),
    /** `pending` (waiting or being sent), `sent`, `failed` (gave up). */
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    /** A worker holds the row until then (its lease); another may take it after. */
    lockedUntil: instant('locked_until'),
    leaseId: text('lease_id'),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [index('deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * One row per message counted against a quota key (`dest:<keyed hash>`, `user:<keyed hash>`, `server`;
 * keyed hashes, so no address, number or account id is stored here):
 * the send quotas count these rows under a transaction-scoped advisory lock on the key.
 */
export const sendQuotaEvents = pgTable(
  'send_quota_events',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [index('send_quota_events_key_at').on(t.key, t.at)],
);
