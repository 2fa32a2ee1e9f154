import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freePort } from '../e2e/harness';
import { ensureServerBundle, serverNodeFlags } from '../scripts/server-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;

export interface BenchServer {
  url: string;
  coldStartMs: number;
  pid: number;
  /** Resident memory of the server process now, in MiB (Linux /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** A fresh PostgreSQL database on DATABASE_URL's server, and how to drop it. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * The kit's server as `npm start` runs it: the compiled bundle (scripts/server-bundle.mjs, rebuilt
 * when stale). BENCH_KIT=tsx runs the TypeScript source through tsx instead, for comparison.
 */
export async function kitServerArgs(): Promise<string[]> {
  if (process.env.BENCH_KIT === 'tsx') return ['--import', 'tsx', 'server/main.ts'];
  return [...serverNodeFlags, await ensureServerBundle({ quiet: true })];
}

/**
 * Spawns a server in its own process (so the load generator does not share its event loop) and
 * measures spawn → first 200 from `readyPath`.
 */
export async function startProcess(args: string[], env: Record<string, string>, readyPath: string, cleanup: () => Promise<void> = async () => {}): Promise<BenchServer> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, ...env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited during start`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const coldStartMs = performance.now() - started;
  return {
    url,
    coldStartMs,
    pid: child.pid!,
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      await cleanup();
    },
  };
}

/**
 * The kit's server as a host runs it, beside a baseline that has no demo either: not the demo's
 * files, admin account, sample plan or local OAuth and RingCentral sandboxes (two more HTTP servers
 * in the process, about 5 MiB of idle memory). Development mode, for cookies over plain HTTP.
 */
const KIT_AS_A_HOST_RUNS_IT = { DEMO_DIR: '/nonexistent', DEMO_ADMIN: 'off', DEMO_BILLING: 'off', OAUTH_SANDBOX: 'off', RINGCENTRAL_SANDBOX: 'off', NODE_ENV: 'development' };

/** As `npm start` runs it: the demo too (its files when built, admin account, sandboxes). */
const AS_NPM_START = { NODE_ENV: 'development' };

/** The kit's server on a fresh PGlite directory (or `dataDir`) or a fresh PostgreSQL database. */
export async function startServer(db: 'pglite' | 'postgres', options: { dataDir?: string; asNpmStart?: boolean } = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sk-bench-'));
  const scratch = db === 'postgres' ? await scratchDatabase('sk_bench') : undefined;
  return startProcess(await kitServerArgs(), { DATABASE_URL: scratch?.url ?? '', DATA_DIR: dataDir, ...(options.asNpmStart ? AS_NPM_START : KIT_AS_A_HOST_RUNS_IT) }, '/api/health', async () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });
}

/** The baseline: Better Auth on the same stack and PostgreSQL server, its own database (bench/baseline/). */
export async function startBetterAuth(): Promise<BenchServer> {
  const scratch = await scratchDatabase('sk_bench_ba');
  return startProcess(['bench/baseline/better-auth-server.mjs'], { DATABASE_URL: scratch.url }, '/healthz', scratch.drop);
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

/** `rounds` loads of `seconds` each; the median round by requests per second (the "3 × 6 s, medians"). */
export async function loadMedian(options: Parameters<typeof load>[0], rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) results.push(await load(options));
  results.sort((a, b) => a.rps - b.rps);
  return results[Math.floor(results.length / 2)]!;
}

/** Prints one line: what, on what, figures and the ratio to the baseline. */
export function report(what: string, on: string, figures: string, ratio?: { value: number; baseline: string }) {
  const r = ratio ? `  ratio ${ratio.value.toFixed(2)}× vs ${ratio.baseline}` : '';
  console.log(`${what.padEnd(34)} ${on.padEnd(10)} ${figures}${r}`);
}
