import { defineConfig } from 'vitest/config';

const server = (name: string, env: Record<string, string>) => ({
  test: {
    name,
    include: ['server/**/*.test.ts'],
    // `*.pg.test.ts` need a real PostgreSQL server (e.g. dropping its connections): PostgreSQL project only.
    exclude: env.TEST_DB === 'postgres' ? [] : ['server/**/*.pg.test.ts'],
    globalSetup: ['server/testing/global-setup.ts'],
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks' as const,
  },
});

/**
 * Server tests run on PGlite always, and again on PostgreSQL when DATABASE_URL is set (CI sets it).
 * End-to-end tests drive Debian's Chromium against `npm start`.
 */
export default defineConfig({
  test: {
    projects: [
      server('server-pglite', { TEST_DB: 'pglite' }),
      ...(process.env.DATABASE_URL ? [server('server-postgres', { TEST_DB: 'postgres' })] : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
