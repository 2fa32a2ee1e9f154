import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { sessionWritesSettled } from './sessions.service';

// The last-active write must not hold up the answer. On PostgreSQL another connection can lock the
// session row, so the write waits for that lock while the request is answered. (PGlite has one
// connection: a held lock would block every query, so this test needs PostgreSQL.)
let t: TestApp;
let other: postgres.Sql;
beforeAll(async () => {
  t = await createTestApp();
  const o = (t.db as any).$client.options as { host: string[]; port: number[]; database: string; user: string };
  other = postgres(`postgres://${o.user}@${o.host[0]}:${o.port[0]}/${o.database}`, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await other.end();
  await t.close();
});

describe('last-active writes', () => {
  it('are sent without delaying the answer, and land once the row is free', { timeout: 20_000 }, async () => {
    const b = t.browser();
    const { id } = await b.signUp();
    t.clock.advance(2 * MINUTE); // the next request touches the session
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = other.begin(async (tx) => {
      await tx`select id from sessions where user_id = ${id} for update`;
      locked();
      await released;
    });
    await isLocked;

    try {
      // Were the write awaited, this request would wait for the lock (and the test time out).
      const res = await b.get('/me');
      expect(res.status).toBe(200);
      // The write was sent and is waiting for the row, not skipped.
      for (;;) {
        const [row] = await other`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update "sessions"%'`;
        if (row!.n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      release();
      await holder;
    }
    await sessionWritesSettled();
    const [row] = await other`select last_active_at from sessions where user_id = ${id}`;
    expect(new Date(row!.last_active_at).getTime()).toBe(t.clock.now().getTime());
  });

  it('a revoked session is refused at once, even with its last-active write in flight', async () => {
    const second = t.browser();
    const account = await t.browser().signUp();
    await second.post('/auth/sign-in', { email: account.email, password: account.password });
    t.clock.advance(2 * MINUTE);
    expect((await second.get('/me')).status).toBe(200); // sends a touch, not awaited
    await other`delete from sessions where user_id = ${account.id}`;
    expect((await second.get('/me')).status).toBe(401);
    await sessionWritesSettled();
    const [row] = await other`select count(*)::int as n from sessions where user_id = ${account.id}`;
    expect(row!.n).toBe(0);
  });
});
