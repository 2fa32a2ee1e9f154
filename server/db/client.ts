import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql as raw } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { importOptional } from '../lib/optional-import';
import * as schema from './schema';

// The drivers are optional peer dependencies: only the one a host configures is loaded (and installed).
const loadPglite = async () => {
  const { PGlite } = await importOptional<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', 'The embedded database (PGlite, used when no PostgreSQL URL is given)');
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  return { PGlite, drizzlePglite, migratePglite };
};
const loadPostgres = async () => {
  const { default: postgres } = await importOptional<{ default: typeof import('postgres') }>('postgres', 'PostgreSQL (a postgres:// URL)');
  const [{ drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([import('drizzle-orm/postgres-js'), import('drizzle-orm/postgres-js/migrator')]);
  return { postgres, drizzlePostgres, migratePostgres };
};

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What a transaction callback receives; accepts the same queries as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  /**
   * Where the per-request session check and the session list read (short indexed reads, no
   * transactions): on PostgreSQL, one connection of its own. postgres.js pipelines the queries in
   * flight on a connection into one write, so under load one write and one wake-up of the
   * PostgreSQL backend serve several requests instead of one each (with the main pool's ten
   * connections every read found an idle one and went alone); and a long transaction on the main
   * pool never delays a session check. The same database as `db` (PGlite, or a host's own).
   */
  lookups?: Db;
  kind: DbKind;
  close(): Promise<void>;
}

/**
 * PGlite's shared_buffers default (128 MB) is a server's: the embedded database of one app process
 * caches its few tables in far less. At 16 MB the idle server takes about 135 MiB less resident
 * memory (measured: 324 → 189 MiB for PGlite alone after a warm-up; its start time stayed within the
 * noise). Other settings stay PGlite's.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

/**
 * The lookup pool's size (`Database.lookups`). One: its reads take a fraction of a millisecond
 * each, so one backend serves several times what one Node process asks of it, and the fewer the
 * connections the more requests share each write (measured against two and three: the most
 * requests per second for `/me` and the session list, and the least CPU per request on both sides).
 */
const LOOKUP_CONNECTIONS = 1;

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * True when the database's newest applied migration is the newest one shipped (same `created_at` as
 * the journal's last `when`, same hash of its SQL file): drizzle's migrator would apply nothing, so
 * a restart skips it (its schema and table checks, and reading and hashing every migration file —
 * about a fifth of a PGlite restart). Anything else (no table yet, an older or a changed migration)
 * answers false and the migrator runs as before.
 */
export async function migrationsUpToDate(db: Db): Promise<boolean> {
  try {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
    const last = journal.entries.at(-1);
    if (!last) return false;
    const hash = createHash('sha256').update(readFileSync(join(migrationsFolder, `${last.tag}.sql`)).toString()).digest('hex');
    const result = await db.execute(raw`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    const rows = ((result as { rows?: unknown[] }).rows ?? result) as { hash: string; created_at: string | number }[];
    return rows.length === 1 && rows[0]!.hash === hash && Number(rows[0]!.created_at) === last.when;
  } catch {
    return false; // e.g. a fresh database without the migrations table
  }
}

/**
 * A fresh PostgreSQL database (no migrations table yet) gets every migration as one multi-statement
 * text per migration (the simple query protocol: one round trip each), not drizzle's one round trip
 * per statement (about 120): the same SQL, in one transaction, recorded with the same hash and
 * created_at rows drizzle's migrator writes, so later migrations and `migrationsUpToDate` see them.
 * Returns false (and does nothing) when the database has a migrations table: drizzle's migrator runs.
 */
export async function migrateFreshPostgres(sql: import('postgres').Sql): Promise<boolean> {
  const [state] = await sql<{ fresh: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is null as fresh`;
  if (!state?.fresh) return false;
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const migrations = readMigrationFiles({ migrationsFolder });
  await sql.begin(async (tx) => {
    await tx.unsafe('CREATE SCHEMA IF NOT EXISTS "drizzle"; CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
    for (const migration of migrations) await tx.unsafe(migration.sql.join('\n'));
    await tx`insert into "drizzle"."__drizzle_migrations" ${tx(migrations.map((m) => ({ hash: m.hash, created_at: m.folderMillis })))}`;
  });
  return true;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: use PostgreSQL through postgres.js. */
  url?: string;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (fast test databases). */
  loadDataDir?: Blob | File;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL. */
  max?: number;
  /**
   * Called once the database has work of its own in flight (PostgreSQL: the migration check is
   * sent, then the migrations run; PGlite: it is starting): the caller loads the rest of its code
   * now, so that the two overlap instead of the database waiting for the module loader.
   */
  whileOpening?: () => void;
}

/** Opens PostgreSQL when a URL is given, else embedded PGlite, and applies the migrations. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const shouldMigrate = options.migrate ?? true;
  if (options.url) {
    const { postgres, drizzlePostgres, migratePostgres } = await loadPostgres();
    const connection = {
      onnotice: () => {},
      // While PostgreSQL is away, postgres.js waits up to 20 s between reconnects by default, and every
      // request queues behind that wait. Retry within a second instead: requests fail fast with 503
      // during an outage and succeed again as soon as the server is back.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      connect_timeout: 10,
    };
    const sql = postgres(options.url, { ...connection, max: options.max ?? 10 });
    // Connections open at first use: the lookup pool costs nothing until a session is checked.
    const lookupSql = postgres(options.url, { ...connection, max: LOOKUP_CONNECTIONS });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    const lookups = drizzlePostgres(lookupSql, { schema }) as unknown as Db;
    const upToDate = shouldMigrate ? migrationsUpToDate(db) : Promise.resolve(true);
    options.whileOpening?.();
    if (!(await upToDate)) {
      if (!(await migrateFreshPostgres(sql))) await migratePostgres(db as never, { migrationsFolder });
    }
    const close = async () => void (await Promise.all([sql.end({ timeout: 5 }), lookupSql.end({ timeout: 5 })]));
    return { db, lookups, kind: 'postgres', close };
  }
  if (options.dataDir && !options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const { PGlite, drizzlePglite, migratePglite } = await loadPglite();
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  options.whileOpening?.();
  if (shouldMigrate && !(await migrationsUpToDate(db))) await migratePglite(db as never, { migrationsFolder });
  return { db, kind: 'pglite', close: () => client.close() };
}

/** The PGlite client behind a database, for dumps in tests. */
export function pgliteClientOf(database: Database): PGlite | undefined {
  return database.kind === 'pglite' ? ((database.db as any).$client as PGlite) : undefined;
}
