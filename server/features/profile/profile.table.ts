import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, ownerUserId } from '../../db/columns';

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
    userId: ownerUserId(),
    /** The type sniffed from the magic bytes: image/jpeg, image/png, image/gif or image/webp. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('avatars_user').on(t.userId)],
);

/**
 * Kinds of profile the administrator defines (seed 002 "Default profile type": Person,
 * Organization or others). The two defaults are inserted by the migration with fixed ids.
 */
export const profileTypes = pgTable(
  'profile_types',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  // Two types that differ only in case would look the same in every list.
  (t) => [uniqueIndex('profile_types_name').on(sql`lower(${t.name})`)],
);

/**
 * The profiles of one account (seed 002): each of an admin-defined type, with its own display
 * name, company and bio. `users.current_profile_id` is the one the Profile tab edits; its display
 * name is mirrored in `users.display_name`, which sessions, emails and admin lists read. Phone,
 * timezone, language and avatar stay with the account. How many an account may hold is the policy's
 * `profileLimit`, checked under the account's row lock (profiles.service).
 */
export const profiles = pgTable(
  'profiles',
  {
    id: text('id').primaryKey(),
    userId: ownerUserId(),
    // A type in use cannot be deleted: the admin moves or removes its profiles first.
    typeId: text('type_id')
      .notNull()
      .references(() => profileTypes.id, { onDelete: 'restrict' }),
    displayName: text('display_name').notNull(),
    company: text('company'),
    bio: text('bio'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('profiles_user').on(t.userId, t.createdAt)],
);
