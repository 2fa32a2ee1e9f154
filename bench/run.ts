// `npm run bench`: every benchmark under bench/, one after another (each prints what it measured,
// on what, and its ratio to the baseline).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const skip = new Set(['run.ts', 'harness.ts']);
const only = process.argv.slice(2);
let failed = 0;

// Both databases are measured: without DATABASE_URL, the local PostgreSQL of this machine kind
// (127.0.0.1:5432, user postgres, trust auth) when it answers; each benchmark makes its own database.
if (!process.env.DATABASE_URL && (await reachable('127.0.0.1', 5432))) {
  process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`PostgreSQL: ${process.env.DATABASE_URL} (set DATABASE_URL to measure another server)`);
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !skip.has(f)).sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}/${file}`], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
