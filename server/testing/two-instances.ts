import { createSettingsApp, type SettingsOptions } from '../app';
import { openDatabase, type Database } from '../db/client';
import { TEST_SECRET, type TestApp } from './test-app';

/**
 * A second app instance on the same database as `t`, with its own connection pool on PostgreSQL:
 * what a second server process behind a load balancer looks like. On PGlite both share the client.
 */
export async function secondInstance(t: TestApp, overrides: Partial<SettingsOptions> = {}) {
  let pool: Database | undefined;
  if (t.database.kind === 'postgres') {
    const url = (t.database.db as any).$client.options as { host: string[]; port: number[]; database: string; user: string };
    pool = await openDatabase({ url: `postgres://${url.user}@${url.host[0]}:${url.port[0]}/${url.database}`, migrate: false, max: 10 });
  }
  const app = createSettingsApp({ database: pool ?? t.database, secret: TEST_SECRET, clock: t.clock, ...overrides });
  return { app, close: async () => pool?.close() };
}
