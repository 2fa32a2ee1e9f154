import { and, asc, eq, getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import type { Deps } from '../../context';
import * as schema from '../../db/schema';
import { users } from '../accounts/accounts.table';
import { everyLoginActivity } from '../login-activity/login-activity.service';
import { getNotificationSettings } from '../notifications/notifications.service';
import { readPreferences } from '../preferences/preferences.service';
import { passkeys } from '../passkeys/passkeys.table';
import { avatars } from '../profile/profile.table';
import { currentProfileOf, listProfiles } from '../profile/profiles.service';
import { getPrivacySettings } from './privacy.service';

/** Login activity rows read per query: the export never holds more than this many at once. */
export const ACTIVITY_PAGE = 1000;

/** Columns never exported, whatever table they are in: credentials, hashes, tokens, keys. */
const SECRET_COLUMN = /hash|token|secret|password|verifier|encrypted|cipher|fingerprint|salt|nonce|code(?!d)|key$/i;
/** A value sealed by `Secrets.encrypt` (v1.<iv>.<tag>.<body>): never exported, even under a harmless name. */
const SEALED = /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/;

/** Tables the export writes in its own way, or leaves out because they only hold sign-in machinery. */
const HANDLED = new Set(['users', 'avatars', 'login_activity', 'notification_settings', 'privacy_settings', 'export_tickets', 'oauth_states', 'passkeys', 'passkey_challenges', 'profiles']);

const camel = (name: string) => name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** Every table of the schema with a column that references `users.id`, and that column. */
export function userTables(): { name: string; table: PgTable; userColumn: PgColumn }[] {
  const found: { name: string; table: PgTable; userColumn: PgColumn }[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      if (getTableConfig(ref.foreignTable).name === 'users' && ref.columns.length === 1) {
        found.push({ name: config.name, table: value, userColumn: ref.columns[0]! });
        break;
      }
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** A row without secret columns, sealed values or binary data. */
function publicRow(row: Record<string, unknown>, columns: Record<string, PgColumn>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (SECRET_COLUMN.test(key) || (column && SECRET_COLUMN.test(column.name))) continue;
    if (value instanceof Uint8Array) continue;
    if (typeof value === 'string' && SEALED.test(value)) continue;
    out[key] = value;
  }
  return out;
}

const json = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');

/**
 * The GDPR export (seed 001 "GDPR Data Export") as a stream of JSON text: the profile, preferences,
 * notification and privacy settings, the avatar (base64), then every other table that holds rows of
 * the user (sessions, contacts, trusted devices, connected accounts, two-factor status, … — found
 * from the schema, so a new feature's table is exported without touching this file), minus every
 * secret, hash and token; then the login activity, read a page at a time so a user with 100 000
 * rows never has them all in memory.
 */
export async function* exportDocument(deps: Deps, userId: string): AsyncGenerator<string> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!user) return;
  const { passwordHash: _hash, preferences, avatarId, ...account } = user;
  const current = await currentProfileOf(deps.db, userId);
  const profile = { ...account, company: current?.company ?? null, bio: current?.bio ?? null };
  yield `{\n  "format": "settings-kit export 1",\n  "app": ${JSON.stringify(deps.appName)},\n  "exportedAt": ${JSON.stringify(deps.clock.now().toISOString())},\n`;
  yield `  "profile": ${json(profile)},\n`;
  yield `  "preferences": ${json({ ...preferences, ...readPreferences(preferences) })},\n`;
  yield `  "notifications": ${json(await getNotificationSettings(deps, userId))},\n`;
  yield `  "privacy": ${json(await getPrivacySettings(deps, userId))},\n`;

  const [avatar] = avatarId ? await deps.db.select().from(avatars).where(and(eq(avatars.id, avatarId), eq(avatars.userId, userId))) : [];
  yield `  "avatar": ${json(avatar ? { contentType: avatar.contentType, size: avatar.size, createdAt: avatar.createdAt, base64: Buffer.from(avatar.data).toString('base64') } : null)},\n`;

  // Every profile of the account with its type's name (seed 002 profiles per account).
  const { profiles: all } = await listProfiles(deps, userId);
  yield `  "profiles": ${json(all)},\n`;
  // Passkeys by name and dates only: the credential id and public key are key material, not the user's data.
  const keys = await deps.db
    .select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
  yield `  "passkeys": ${json(keys)},\n`;

  for (const { name, table, userColumn } of userTables()) {
    if (HANDLED.has(name)) continue;
    const columns = getTableColumns(table) as Record<string, PgColumn>;
    const rows = (await deps.db.select().from(table).where(eq(userColumn, userId))) as Record<string, unknown>[];
    yield `  ${JSON.stringify(camel(name))}: ${json(rows.map((row) => publicRow(row, columns)))},\n`;
  }

  yield '  "loginActivity": [';
  let first = true;
  for await (const page of everyLoginActivity(deps, userId, ACTIVITY_PAGE)) {
    yield page.map((row, i) => `${first && i === 0 ? '' : ','}\n    ${JSON.stringify(row)}`).join('');
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** The export as a byte stream that pulls the next part only when the client has read the last. */
export function exportStream(deps: Deps, userId: string): ReadableStream<Uint8Array> {
  const parts = exportDocument(deps, userId);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await parts.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          deps.log(`[error] export of ${userId} failed: ${error instanceof Error ? error.message : String(error)}`);
          controller.error(error);
        }
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
