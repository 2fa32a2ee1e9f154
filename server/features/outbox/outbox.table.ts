import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';

/** Messages that would have gone to a real provider: the designer's and the tester's view. */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['email', 'sms', 'whatsapp', 'call'] }).notNull(),
    to: text('to').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('outbox_created').on(t.createdAt)],
);
