import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { expect, inject } from 'vitest';
import { createSettingsApp, type SettingsOptions } from '../app';
import { openDatabase, type Database } from '../db/client';
import { ManualClock } from '../lib/clock';
import { withDatabase } from './global-setup';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hkdf-000';
let counter = 0;

/** A fresh, migrated database for one test file: PGlite by default, PostgreSQL when TEST_DB=postgres. */
export async function createTestDatabase(): Promise<Database> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `sk_test_${inject('pgRunId')}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.end();
    return openDatabase({ url: withDatabase(url, name), migrate: false, max: 20 });
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ loadDataDir: blob, migrate: false });
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * The app on a fresh database with a manual clock, plus a tiny cookie-keeping client.
 * `app.request()` needs no sockets; `as(agent)` keeps one browser's cookies.
 *
 * The delivery worker runs by hand here (`delivery: { worker: 'manual' }`): `drain()` sends what is
 * due now, and a browser drains after each of its requests (`browser({ drain: false })` does not), so
 * a test reads the outbox right after the request that queued a message. The dev outbox answers
 * these socket-less requests (`devOutbox.allowWithoutSocket`).
 */
export async function createTestApp(overrides: Partial<SettingsOptions> = {}, database?: Database) {
  database ??= await createTestDatabase();
  const clock = new ManualClock(new Date('2026-01-15T10:00:00Z'));
  const app = createSettingsApp({
    database,
    secret: TEST_SECRET,
    clock,
    log: (line) => line.startsWith('[error]') && console.error(line),
    delivery: { worker: 'manual' },
    devOutbox: { allowWithoutSocket: true },
    ...overrides,
  });
  const drain = () => app.delivery.drain();
  const browser = (options: { drain?: boolean } = {}) => new Browser(app, options.drain === false ? undefined : drain);
  const close = async () => {
    await app.stop();
    await database.close();
  };
  return { app, database, db: database.db, clock, browser, drain, close };
}

/** Closes each in turn (a second instance before the app it shares a database with, an app before its fake provider). */
export async function closeInOrder(...things: { close(): Promise<unknown> | unknown }[]) {
  for (const thing of things) await thing.close();
}

/** Nothing to confirm, no second factor required: a test's policy changes are spread over this (PUT takes the whole policy). */
export const BASE_POLICY = { onlineTimeframeMinutes: 10080, autoActivate: true, activationEmail: true, confirmation: 'none', requireTwoFactor: false } as const;

/**
 * `createTestApp` with its first account (the administrator) signed up in `admin`; a `policy` is
 * put over BASE_POLICY before any test runs.
 */
export async function createTestAppWithAdmin(options: { email?: string; policy?: Record<string, unknown>; overrides?: Partial<SettingsOptions> } = {}) {
  const t = await createTestApp(options.overrides);
  const admin = t.browser();
  const { id: adminId } = await admin.signUp(options.email);
  if (options.policy) {
    const res = await admin.put('/admin/account-policy', { ...BASE_POLICY, ...options.policy });
    if (res.status !== 200) throw new Error(`policy refused: ${res.status} ${await res.text()}`);
  }
  return { t, admin, adminId };
}

/**
 * `createTestApp` beside a server it talks to (a fake provider): the server starts first and the
 * app is configured from it. Close them with `closeInOrder(t, server)`.
 */
export async function createTestAppBeside<S>(start: () => Promise<S>, configure: (server: S) => Partial<SettingsOptions>) {
  const server = await start();
  return { t: await createTestApp(configure(server)), server };
}

/** The answer is 400 `validation_failed`, and its `fields` name `field`. */
export async function expectRefusedNaming(res: Response, field: string) {
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
  expect(error.code).toBe('validation_failed');
  expect(Object.keys(error.fields)).toContain(field);
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** One browser: keeps cookies between requests, like a real one (no Secure on http://localhost). */
export class Browser {
  readonly cookies = new Map<string, string>();
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  constructor(
    private readonly app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> },
    /** Runs after every request (the test app sends the delivery queue here). */
    private readonly afterRequest?: () => Promise<unknown>,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...options.headers };
    if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const body = options.body === undefined ? undefined : typeof options.body === 'string' || options.body instanceof FormData ? (options.body as BodyInit) : JSON.stringify(options.body);
    const response = await this.app.request(`http://localhost${path}`, { method, headers, body });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    await this.afterRequest?.();
    return response;
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, body?: unknown, options?: RequestOptions) => this.request('POST', path, { ...options, body });
  put = (path: string, body?: unknown, options?: RequestOptions) => this.request('PUT', path, { ...options, body });
  patch = (path: string, body?: unknown, options?: RequestOptions) => this.request('PATCH', path, { ...options, body });
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  /** Signs up and keeps the session cookie. */
  async signUp(email = `user${++counter}-${Math.random().toString(36).slice(2, 7)}@example.com`, password = 'correct horse battery staple', displayName?: string) {
    const response = await this.post('/auth/sign-up', { email, password, displayName });
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
    const { user } = (await response.json()) as { user: { id: string; email: string } };
    return { ...user, password };
  }
}

/**
 * A second app instance on the same database as `t`: on PostgreSQL through its own connection pool
 * (what two server processes behind a load balancer look like), on PGlite the same connection. It
 * shares the clock; its delivery worker, too, runs by hand (`drain()`).
 */
export async function createSecondInstance(t: TestApp, overrides: Partial<SettingsOptions> = {}) {
  let second: Database | undefined;
  if (t.database.kind === 'postgres') {
    const url = (t.database.db as any).$client.options as { host: string[]; port: number[]; database: string; user: string };
    second = await openDatabase({ url: `postgres://${url.user}@${url.host[0]}:${url.port[0]}/${url.database}`, migrate: false, max: 10 });
  }
  const database = second ?? t.database;
  const app = createSettingsApp({ database, secret: TEST_SECRET, clock: t.clock, delivery: { worker: 'manual' }, devOutbox: { allowWithoutSocket: true }, ...overrides });
  const drain = () => app.delivery.drain();
  return {
    app,
    database,
    drain,
    browser: (options: { drain?: boolean } = {}) => new Browser(app, options.drain === false ? undefined : drain),
    close: async () => {
      await app.stop();
      await second?.close();
    },
  };
}

export type SecondInstance = Awaited<ReturnType<typeof createSecondInstance>>;

/** A test app and a second instance on its database; `close` ends the second, then the first. */
export async function createTwoInstances(overrides: Partial<SettingsOptions> = {}) {
  const t = await createTestApp();
  const other = await createSecondInstance(t, overrides);
  const close = async () => {
    await other.close();
    await t.close();
  };
  return { t, other, close };
}
