import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../../app';
import { createTestApp, TEST_SECRET, type TestApp } from '../../testing/test-app';

// The outbox holds every code and reset link: only a development server answers, and only to a
// request whose socket peer is loopback and that no proxy forwarded for someone else.
let t: TestApp;
let strict: ReturnType<typeof createSettingsApp>;
let production: ReturnType<typeof createSettingsApp>;
beforeAll(async () => {
  t = await createTestApp();
  strict = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, delivery: { worker: 'manual' } });
  production = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, delivery: { worker: 'manual' }, production: true, publicOrigin: 'https://settings.example.com', mail: { name: 'x', send: async () => ({ id: 'x' }) } });
});
afterAll(async () => {
  await strict.stop();
  await production.stop();
  await t.close();
});

/** A request as @hono/node-server hands it over: the Node socket in `env.incoming`. */
const from = (app: ReturnType<typeof createSettingsApp>, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.request('http://localhost/dev/outbox', { headers }, { incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: remoteAddress.includes(':') ? 'IPv6' : 'IPv4' } } });

describe('GET /dev/outbox', () => {
  it('answers loopback peers: 127.0.0.0/8, ::1 and IPv4-mapped loopback', async () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const res = await from(strict, address);
      expect(res.status, address).toBe(200);
      expect(await res.json()).toHaveProperty('messages');
    }
  });

  it('answers nobody else: another address, a loopback proxy forwarding for someone, or a request with no socket', async () => {
    for (const address of ['10.0.0.7', '192.168.1.20', '203.0.113.5', '::ffff:10.0.0.7', 'fe80::1']) {
      const res = await from(strict, address);
      expect(res.status, address).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect((await from(strict, '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).status).toBe(404);
    expect((await from(strict, '127.0.0.1', { forwarded: 'for=203.0.113.5;proto=https' })).status).toBe(404);
    expect((await from(strict, '127.0.0.1', { 'x-real-ip': '198.51.100.1' })).status).toBe(404);
    expect((await strict.request('http://localhost/dev/outbox')).status).toBe(404);
  });

  it('never answers in production, not even on loopback', async () => {
    expect((await from(production, '127.0.0.1')).status).toBe(404);
  });
});
