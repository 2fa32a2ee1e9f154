import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());
it('documents the routes of notifications, preferences, privacy, billing and connected accounts', async () => {
  const res = await t.browser().get('/openapi.json');
  expect(res.status).toBe(200);
  const doc = await res.json();
  for (const p of ['/notifications', '/preferences', '/privacy', '/account/export', '/account/delete', '/billing', '/connected-accounts', '/connected-accounts/{provider}/connect', '/auth/oauth/{provider}', '/auth/oauth/{provider}/callback']) expect(Object.keys(doc.paths)).toContain(p);
});
