import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../../app';
import { createTestApp, TEST_SECRET, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const signUp = (app: { request: TestApp['app']['request'] }, url: string) =>
  app.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `cookie-${Math.random().toString(36).slice(2)}@example.com`, password: 'correct horse battery staple' }) });

describe('session cookies', () => {
  it('are SameSite=Lax and HttpOnly by default, Secure with the __Host- prefix over https', async () => {
    const plain = (await signUp(t.app, 'http://localhost/auth/sign-up')).headers.getSetCookie()[0]!;
    expect(plain).toMatch(/^sk_session=/);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure|Partitioned/);
    const secure = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, publicOrigin: 'https://settings.example.com' });
    const https = (await signUp(secure, 'https://settings.example.com/auth/sign-up')).headers.getSetCookie()[0]!;
    expect(https).toMatch(/^__Host-sk_session=.*; Path=\/;.*Secure/);
  });

  it('with cookie.sameSite "none" are SameSite=None; Secure; Partitioned, and still refused after sign-out', async () => {
    const crossSite = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, publicOrigin: 'https://api.example.net', cookie: { sameSite: 'none' } });
    const res = await signUp(crossSite, 'https://api.example.net/auth/sign-up');
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-sk_session=/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned']) expect(cookie).toContain(attribute);
    const session = cookie.split(';')[0]!;
    const out = await crossSite.request('https://api.example.net/auth/sign-out', { method: 'POST', headers: { cookie: session } });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie()[0]!;
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toContain('Partitioned'); // a partitioned cookie is only removed by a partitioned Set-Cookie
    expect((await crossSite.request('https://api.example.net/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses SameSite=None over plain http on a non-loopback origin at start', () => {
    const start = (publicOrigin: string) => () => createSettingsApp({ database: t.database, secret: TEST_SECRET, publicOrigin, cookie: { sameSite: 'none' } });
    expect(start('http://settings.example.com')).toThrow(/https/);
    expect(start('http://localhost:3000')).not.toThrow();
    expect(start('https://settings.example.com')).not.toThrow();
  });
});
