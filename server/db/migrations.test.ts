import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from './client';
import { withDatabase } from '../testing/global-setup';

/** An empty database of the current test kind, created without migrations. */
async function emptyDatabase(): Promise<{ open: (migrate: boolean) => Promise<Database>; drop: () => Promise<void> }> {
  if (process.env.TEST_DB === 'postgres') {
    const name = `sk_test_mig_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = withDatabase(process.env.DATABASE_URL!, name);
    return {
      open: (migrate) => openDatabase({ url, migrate, max: 2 }),
      drop: async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'sk-mig-'));
  return { open: (migrate) => openDatabase({ dataDir: dir, migrate }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const rows = async (db: Database, query: string) => {
  const result = (await db.db.execute(sql.raw(query))) as any;
  return (result.rows ?? result) as Record<string, unknown>[];
};

describe('migrations', () => {
  it('apply on an empty database, and again on an existing one without touching its data', async () => {
    const empty = await emptyDatabase();
    try {
      const first = await empty.open(true);
      const tables = (await rows(first, `select table_name from information_schema.tables where table_schema = 'public'`)).map((r) => r.table_name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'login_throttle', 'login_activity', 'outbox', 'account_policy']));
      await first.db.execute(sql.raw(`insert into users (id, email, password_hash) values ('keep', 'keep@example.com', 'x')`));
      const applied = (await rows(first, 'select count(*)::int as n from drizzle.__drizzle_migrations'))[0]!.n;
      await first.close();

      const again = await empty.open(true);
      expect((await rows(again, 'select count(*)::int as n from drizzle.__drizzle_migrations'))[0]!.n).toBe(applied);
      expect((await rows(again, `select email from users where id = 'keep'`))[0]!.email).toBe('keep@example.com');
      await again.close();
    } finally {
      await empty.drop();
    }
  }, 120_000);
});
