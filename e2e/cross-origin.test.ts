import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, newPage, signInThroughUi, signUpThroughUi, startProduct, uniqueEmail, type StartedProduct } from './harness';

// A host page on another origin embeds the library bundle (settings-kit/cdn) and talks to the API across origins.
const root = fileURLToPath(new URL('..', import.meta.url));
let product: StartedProduct;
let host: Server;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stderr);
  const hostPort = await freePort();
  hostUrl = `http://127.0.0.1:${hostPort}`;
  product = await startProduct({ ALLOWED_ORIGINS: hostUrl });
  const bundle = readFileSync(`${root}/dist/cdn/settings-kit.js`);
  host = createServer((req, res) => {
    if (req.url === '/settings-kit.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(bundle);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html lang="en"><title>Host CRM</title><body>
      <h1>Host CRM</h1>
      <profile-settings no-hash api-base="${product.url}/api"></profile-settings>
      <script type="module" src="/settings-kit.js"></script></body></html>`);
  });
  await new Promise<void>((r) => host.listen(hostPort, '127.0.0.1', r));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  host?.close();
  await product?.stop();
});

describe('embedding across origins', () => {
  it('signs up, keeps the session across a reload, and signs in again from a foreign-origin host page', async () => {
    const { page, context } = await newPage(browser, hostUrl);
    const email = uniqueEmail('cross');
    await signUpThroughUi(page, email, undefined, 'Cross Origin');
    await page.reload();
    await page.getByRole('tablist').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughUi(page, email);
    await page.getByRole('tablist').waitFor();
    await context.close();
  });

  it('refuses a state change from an origin not on the allowlist', async () => {
    const res = await fetch(`${product.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.localhost:1' },
      body: JSON.stringify({ email: 'a@example.com', password: 'whatever it is' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
