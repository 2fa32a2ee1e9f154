// Element tests in Debian's Chromium, against the real settings server (in-memory PGlite) at /api.
// Run through `node --import tsx` (scripts/test.mjs does) so this config can import the server's TypeScript.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';

const { createSettingsApp } = await import('./server/app.ts');
const { openDatabase } = await import('./server/db/client.ts');

const database = await openDatabase({ dataDir: 'memory://' });
const api = createSettingsApp({
  database,
  secret: 'element-tests-secret-long-enough-for-hkdf-0000',
  log: (line) => line.startsWith('[error]') && console.error(line),
  // Requests come through this middleware, not a socket: the dev outbox would refuse them as not
  // loopback. The delivery worker runs by hand, after each request, so a test reads a code at once.
  devOutbox: { allowWithoutSocket: true },
  delivery: { worker: 'manual' },
});

/** Koa middleware that hands /api/* to the Hono app, like the production server does. */
async function apiMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/api/')) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [k, v] of Object.entries(ctx.request.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const url = new URL(ctx.url.replace(/^\/api/, ''), `http://${ctx.request.headers.host}`);
  const response = await api.fetch(new Request(url, { method: ctx.method, headers, body: ['GET', 'HEAD'].includes(ctx.method) ? undefined : body }));
  await api.delivery.drain();
  ctx.status = response.status;
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length') ctx.set(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) ctx.set('set-cookie', cookies);
  ctx.body = Buffer.from(await response.arrayBuffer());
}

export default {
  files: ['elements/**/*.test.ts'],
  nodeResolve: true,
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browsers: [
    chromeLauncher({
      // Each page in its own browser context: test files running side by side keep separate cookies
      // (one file's sign-out must not end another file's session).
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)), target: 'es2022' })],
  middleware: [apiMiddleware],
};
