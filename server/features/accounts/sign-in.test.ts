import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { MINUTE, DAY } from '../../lib/clock';
import { sessionWritesSettled } from '../sessions/sessions.service';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('sign-in, sign-out and sessions', () => {
  it('signs in with a new session token each time and signs out for good', async () => {
    const account = await t.browser().signUp();
    const b = t.browser();
    const res = await b.post('/auth/sign-in', { email: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'signed_in', user: { email: account.email } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = b.cookies.get('sk_session')!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const again = t.browser();
    await again.post('/auth/sign-in', { email: account.email, password: account.password });
    expect(again.cookies.get('sk_session')).not.toBe(token);

    expect((await b.post('/auth/sign-out')).status).toBe(204);
    const stolen = t.browser();
    stolen.cookies.set('sk_session', token);
    expect((await stolen.get('/me')).status).toBe(401);
    expect((await again.get('/me')).status).toBe(200);
  });

  it('keeps no token in the clear', async () => {
    const b = t.browser();
    await b.signUp();
    const token = b.cookies.get('sk_session')!;
    const rows = await t.database.db.execute('select token_hash from sessions' as never);
    const hashes = ((rows as any).rows ?? rows).map((r: any) => r.token_hash as string);
    expect(hashes.some((h: string) => h.includes(token))).toBe(false);
  });

  it('answers 401 without a session, with the error shape', async () => {
    const res = await t.browser().get('/me');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('ends a session after the idle timeout and after its absolute lifetime', async () => {
    const b = t.browser();
    await b.signUp();
    t.clock.advance(6 * DAY); // within the 7-day idle window
    expect((await b.get('/me')).status).toBe(200);
    t.clock.advance(7 * DAY + MINUTE); // idle for longer than the window
    expect((await b.get('/me')).status).toBe(401);

    const c = t.browser();
    await c.signUp();
    for (let day = 0; day < 30; day += 5) {
      t.clock.advance(5 * DAY);
      const status = (await c.get('/me')).status;
      if (day + 5 < 30) expect(status).toBe(200);
      else expect(status).toBe(401); // 30-day absolute lifetime, even when active
    }
  });

  it('writes last-active at most once a minute, and records device, browser, OS and place', async () => {
    const b = t.browser();
    const { id } = await b.signUp();
    const read = async () => {
      await sessionWritesSettled(); // the answer does not wait for the last-active write
      const rows = await t.database.db.execute(`select last_active_at, device, browser, os, country from sessions where user_id = '${id}'` as never);
      return ((rows as any).rows ?? rows)[0] as { last_active_at: string | Date; device: string; browser: string; os: string; country: string };
    };
    const created = await read();
    expect(created).toMatchObject({ device: 'Desktop', browser: 'Chrome 120', os: 'Linux', country: 'Unknown' });
    t.clock.advance(30_000);
    await b.get('/me');
    expect(new Date((await read()).last_active_at).getTime()).toBe(new Date(created.last_active_at).getTime());
    t.clock.advance(31_000);
    await b.get('/me');
    expect(new Date((await read()).last_active_at).getTime()).toBe(t.clock.now().getTime());
  });

  it('records every attempt in the login activity log', async () => {
    const account = await t.browser().signUp();
    await t.browser().post('/auth/sign-in', { email: account.email, password: 'wrong password here' });
    await t.browser().post('/auth/sign-in', { email: account.email, password: account.password });
    const rows = await t.database.db.execute(`select success, reason, method from login_activity where user_id = '${account.id}' order by at, method` as never);
    const list = ((rows as any).rows ?? rows) as { success: boolean; reason: string | null; method: string }[];
    expect(list.map((r) => `${r.success}:${r.reason}`).sort()).toEqual(['false:wrong_password', 'true:null', 'true:null']);
  });
});

describe('behind a trusted proxy', () => {
  it('takes the IP and country from the configured headers', async () => {
    const proxied = await createTestApp({ trustedIpHeader: 'x-forwarded-for', trustedCountryHeader: 'cf-ipcountry' }, t.database);
    const again = proxied.browser();
    const account = await t.browser().signUp();
    await again.post('/auth/sign-in', { email: account.email, password: account.password }, { headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'cf-ipcountry': 'de' } });
    const rows = await t.database.db.execute(`select ip, country from sessions where user_id = '${account.id}' order by created_at desc` as never);
    const list = ((rows as any).rows ?? rows) as { ip: string; country: string }[];
    expect(list).toContainEqual({ ip: '203.0.113.7', country: 'DE' });
  });
});
