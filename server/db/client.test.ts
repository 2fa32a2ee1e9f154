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
