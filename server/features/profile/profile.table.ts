import { customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table';

/** bytea as a Buffer on both drivers (PGlite hands back a Uint8Array, postgres.js a Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Avatar images, stored in the database under a server-made id (never a user-supplied name).
 * `users.avatar_id` points at the current one; a new upload gets a new id, so its URL changes.
 */
export const avatars = pgTable(
  'avatars',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The type sniffed from the magic bytes: image/jpeg, image/png, image/gif or image/webp. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('avatars_user').on(t.userId)],
);
