import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsUpToDate, openDatabase } from './client';

// A restart on an existing PGlite directory skips drizzle's migrator only when the newest applied
// migration is the newest shipped one (created_at and hash); otherwise the migrator runs.
const dir = mkdtempSync(join(tmpdir(), 'sk-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rowsOf = (result: unknown) => ((result as { rows?: unknown[] }).rows ?? result) as Record<string, unknown>[];

describe('migrationsUpToDate', () => {
  it('is false before the migrations, true after them, false when the newest row differs; a reopen keeps the data', async () => {
    const fresh = await openDatabase({ dataDir: join(dir, 'db'), migrate: false });
    expect(await migrationsUpToDate(fresh.db)).toBe(false);
    await fresh.close();

    const first = await openDatabase({ dataDir: join(dir, 'db') });
    expect(await migrationsUpToDate(first.db)).toBe(true);
    await first.db.execute("insert into users (id, email) values ('u-restart', 'restart@example.com')" as never);
    await first.close();

    const reopened = await openDatabase({ dataDir: join(dir, 'db') });
    expect(await migrationsUpToDate(reopened.db)).toBe(true);
    expect(rowsOf(await reopened.db.execute("select email from users where id = 'u-restart'" as never))).toEqual([{ email: 'restart@example.com' }]);
    await reopened.db.execute("update drizzle.__drizzle_migrations set hash = 'changed' where created_at = (select max(created_at) from drizzle.__drizzle_migrations)" as never);
    expect(await migrationsUpToDate(reopened.db)).toBe(false);
    await reopened.close();
  });
});
