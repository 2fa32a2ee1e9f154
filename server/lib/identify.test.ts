import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

// A host with its own sign-in hands us the user id; every feature then works for that user.
let t: TestApp;
let host: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  host = await createTestApp({ identify: async (c) => (c.req.header('x-host-user') ? { userId: c.req.header('x-host-user')! } : null) }, t.database);
});
afterAll(() => t.close());

describe('host identity (options.identify)', () => {
  it('reads the user from the host, not from our cookie', async () => {
    const account = await t.browser().signUp();
    const viaHost = await host.browser().get('/me', { headers: { 'x-host-user': account.id } });
    expect(viaHost.status).toBe(200);
    expect((await viaHost.json()).user.email).toBe(account.email);
    expect((await host.browser().get('/me')).status).toBe(401);
    expect((await host.browser().get('/me', { headers: { 'x-host-user': 'no-such-user' } })).status).toBe(401);
  });
});
