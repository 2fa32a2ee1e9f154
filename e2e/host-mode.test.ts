import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../server/app';
import { openDatabase, type Database } from '../server/db/client';
import { freePort, launchChromium } from './harness';

// The settings page inside a host with its own sign-in (API.md "Host identity"): the host's
// `identify` reads its own cookies (`crm_user`, and `crm_reauth`, when it last re-authenticated its
// user); the page is the CDN bundle in the host's HTML. The host answers `sk-reauthenticate` by
// re-authenticating (here: a POST that stamps `crm_reauth`) and calling `reauthenticated()`.
const root = fileURLToPath(new URL('..', import.meta.url));
let database: Database;
let server: ServerType;
let browser: Browser;
let base: string;

const HOST_PAGE = `<!doctype html><html lang="en"><title>CRM</title><body>
  <h1>CRM</h1><profile-settings no-hash identity="host" app-name="Acme CRM"></profile-settings>
  <script type="module" src="/settings-kit.js"></script>
  <script type="module">
    const page = document.querySelector('profile-settings');
    page.addEventListener('sk-reauthenticate', async (event) => {
      event.preventDefault(); // the host handles it: the page waits for reauthenticated()
      window.reauthAsked = (window.reauthAsked ?? 0) + 1;
      await fetch('/host/reauthenticate', { method: 'POST' });
      page.reauthenticated();
    });
    page.addEventListener('sk-unauthenticated', (event) => (window.unauthenticated = event.detail.reason));
  </script></body></html>`;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const bundle = readFileSync(`${root}/dist/cdn/settings-kit.js`, 'utf8');
  database = await openDatabase({ dataDir: 'memory://' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const api = createSettingsApp({
    database,
    secret: 'host-mode-test-secret-long-enough-for-hkdf-00',
    publicOrigin: base,
    identify: async (c) => {
      const externalId = getCookie(c, 'crm_user');
      if (!externalId) return null;
      const at = Number(getCookie(c, 'crm_reauth'));
      return { externalId, email: `${externalId}@crm.example`, displayName: 'Hosted Ada', reauthenticatedAt: at ? new Date(at) : null };
    },
  });
  const app = new Hono()
    .route('/api', api)
    .post('/host/reauthenticate', (c) => {
      setCookie(c, 'crm_reauth', String(Date.now()), { path: '/', httpOnly: true, sameSite: 'Lax' });
      return c.body(null, 204);
    })
    .get('/settings-kit.js', (c) => c.body(bundle, 200, { 'content-type': 'text/javascript' }))
    .get('/', (c) => c.html(HOST_PAGE));
  server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
  await database?.close();
});

/** A browser signed in to the host as `user`, last re-authenticated at `reauthAt` (ms), on the host page. */
async function hostPage(user: string | null, reauthAt?: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const cookies = [
    ...(user ? [{ name: 'crm_user', value: user, url: base }] : []),
    ...(reauthAt ? [{ name: 'crm_reauth', value: String(reauthAt), url: base }] : []),
  ];
  if (cookies.length) await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(base);
  return { context, page };
}

describe('the settings page under host identity', () => {
  it('shows the host user with no sign-in form, no Sign out and no password to change', async () => {
    const { context, page } = await hostPage('crm-ada');
    await page.getByRole('tablist').waitFor();
    await expect(page.getByRole('heading', { level: 1, name: 'Hosted Ada' }).count()).resolves.toBe(1);
    await expect(page.locator('sign-in-form').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
    await expect(page.getByText('Your email is managed by Acme CRM.').count()).resolves.toBe(1);
    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByText('Sign-in is managed by Acme CRM').waitFor();
    await expect(page.getByLabel('Current password').count()).resolves.toBe(0);
    await context.close();
  });

  it('signed out of the host: "You are signed out" and sk-unauthenticated, not the kit sign-in form', async () => {
    const { context, page } = await hostPage(null);
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await expect(page.locator('sign-in-form').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { unauthenticated?: string }).unauthenticated)).resolves.toBe('no_session');
    await context.close();
  });

  it('turning on TOTP with a stale reauthenticatedAt shows "Confirm it\'s you"; after the host re-authenticates, the setup goes on', async () => {
    const { context, page } = await hostPage('crm-totp', Date.now() - 3600_000);
    await page.getByRole('tablist').waitFor();
    await page.getByRole('tab', { name: 'Security' }).click();
    const setup = page.waitForResponse((r) => r.url().endsWith('/api/security/two-factor/totp/setup') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    expect((await setup).status()).toBe(401);
    const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
    await dialog.waitFor();
    const retried = page.waitForResponse((r) => r.url().endsWith('/api/security/two-factor/totp/setup') && r.request().method() === 'POST');
    // The button is slotted into the dialog (flat tree), not a DOM descendant of the <dialog>.
    await page.getByRole('button', { name: "Confirm it's you" }).click();
    expect((await retried).status()).toBe(200);
    await page.getByRole('heading', { name: 'Scan the QR code' }).waitFor();
    await expect(page.evaluate(() => (window as unknown as { reauthAsked?: number }).reauthAsked)).resolves.toBe(1);
    await expect(dialog.count()).resolves.toBe(0);
    await context.close();
  });
});
