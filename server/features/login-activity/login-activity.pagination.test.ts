import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto';
import { loginActivity } from './login-activity.table';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

type Item = { id: string; at: string; success: boolean; reason: string | null; ip: string | null; country: string | null; device: string | null };
type Page = { items: Item[]; nextCursor: string | null };

const page = async (b: ReturnType<TestApp['browser']>, query: string) => {
  const res = await b.get(`/security/login-activity${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

/** Inserts `n` activity rows for a user; some share a timestamp, so the id must break ties. */
async function insertRows(userId: string, n: number, start: Date) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId(),
    userId,
    at: new Date(start.getTime() + Math.floor(i / 3) * 1000),
    success: i % 4 !== 0,
    reason: i % 4 !== 0 ? null : (['wrong_password', 'unknown_user', 'wrong_code', 'locked'] as const)[i % 16 / 4]!,
    method: 'password',
    ip: '203.0.113.7',
    country: 'DE',
    device: 'Desktop',
    browser: 'Chrome 120',
    os: 'Linux',
  }));
  await t.db.insert(loginActivity).values(rows);
  return rows;
}

describe('GET /security/login-activity', () => {
  it('pages newest first with an opaque cursor, without duplicates or gaps while new rows arrive', async () => {
    const b = t.browser();
    const me = await b.signUp();
    const stranger = t.browser();
    const other = await stranger.signUp();
    const inserted = await insertRows(me.id, 47, new Date('2025-12-01T00:00:00Z'));
    await insertRows(other.id, 10, new Date('2025-12-01T00:00:00Z'));
    const expected = [...inserted.map((r) => ({ id: r.id, at: r.at.getTime() })), { id: 'signup', at: Infinity }]; // + the sign-up row

    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page(b, `?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...result.items);
      cursor = result.nextCursor;
      pages++;
      // New sign-ins (and a failure) land between pages; they are newer than any cursor.
      t.clock.advance(1000);
      await b.post('/auth/sign-in', { email: me.email, password: 'a wrong password' });
      expect(cursor === null || /^[A-Za-z0-9_-]+$/.test(cursor)).toBe(true);
    } while (cursor && pages < 20);

    expect(pages).toBe(5);
    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect(ids.length).toBe(expected.length); // no gaps
    expect(ids.filter((id) => inserted.some((r) => r.id === id))).toHaveLength(47);
    const times = seen.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((x, y) => y - x)); // newest first
    for (let i = 1; i < seen.length; i++) {
      if (times[i] === times[i - 1]) expect(seen[i]!.id < seen[i - 1]!.id).toBe(true); // ties broken by id, descending
    }
  });

  it('never reveals unknown_user and shows success, reason, ip, country and device', async () => {
    const b = t.browser();
    const me = await b.signUp();
    await insertRows(me.id, 16, new Date('2025-11-01T00:00:00Z'));
    const { items } = await page(b, '?limit=100');
    expect(items.map((i) => i.reason)).not.toContain('unknown_user');
    expect(new Set(items.filter((i) => !i.success).map((i) => i.reason))).toEqual(new Set(['wrong_password', 'wrong_code', 'locked']));
    expect(items.filter((i) => i.success).every((i) => i.reason === null)).toBe(true);
    expect(items.at(-1)).toMatchObject({ ip: '203.0.113.7', country: 'DE', device: 'Desktop' });
  });

  it('records a real failed sign-in and shows it to the owner only', async () => {
    const b = t.browser();
    const me = await b.signUp();
    t.clock.advance(1000);
    await t.browser().post('/auth/sign-in', { email: me.email, password: 'not my password at all' });
    const { items } = await page(b, '');
    expect(items[0]).toMatchObject({ success: false, reason: 'wrong_password' });
    const stranger = t.browser();
    await stranger.signUp();
    const theirs = await page(stranger, '');
    expect(theirs.items.map((i) => i.id)).not.toContain(items[0]!.id);
  });

  it('validates limit and cursor, and needs a session', async () => {
    const b = t.browser();
    await b.signUp();
    for (const bad of ['0', '101', 'abc', '2.5']) {
      const res = await b.get(`/security/login-activity?limit=${bad}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('limit');
    }
    expect((await b.get('/security/login-activity?limit=1')).status).toBe(200);
    expect((await b.get('/security/login-activity?limit=100')).status).toBe(200);
    for (const bad of ['nonsense', Buffer.from('["2026-13-45 99:00:00+00","x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await b.get(`/security/login-activity?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('cursor');
    }
    expect((await t.browser().get('/security/login-activity')).status).toBe(401);
  });
});
