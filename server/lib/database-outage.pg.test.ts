import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../app';
import { openDatabase, type Database } from '../db/client';
import { ManualClock, SECOND } from './clock';
import { createTestDatabase, TEST_SECRET, Browser } from '../testing/test-app';

// PostgreSQL going away and coming back, as the app sees it: a TCP relay between the app and the
// real server that can drop every connection and refuse new ones, then accept again. (Stopping
// the shared PostgreSQL itself would break every other test running at the same time.)
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Like a stopped server: open connections drop, new ones are refused. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let owner: Database;
let viaRelay: Database;
let relay: Relay;
let app: ReturnType<typeof createSettingsApp>;
// /health pings at most once a second by this clock; the test moves it past each change.
const clock = new ManualClock(new Date('2026-01-15T10:00:00Z'));
beforeAll(async () => {
  owner = await createTestDatabase();
  const options = (owner.db as any).$client.options as { host: string[]; port: number[]; database: string; user: string };
  relay = new Relay({ host: options.host[0]!, port: options.port[0]! });
  await relay.start();
  viaRelay = await openDatabase({ url: `postgres://${options.user}@127.0.0.1:${relay.port}/${options.database}`, migrate: false, max: 4 });
  app = createSettingsApp({ database: viaRelay, secret: TEST_SECRET, clock });
});
afterAll(async () => {
  await relay.stop().catch(() => {});
  await viaRelay.close();
  await owner.close();
});

const burst = (b: Browser) => Promise.all([...Array.from({ length: 8 }, () => b.get('/me')), new Browser(app).get('/health'), b.post('/auth/sign-in', { email: 'x@example.com', password: 'whatever password' })]);

describe('the database going away and coming back', () => {
  it('answers 503 unavailable with Retry-After while PostgreSQL cannot be reached, and recovers by itself', async () => {
    const b = new Browser(app);
    await b.signUp();
    expect((await b.get('/me')).status).toBe(200);

    await relay.stop();
    clock.advance(2 * SECOND);
    const during = (await Promise.all([burst(b), burst(b), burst(b)])).flat();
    for (const res of during) {
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const bodies = await Promise.all(during.map((r) => r.json()));
    expect(bodies.filter((x) => x.error).every((x) => x.error.code === 'unavailable')).toBe(true);
    expect(bodies.find((x) => 'database' in x)).toMatchObject({ ok: false, database: 'down' });

    await relay.start(); // same port: the pool reconnects on its next query
    clock.advance(2 * SECOND);
    let me: Response | undefined;
    for (let i = 0; i < 50 && me?.status !== 200; i++) me = await b.get('/me');
    expect(me!.status).toBe(200); // the session survived the outage
    const after = await burst(b);
    expect(after.slice(0, 9).map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(after[9]!.status).toBe(401);
  });
});
