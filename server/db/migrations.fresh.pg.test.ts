import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../testing/global-setup';
import { migrateFreshPostgres, migrationsFolder, migrationsUpToDate, type Db } from './client';

// The fast path for a fresh PostgreSQL database must leave exactly what drizzle's migrator leaves.
const url = process.env.DATABASE_URL!;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const names = ['drizzle', 'fast'].map((kind) => `sk_test_fresh_${kind}_${process.pid}_${Date.now().toString(36)}`);
const clients: postgres.Sql[] = [];
afterAll(async () => {
  for (const client of clients) await client.end();
  for (const name of names) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const shape = (sql: postgres.Sql) =>
  Promise.all([
    sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema in ('public', 'drizzle') order by 1, 2`,
    sql`select tablename, indexname, indexdef from pg_indexes where schemaname in ('public', 'drizzle') order by 1, 2`,
    sql`select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`,
    sql`select * from account_policy`,
  ]).then((parts) => JSON.stringify(parts));

describe('migrateFreshPostgres', () => {
  it("leaves the schema, data and migration rows drizzle's migrator leaves, and a later migrate applies nothing", async () => {
    for (const name of names) await admin.unsafe(`CREATE DATABASE ${name}`);
    const [a, b] = names.map((name) => postgres(withDatabase(url, name), { max: 1, onnotice: () => {} }));
    clients.push(a!, b!);
    await migrate(drizzle(a!), { migrationsFolder });
    expect(await migrateFreshPostgres(b!)).toBe(true);
    expect(await shape(b!)).toBe(await shape(a!));
    expect(await migrationsUpToDate(drizzle(b!) as unknown as Db)).toBe(true);

    // Not fresh any more: the fast path declines, and drizzle's migrator finds nothing to apply.
    expect(await migrateFreshPostgres(a!)).toBe(false);
    const before = await shape(b!);
    await migrate(drizzle(b!), { migrationsFolder });
    expect(await shape(b!)).toBe(before);
  });
});
