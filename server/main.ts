import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './db/client';

/**
 * Node entry: reads the environment of API.md ("Running the server"), opens the database, applies
 * migrations, and serves the API at /api with the built demo at /.
 *
 * Cold start: loading the app's modules (zod schemas, OpenAPI routes, SDKs) is most of the work
 * and needs the CPU, opening the database and migrating mostly waits on it. So the app is imported
 * while the database works (the compiled bundle keeps `./start-app` a separate chunk): once its
 * first query is sent, not before. Started first, the app's module graph held up the driver's
 * modules it shares (drizzle), and the migrations waited until every module had loaded.
 */
const API_BASE = '/api';
let loading: Promise<typeof import('./start-app')> | undefined;
const loadApp = () => {
  loading ??= import('./start-app');
  loading.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  return loading;
};
const env = process.env;
const production = env.NODE_ENV === 'production';
const dataDir = resolve(env.DATA_DIR ?? './.data');
const secret = env.SETTINGS_SECRET ?? generatedSecret();
const database = await openDatabase({ ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(dataDir, 'pglite') }), whileOpening: loadApp });
const { configureFromEnv, createSettingsApp, Hono, missingProductionProviders, responseHeaders, serve } = await loadApp();

const extra = await configureFromEnv(env, { database, production });
// Production delivers through real providers only: without one for a channel it needs, it does not start.
const missing = production ? missingProductionProviders(extra) : [];
if (missing.length) {
  for (const problem of missing) console.error(problem);
  console.error('The server did not start (NODE_ENV=production needs a provider for every channel; the outbox is for development).');
  await database.close();
  process.exit(1);
}
const allowedOrigins = env.ALLOWED_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
const api = startOrExit(() => createSettingsApp({
  database,
  secret,
  production,
  appName: env.APP_NAME,
  allowedOrigins,
  publicOrigin: env.PUBLIC_ORIGIN,
  basePath: API_BASE,
  cookie: { sameSite: cookieSameSite(env.COOKIE_SAMESITE) },
  trustedIpHeader: env.TRUSTED_IP_HEADER,
  trustedCountryHeader: env.TRUSTED_COUNTRY_HEADER,
  log: (line) => console.log(line),
  ...extra,
}));

// The API answers /api/… itself (`basePath`), the demo's files the rest.
const files = new Hono();
files.use('/*', responseHeaders(allowedOrigins));
const demoDir = env.DEMO_DIR ?? './dist/demo';
if (existsSync(demoDir)) {
  const { serveStatic } = await import('@hono/node-server/serve-static');
  files.use('/*', serveStatic({ root: demoDir }));
}
const fetch = (request: Request, ...rest: unknown[]) => (isApiPath(request.url) ? api.fetch(request, ...rest) : files.fetch(request, ...rest));

const port = Number(env.PORT ?? 3000);
const hostname = env.HOST ?? '127.0.0.1';
const server = serve({ fetch, port, hostname }, (info) => {
  console.log(`settings-kit on http://${hostname}:${info.port} (database: ${database.kind}${database.kind === 'pglite' ? `, ${dataDir}` : ''})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void api
      .stop()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}

/** Outside production a missing SETTINGS_SECRET is generated once and kept in DATA_DIR (API.md). */
function generatedSecret(): string {
  if (production) {
    console.error('SETTINGS_SECRET is required when NODE_ENV=production (at least 32 characters).');
    process.exit(1);
  }
  const file = join(dataDir, 'settings-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}

/** A configuration the app refuses (e.g. production without PUBLIC_ORIGIN): say why and stop, without a stack. */
function startOrExit<T>(start: () => T): T {
  try {
    return start();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** `/api` and what is under it, from a request's full URL (no URL object on the hot path). */
function isApiPath(url: string): boolean {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  if (path < 0 || !url.startsWith(API_BASE, path)) return false;
  const next = url[path + API_BASE.length];
  return next === undefined || next === '/' || next === '?';
}

/** COOKIE_SAMESITE: `lax` (default) or `none` for a page on another site than the API. */
function cookieSameSite(value: string | undefined): 'lax' | 'none' {
  const v = (value ?? 'lax').trim().toLowerCase();
  if (v === 'lax' || v === 'none') return v;
  console.error(`COOKIE_SAMESITE must be "lax" or "none", not "${value}".`);
  process.exit(1);
}
