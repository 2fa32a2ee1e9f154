// `npm run dev`: the API (restarted on change by tsx watch) on API_PORT and vite with reload on VITE_PORT.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.API_PORT ?? '3001';
const vitePort = process.env.VITE_PORT ?? '5173';
// The page comes from vite's origin, which the API (on its own port, behind vite's proxy) must accept
// as a caller: the Origin check would otherwise refuse every change as cross-site.
const devOrigins = [`http://localhost:${vitePort}`, `http://127.0.0.1:${vitePort}`, process.env.ALLOWED_ORIGINS].filter(Boolean).join(',');
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: apiPort, DEMO_DIR: '/nonexistent', ALLOWED_ORIGINS: devOrigins } }),
  spawn(process.execPath, [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url))], { cwd: root, stdio: 'inherit', env: { ...process.env, API_PORT: apiPort, VITE_PORT: vitePort } }),
];
const stop = (signal) => children.forEach((c) => c.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
children.forEach((c) => c.on('exit', (code) => (stop('SIGTERM'), process.exit(code ?? 0))));
