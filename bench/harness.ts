import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freePort } from '../e2e/harness';

const root = fileURLToPath(new URL('..', import.meta.url));
export const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;

export interface BenchServer {
  url: string;
  coldStartMs: number;
  stop(): Promise<void>;
}

/**
 * Starts server/main.ts in its own process (so the load generator does not share its event loop)
 * on a fresh PGlite directory or a fresh PostgreSQL database, and measures spawn → first 200.
 */
export async function startServer(db: 'pglite' | 'postgres', options: { dataDir?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sk-bench-'));
  let databaseUrl = '';
  let dropDb = async () => {};
  if (db === 'postgres') {
    const name = `sk_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), DEMO_DIR: '/nonexistent', NODE_ENV: 'development' },
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error('server exited during start');
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - started;
  return {
    url,
    coldStartMs,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await new Promise((r) => setTimeout(r, 300));
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await dropDb();
    },
  };
}

export interface LoadResult {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon with 10 connections for `seconds`. */
export async function load(options: {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Bodies to rotate through, one per request (e.g. several accounts). */
  bodies?: string[];
  seconds?: number;
}): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    ...(options.bodies ? { requests: [{ setupRequest: (req: any) => ({ ...req, body: options.bodies![next++ % options.bodies!.length] }) }] } : {}),
    connections: 10,
    duration: options.seconds ?? 8,
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Prints one line: what, on what, figures and the ratio to the baseline. */
export function report(what: string, on: string, figures: string, ratio?: { value: number; baseline: string }) {
  const r = ratio ? `  ratio ${ratio.value.toFixed(2)}× vs ${ratio.baseline}` : '';
  console.log(`${what.padEnd(34)} ${on.padEnd(10)} ${figures}${r}`);
}
