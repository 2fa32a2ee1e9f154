// A plain HTML page with the kit from a script tag (settings-kit/cdn), and the kit's API at /api,
// served by node:http alone. `node server.mjs` (PORT, default 3000).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createSettingsApp, openDatabase } from 'settings-kit/server';

const database = await openDatabase({ dataDir: 'memory://' }); // PGlite in memory; { url: 'postgres://…' } for PostgreSQL
const api = createSettingsApp({ database, secret: process.env.SETTINGS_SECRET ?? 'example-only-secret-of-at-least-32-chars' });
const handleApi = getRequestListener((request) => {
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(/^\/api/, '') || '/';
  return api.fetch(new Request(url, request));
});

const files = {
  '/': [new URL('./index.html', import.meta.url), 'text/html; charset=utf-8'],
  '/settings-kit.js': [new URL(import.meta.resolve('settings-kit/cdn')), 'text/javascript; charset=utf-8'],
};

const server = createServer(async (req, res) => {
  if (req.url === '/api' || req.url?.startsWith('/api/')) return handleApi(req, res);
  const file = files[new URL(req.url ?? '/', 'http://x').pathname];
  if (!file) return res.writeHead(404).end('not found');
  res.writeHead(200, { 'content-type': file[1] }).end(await readFile(fileURLToPath(file[0])));
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.log(`plain-html listening on http://127.0.0.1:${server.address().port}`));
