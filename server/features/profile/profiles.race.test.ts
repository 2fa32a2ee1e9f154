import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondInstance, createTestApp, type Browser, type TestApp } from '../../testing/test-app';

// Two server instances on one database. On PostgreSQL each has its own pool, so the requests really
// run at once and only the account row lock keeps the count honest; on PGlite they queue.
let t: TestApp;
let second: Awaited<ReturnType<typeof createSecondInstance>>;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp();
  second = await createSecondInstance(t);
  admin = t.browser();
  await admin.signUp();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('profile limit under concurrency', () => {
  it('20 creates at once over two instances leave exactly the limit', async () => {
    const put = await admin.put('/admin/account-policy', { onlineTimeframeMinutes: 10080, autoActivate: true, activationEmail: true, confirmation: 'none', requireTwoFactor: false, profileLimit: 3 });
    expect(put.status).toBe(200);
    const a = t.browser();
    await a.signUp(); // holds one profile already
    const b = second.browser();
    for (const [k, v] of a.cookies) b.cookies.set(k, v); // the same session, on the other instance
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).post('/profiles', { displayName: `Profile ${i}` })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(18);
    const list = (await (await a.get('/profiles')).json()) as { profiles: unknown[] };
    expect(list.profiles).toHaveLength(3);
  });
});
