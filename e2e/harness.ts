import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartedProduct {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs `npm start` (scripts/start.mjs: build the demo, serve it with the API) on a fresh PGlite
 * directory and a free port, and waits for /api/health. Spawns node directly and kills the whole
 * process group on stop (TOOLCHAIN.md: npx children orphan).
 */
export async function startProduct(env: Record<string, string> = {}): Promise<StartedProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sk-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', ...env },
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // exited
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(url);
  return { context, page };
}

export const E2E_PASSWORD = 'correct horse battery staple';
export const uniqueEmail = (prefix = 'e2e') => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Signs up through the <sign-in-form> of the demo page. */
export async function signUpThroughUi(page: Page, email: string, password = E2E_PASSWORD, displayName = 'E2E User') {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('tablist').waitFor();
}

/** Signs in through the <sign-in-form> of the demo page (password step only). */
export async function signInThroughUi(page: Page, email: string, password = E2E_PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Messages of the dev outbox (newest first). Messages are queued and written by the server's
 * delivery worker a moment after the request that sent them: read until the list stops growing.
 */
export async function outbox(baseUrl: string, to?: string): Promise<{ kind: string; to: string; subject: string | null; body: string }[]> {
  const read = async () => {
    const res = await fetch(`${baseUrl}/api/dev/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`);
    return ((await res.json()) as { messages: never[] }).messages;
  };
  let messages = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const again = await read();
    if (again.length === messages.length && again.length > 0) return again;
    messages = again;
  }
  return messages;
}

/**
 * Starts `npm start` on a fresh data directory and one Chromium for the calling test file, and
 * stops both after it. Read `running.product` and `running.browser` inside tests.
 */
export function useProductInChromium(env: Record<string, string> = {}): { product: StartedProduct; browser: Browser } {
  const running = {} as { product: StartedProduct; browser: Browser };
  beforeAll(async () => {
    running.product = await startProduct(env);
    running.browser = await launchChromium();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.product?.stop();
  });
  return running;
}
