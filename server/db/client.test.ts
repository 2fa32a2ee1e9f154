import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { createTestDatabase } from '../testing/test-app';

let database: Database;
beforeAll(async () => (database = await createTestDatabase()));
afterAll(() => database.close());

describe('openDatabase', () => {
  it('gives embedded PGlite a small shared_buffers (idle memory), PostgreSQL its own setting', async () => {
    const result = (await database.db.execute("select current_setting('shared_buffers') as value" as never)) as any;
    const value = (result.rows ?? result)[0].value as string;
    if (database.kind === 'pglite') expect(value).toBe('16MB');
    else expect(value).toMatch(/^\d+(kB|MB|GB)$/);
  });
});

describe('the lookup pool', () => {
  const backends = async (db: Database['db'], n: number) => {
    const results = await Promise.all(Array.from({ length: n }, () => db.execute('select pg_backend_pid() as pid, pg_sleep(0.02)' as never)));
    return new Set(results.map((result: any) => Number((result.rows ?? result)[0].pid)));
  };

  it('on PostgreSQL, pipelines session checks on a connection of its own, not the main pool', async () => {
    if (database.kind === 'pglite') {
      expect(database.lookups).toBeUndefined(); // the app reads from `db`
      return;
    }
    expect((await backends(database.lookups!, 12)).size).toBe(1);
    const main = await backends(database.db, 12);
    expect(main.size).toBeGreaterThan(2);
    for (const pid of await backends(database.lookups!, 4)) expect(main.has(pid)).toBe(false);
  });
});
