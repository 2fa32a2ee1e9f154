import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant, requestOrigin, tokenRow } from '../../db/columns';

/** One row per signed-in browser. Only the hash of the cookie token is kept. */
export const sessions = pgTable(
  'sessions',
  {
    ...tokenRow(),
    lastActiveAt: instant('last_active_at').notNull(),
    /** Absolute lifetime end; the idle timeout comes from the account policy. */
    expiresAt: instant('expires_at').notNull(),
    ...requestOrigin(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);
