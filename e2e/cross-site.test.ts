import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsApp } from '../server/app';
import { openDatabase, type Database } from '../server/db/client';
import { freePort, signUpThroughUi, uniqueEmail, E2E_PASSWORD } from './harness';

// Cross-site embedding as production has it: the host page on https://crm.test, the settings API on
// https://api.test — two sites, so the browser applies SameSite to every cookie. Both names resolve
// to 127.0.0.1 inside Chromium; the certificate is a throwaway one made for this run.
const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let database: Database;
let browser: Browser;
const servers: (Server | ServerType)[] = [];
const apis: Record<'none' | 'lax', string> = { none: '', lax: '' };
const pages: Record<'none' | 'lax', string> = { none: '', lax: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sk-cross-site-'));
  const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test', '-addext', 'subjectAltName=DNS:crm.test,DNS:api.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  if (cert.status !== 0) throw new Error(cert.stderr);
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const bundle = readFileSync(`${root}/dist/cdn/settings-kit.js`);

  database = await openDatabase({ dataDir: 'memory://' });
  for (const sameSite of ['none', 'lax'] as const) {
    const [apiPort, pagePort] = [await freePort(), await freePort()];
    apis[sameSite] = `https://api.test:${apiPort}`;
    pages[sameSite] = `https://crm.test:${pagePort}`;
    const api = createSettingsApp({ database, secret: 'cross-site-test-secret-long-enough-0000', publicOrigin: apis[sameSite], allowedOrigins: [pages[sameSite]], cookie: { sameSite } });
    const app = new Hono().route('/api', api);
    servers.push(serve({ fetch: app.fetch, port: apiPort, hostname: '127.0.0.1', createServer: createHttpsServer, serverOptions: tls }));
    const page = createHttpsServer(tls, (req, res) => {
      if (req.url === '/settings-kit.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>CRM</title><body>
        <h1>CRM</h1><profile-settings no-hash api-base="${apis[sameSite]}/api"></profile-settings>
        <script type="module" src="/settings-kit.js"></script></body></html>`);
    });
    await new Promise<void>((r) => page.listen(pagePort, '127.0.0.1', r));
    servers.push(page);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP crm.test 127.0.0.1, MAP api.test 127.0.0.1', '--ignore-certificate-errors'],
  });
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = async (url: string) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
};

describe('embedding across two sites', () => {
  it('with COOKIE_SAMESITE=none, signs up and stays signed in after a reload', async () => {
    const { context, page } = await open(pages.none);
    await signUpThroughUi(page, uniqueEmail('cross-site'), E2E_PASSWORD, 'Cross Site');
    await page.reload();
    await page.getByRole('tablist').waitFor();
    await expect(page.getByRole('heading', { level: 1, name: 'Cross Site' }).count()).resolves.toBe(1);
    const [cookie] = await context.cookies(apis.none);
    expect(cookie).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
    await context.close();
  });

  it('with the default SameSite=Lax, says in words that the browser refused the cookie', async () => {
    const { context, page } = await open(pages.lax);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Display name').fill('Refused Cookie');
    await page.getByLabel('Email').fill(uniqueEmail('lax'));
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    const signUp = page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-up'));
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await signUp).status()).toBe(201); // the server did sign the user up…
    const alert = page.getByRole('alert').filter({ hasText: 'did not keep the session cookie' });
    await alert.waitFor(); // …but the browser dropped the cookie, and the page says why
    await expect(alert.textContent()).resolves.toContain('COOKIE_SAMESITE=none');
    expect(await context.cookies(apis.lax)).toEqual([]);
    await context.close();
  });
});
