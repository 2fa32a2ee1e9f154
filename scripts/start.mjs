// `npm start`: build the demo, then serve it with the API (PGlite in ./.data unless DATABASE_URL is set).
// The API runs as a compiled bundle (scripts/server-bundle.mjs, rebuilt when a source file changed),
// not through tsx: Node starts it in about half the time and memory.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureServerBundle, serverNodeFlags } from './server-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const bundle = await ensureServerBundle();
const server = spawn(process.execPath, [...serverNodeFlags, bundle], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
