// A Hono host with its own routes, mounting the kit's API under /api/settings. Plain node, no build:
// `node server.mjs` (PORT, default 3000). <profile-settings api-base> points at the mount; a lone element
// (<login-sessions>) finds it through <meta name="settings-kit-api">.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createSettingsApp, openDatabase } from 'settings-kit/server';

const database = await openDatabase({ url: process.env.DATABASE_URL }); // PGlite in memory without a URL
const settings = createSettingsApp({
  database,
  secret: process.env.SETTINGS_SECRET ?? 'example-only-secret-of-at-least-32-chars',
  appName: 'Hono CRM',
});

const cdn = await readFile(fileURLToPath(import.meta.resolve('settings-kit/cdn')));
const app = new Hono();
app.get('/health', (c) => c.json({ ok: true, host: 'hono-host' })); // the host's own routes
app.get('/crm/customers', (c) => c.json({ customers: [{ id: 1, name: 'ACME' }] }));
app.route('/api/settings', settings);
app.get('/assets/settings-kit.js', (c) => c.body(cdn, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
app.get('/', (c) =>
  c.html(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Hono CRM: account settings</title>
    <meta name="settings-kit-api" content="/api/settings" />
    <script type="module" src="/assets/settings-kit.js"></script>
  </head>
  <body>
    <h1>Hono CRM</h1>
    <profile-settings api-base="/api/settings"></profile-settings>
    <h2>Your sessions</h2>
    <!-- An element outside <profile-settings>/<settings-provider> finds the API through the meta tag. -->
    <login-sessions no-activity></login-sessions>
  </body>
</html>`),
);

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => console.log(`hono-host listening on http://127.0.0.1:${info.port}`));
