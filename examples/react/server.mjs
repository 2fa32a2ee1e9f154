// Serves the built React app (dist/) and the kit's API at /api. `npm run build` first (vite build).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createSettingsApp, openDatabase } from 'settings-kit/server';

const database = await openDatabase({ dataDir: 'memory://' });
const app = new Hono();
app.route('/api', createSettingsApp({ database, secret: process.env.SETTINGS_SECRET ?? 'example-only-secret-of-at-least-32-chars' }));
app.use('/*', serveStatic({ root: './dist' })); // run from examples/react
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => console.log(`react listening on http://127.0.0.1:${info.port}`));
