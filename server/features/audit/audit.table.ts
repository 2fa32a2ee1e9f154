import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns';
import { users } from '../accounts/accounts.table';

/**
 * Every change an administrator makes: who, what, when, and the values before and after (never a
 * secret). The actor's email is kept beside the id so the entry still reads well after the actor's
 * account is gone (the id then becomes null).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: instant('at').notNull(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    /** e.g. `account_policy.update`, `user.update`, `twilio.update`. */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
  },
  (t) => [index('audit_log_at_id').on(t.at.desc(), t.id.desc())],
);
