import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, type Database } from './client';
import { withDatabase } from '../testing/global-setup';

/** The migrations folder cut before `tag`: the database as it was before profiles. */
function migrationsBefore(tag: string): { dir: string; drop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sk-mig-before-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

async function migrateWith(db: Database, folder: string) {
  if (db.kind === 'postgres') await (await import('drizzle-orm/postgres-js/migrator')).migrate(db.db as never, { migrationsFolder: folder });
  else await (await import('drizzle-orm/pglite/migrator')).migrate(db.db as never, { migrationsFolder: folder });
}

const rows = async (db: Database, query: string) => {
  const result = (await db.db.execute(sql.raw(query))) as any;
  return (result.rows ?? result) as Record<string, any>[];
};

describe('migration to profiles', () => {
  it("makes each account's single profile its first profile, of the default type", async () => {
    const before = migrationsBefore('0004_seed_profiles_and_sms_policy');
    let db: Database | undefined;
    let dropDb = async () => {};
    try {
      if (process.env.TEST_DB === 'postgres') {
        const name = `sk_test_migp_${process.pid}_${Date.now().toString(36)}`;
        const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`CREATE DATABASE ${name}`);
        db = await openDatabase({ url: withDatabase(process.env.DATABASE_URL!, name), migrate: false, max: 2 });
        dropDb = async () => {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        };
      } else {
        db = await openDatabase({ migrate: false });
      }
      await migrateWith(db, before.dir);
      await db.db.execute(
        sql.raw(`insert into users (id, email, password_hash, display_name, company, bio) values ('old-1', 'old@example.com', 'x', 'Old Timer', 'Acme', 'Since 1999'), ('old-2', 'blank@example.com', 'x', '', null, null)`),
      );
      await migrateWith(db, migrationsFolder);

      const [old] = await rows(db, `select p.id, p.type_id, p.display_name, p.company, p.bio, u.current_profile_id from profiles p join users u on u.id = p.user_id where u.id = 'old-1'`);
      expect(old).toMatchObject({ type_id: 'person', display_name: 'Old Timer', company: 'Acme', bio: 'Since 1999' });
      expect(old!.current_profile_id).toBe(old!.id);
      expect(old!.id).toMatch(/^[A-Za-z0-9_-]{22}$/); // the shape of newId(), so the routes accept it
      expect(await rows(db, `select count(*)::int as n from profiles where user_id = 'old-2'`)).toEqual([{ n: 1 }]);
      expect((await rows(db, `select id from profile_types order by created_at`)).map((r) => r.id)).toEqual(['person', 'organization']);
      const columns = (await rows(db, `select column_name from information_schema.columns where table_name = 'users'`)).map((r) => r.column_name);
      expect(columns).not.toContain('company');
    } finally {
      await db?.close();
      await dropDb();
      before.drop();
    }
  }, 120_000);
});
