import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../../app';
import { openDatabase, type Database } from '../../db/client';
import { createTestApp, TEST_SECRET, type TestApp } from '../../testing/test-app';

// Two app instances, each with its own connection pool, on one database: what two server
// processes behind a load balancer look like to the lockout.
let t: TestApp;
let second: Database | undefined;
let other: ReturnType<typeof createSettingsApp>;
beforeAll(async () => {
  t = await createTestApp();
  if (t.database.kind === 'postgres') {
    const url = ((t.database.db as any).$client.options as { host: string[]; port: number[]; database: string; user: string });
    second = await openDatabase({ url: `postgres://${url.user}@${url.host[0]}:${url.port[0]}/${url.database}`, migrate: false, max: 10 });
  }
  other = createSettingsApp({ database: second ?? t.database, secret: TEST_SECRET, clock: t.clock });
});
afterAll(async () => {
  await other.stop();
  await second?.close();
  await t.close();
});

describe('lockout across two server instances', () => {
  it('judges exactly 5 of 30 concurrent wrong passwords spread over both instances', async () => {
    const { email, password } = await t.browser().signUp();
    const body = JSON.stringify({ email, password: 'wrong password!' });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? other : t.app).request('http://localhost/auth/sign-in', init)),
    );
    const statuses = responses.map((r) => r.status);
    // exactly 5 judged; the others found no place (429 try_again, uncounted) or came after the lock (423)
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 423 || s === 429).length).toBe(25);
    // locked on both instances, even with the right password
    for (const app of [t.app, other]) {
      const res = await app.request('http://localhost/auth/sign-in', { ...init, body: JSON.stringify({ email, password }) });
      expect(res.status).toBe(423);
    }
  });
});
