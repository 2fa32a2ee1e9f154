import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { APP_DEPS } from './app';
import { createTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp({ allowedOrigins: ['https://crm.example.com'] })));
afterAll(() => t.close());

describe('conventions of API.md', () => {
  it('reports health with the database kind, having asked the database', async () => {
    const res = await t.browser().get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite', database: 'up' });
  });

  it('counts the delivery queue\'s backlog in /health', async () => {
    const before = (await (await t.browser().get('/health')).json()).delivery.pending as number;
    await t.app[APP_DEPS].mail.send({ to: 'backlog@example.com', subject: 'Waiting', text: 'for the worker', category: 'security' });
    t.clock.advance(2000); // past the shared ping of the last second
    const health = await (await t.browser({ drain: false }).get('/health')).json();
    expect(health.delivery.pending).toBe(before + 1);
    expect(health.delivery.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('answers unknown paths under a mounted app in the error shape, not Hono\'s plain text', async () => {
    const host = new Hono();
    host.get('/own', (c) => c.text('the host'));
    host.route('/api/settings', t.app);
    for (const path of ['/api/settings/no-such-thing', '/api/settings/security/nope/deeper']) {
      const res = await host.request(`http://localhost${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect(await (await host.request('http://localhost/own')).text()).toBe('the host');
  });

  it('answers malformed JSON with 400 invalid_json, never a 5xx', async () => {
    const res = await t.browser().post('/auth/sign-in', '{"email": ', { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_json');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await t.browser().post('/auth/sign-in', 'email=a@b.c&password=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
  });

  it('refuses a state change from a foreign Origin with 403 csrf, and allows allowlisted ones', async () => {
    const body = { email: 'x@example.com', password: 'whatever password' };
    const foreign = await t.browser().post('/auth/sign-in', body, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('csrf');
    const own = await t.browser().post('/auth/sign-in', body, { headers: { origin: 'http://localhost' } });
    expect(own.status).toBe(401);
    const listed = await t.browser().post('/auth/sign-in', body, { headers: { origin: 'https://crm.example.com' } });
    expect(listed.status).toBe(401);
  });

  it('sends CORS headers only to allowlisted origins', async () => {
    const ok = await t.browser().request('OPTIONS', '/me', { headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'GET' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const bad = await t.browser().get('/me', { headers: { origin: 'https://evil.example' } });
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets the security headers with frame-ancestors from the allowlist', async () => {
    const res = await t.browser().get('/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self' https://crm.example.com");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('names each invalid field', async () => {
    const res = await t.browser().post('/auth/sign-up', { email: 42 });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('serves an OpenAPI document generated from the validating schemas', async () => {
    const doc = await (await t.browser().get('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const signUp = doc.paths['/auth/sign-up'].post;
    expect(signUp.requestBody.content['application/json'].schema).toBeTruthy();
    expect(doc.paths['/me'].get).toBeTruthy();
  });

  it('answers unknown paths with the error shape', async () => {
    const res = await t.browser().get('/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
