import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../../app';
import { createTestApp, TEST_SECRET, type TestApp } from '../../testing/test-app';

// Password-reset poisoning: the link in the mail must never follow the Host or X-Forwarded-Host
// header of the request that asked for it.
let t: TestApp;
beforeAll(async () => (t = await createTestApp({ publicOrigin: 'https://settings.example.com', allowedOrigins: ['https://crm.example.com'] })));
afterAll(() => t.close());

const rows = async (q: string) => {
  const r = await t.db.execute(q as never);
  return ((r as any).rows ?? r) as any[];
};
const resetMailTo = async (email: string) => (await t.drain(), await rows(`select body from outbox where "to" = '${email}' and subject like 'Reset your%' order by created_at desc limit 1`))[0]?.body as string | undefined;
const recover = (email: string, url: string, headers: Record<string, string> = {}) =>
  t.app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email }) });

describe('links in mail come from configured origins only', () => {
  it('ignores a poisoned Host and X-Forwarded-Host and links to PUBLIC_ORIGIN', async () => {
    const { email } = await t.browser().signUp();
    const res = await recover(email, 'http://attacker.example/auth/password-recovery', { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' });
    expect(res.status).toBe(202);
    const body = await resetMailTo(email);
    expect(body).toContain('https://settings.example.com/#sk-reset-password=');
    expect(body).not.toContain('attacker.example');
  });

  it('links to the page that asked only when its Origin is allowlisted', async () => {
    const { email } = await t.browser().signUp();
    await recover(email, 'https://settings.example.com/auth/password-recovery', { origin: 'https://crm.example.com' });
    expect(await resetMailTo(email)).toContain('https://crm.example.com/#sk-reset-password=');
  });

  it('without any configured origin, a development server links only to a loopback name it was reached on', async () => {
    const dev = createSettingsApp({ database: t.database, secret: TEST_SECRET, clock: t.clock, delivery: { worker: 'manual' } });
    const { email } = await t.browser().signUp();
    const poisoned = await dev.request('http://attacker.example/auth/password-recovery', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
    expect(poisoned.status).toBe(500);
    expect((await poisoned.json()).error.code).toBe('link_origin_not_configured');
    expect(await resetMailTo(email)).toBeUndefined();
    const { email: other } = await t.browser().signUp();
    const local = await dev.request('http://127.0.0.1:3000/auth/password-recovery', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: other }) });
    expect(local.status).toBe(202);
    expect(await resetMailTo(other)).toContain('http://127.0.0.1:3000/#sk-reset-password=');
  });

  it('refuses to start in production without PUBLIC_ORIGIN or pageUrl, saying which', () => {
    expect(() => createSettingsApp({ database: t.database, secret: TEST_SECRET, production: true })).toThrow(/PUBLIC_ORIGIN.*pageUrl/);
    expect(() => createSettingsApp({ database: t.database, secret: TEST_SECRET, production: true, pageUrl: 'https://crm.example.com/settings' })).not.toThrow();
  });
});
