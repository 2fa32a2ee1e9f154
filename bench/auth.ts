// The kit beside Better Auth, in one run, under the same load (autocannon, 10 connections, medians
// of BENCH_ROUNDS × BENCH_SECONDS, the two servers taking turns): session read, session list
// (10 sessions), sign-in, a bare route, cold start to the first 200 and idle memory — on
// PostgreSQL, each server with its own database on the same server. Then the kit alone on PGlite (the embedded default).
// Baseline: bench/baseline/better-auth-server.mjs (Better Auth 1.7, Hono, drizzle, postgres.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, loadMedian, machine, report, startBetterAuth, startServer, type BenchServer, type LoadResult } from './harness';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const password = 'a long bench passphrase';
const json = { 'content-type': 'application/json' };
/**
 * A POST as the page would send it: with the server's own Origin. Node's fetch sends the
 * `Sec-Fetch-*` headers of a browser, and Better Auth refuses such a request without an Origin
 * (403 MISSING_OR_NULL_ORIGIN): without it, no account was made and its figures measured refusals.
 */
async function post(url: string, body: unknown): Promise<Response> {
  const res = await fetch(url, { method: 'POST', headers: { ...json, origin: new URL(url).origin }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return res;
}
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const figures = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms${r.non2xx ? `, non-2xx ${r.non2xx}` : ''}`;

/** What each server calls the same things. */
interface Subject {
  name: string;
  server: BenchServer;
  signUp(email: string): Promise<string>;
  signInPath: string;
  mePath: string;
  sessionsPath: string;
  barePath: string;
}

const kitSubject = (server: BenchServer): Subject => ({
  name: 'settings-kit',
  server,
  signUp: async (email) => cookieOf(await post(`${server.url}/api/auth/sign-up`, { email, password })),
  signInPath: '/api/auth/sign-in',
  mePath: '/api/me',
  sessionsPath: '/api/security/sessions',
  barePath: '/api/health',
});
const betterAuthSubject = (server: BenchServer): Subject => ({
  name: 'Better Auth',
  server,
  signUp: async (email) => cookieOf(await post(`${server.url}/api/auth/sign-up/email`, { email, password, name: 'Bench' })),
  signInPath: '/api/auth/sign-in/email',
  mePath: '/api/auth/get-session',
  sessionsPath: '/api/auth/list-sessions',
  barePath: '/healthz',
});

interface Prepared {
  cookie: string;
  signInBodies: string[];
}

/** One account with ten sessions (for the list), and ten accounts to sign in with, one per connection. */
async function prepare(s: Subject): Promise<Prepared> {
  const stamp = Date.now().toString(36);
  const email = `bench-${stamp}@example.com`;
  const cookie = await s.signUp(email);
  for (let i = 0; i < 9; i++) await post(`${s.server.url}${s.signInPath}`, { email, password });
  // Measure signed-in reads only: both answer the session and a list of ten (Better Auth's
  // get-session answers 200 `null` without a session, so the status alone would not tell).
  const me = await fetch(`${s.server.url}${s.mePath}`, { headers: { cookie } });
  const meText = await me.text();
  if (!me.ok || !meText.includes(email)) throw new Error(`${s.name} ${s.mePath}: ${me.status} ${meText.slice(0, 200)}`);
  const listed = JSON.parse(await (await fetch(`${s.server.url}${s.sessionsPath}`, { headers: { cookie } })).text());
  const count = Array.isArray(listed) ? listed.length : listed.sessions?.length;
  if (count !== 10) throw new Error(`${s.name}: the session list has ${count} sessions, not 10`);
  // The kit refuses more than a few sign-ins in flight for one email by design (the lockout
  // reserves attempts before judging them), so each connection has its own account.
  const signInBodies = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const account = { email: `bench-${i}-${stamp}@example.com`, password };
      await s.signUp(account.email);
      return JSON.stringify(account);
    }),
  );
  return { cookie, signInBodies };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianBy = (results: LoadResult[]) => [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)]!;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Each measure runs `rounds` times, the two servers taking turns (kit, Better Auth, kit, …), so a
 * change in the machine's load (other processes, thermal) falls on both alike; medians per server.
 */
async function alternate(subjects: Subject[], options: (s: Subject) => Parameters<typeof load>[0]): Promise<LoadResult[]> {
  const results: LoadResult[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, s] of subjects.entries()) results[i]!.push(await load({ ...options(s), seconds }));
  }
  return results.map(medianBy);
}

console.log(`\n# The kit beside Better Auth on ${machine}; medians of ${rounds} × ${seconds} s, 10 connections, the servers alternating`);
console.log(`load average when starting: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

if (process.env.DATABASE_URL) {
  // Cold start to the first 200 and idle memory: each server started `rounds` times, alternating,
  // each on a fresh database of its own (the kit applies its migrations, Better Auth creates its tables).
  const cold = { kit: [] as number[], ba: [] as number[] };
  const idle = { kit: [] as number[], ba: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const [key, start] of [['kit', () => startServer('postgres')], ['ba', startBetterAuth]] as const) {
      const server = await start();
      cold[key].push(server.coldStartMs);
      await new Promise((r) => setTimeout(r, 1000)); // idle: let start-up garbage be collected alike
      idle[key].push(server.rssMiB());
      await server.stop();
    }
  }

  const kitServer = await startServer('postgres');
  const baServer = await startBetterAuth();
  try {
    const subjects = [kitSubject(kitServer), betterAuthSubject(baServer)];
    const prepared = new Map<Subject, Prepared>();
    for (const s of subjects) prepared.set(s, await prepare(s));
    const [kitMe, baMe] = await alternate(subjects, (s) => ({ url: `${s.server.url}${s.mePath}`, headers: { cookie: prepared.get(s)!.cookie } }));
    const [kitList, baList] = await alternate(subjects, (s) => ({ url: `${s.server.url}${s.sessionsPath}`, headers: { cookie: prepared.get(s)!.cookie } }));
    const [kitBare, baBare] = await alternate(subjects, (s) => ({ url: `${s.server.url}${s.barePath}` }));
    const [kitSignIn, baSignIn] = await alternate(subjects, (s) => ({ url: `${s.server.url}${s.signInPath}`, method: 'POST', headers: json, bodies: prepared.get(s)!.signInBodies }));

    const line = (what: string, k: string, b: string, ratio: number, goal: string, met: boolean) =>
      console.log(`${what.padEnd(30)} kit ${k.padEnd(26)} Better Auth ${b.padEnd(26)} ratio ${ratio.toFixed(2)}×  goal ${goal} ${met ? 'met' : 'NOT met'}`);
    console.log('PostgreSQL:');
    line('GET /me vs get-session', figures(kitMe!), figures(baMe!), kitMe!.rps / baMe!.rps, '≥ 10×', kitMe!.rps >= 10 * baMe!.rps);
    line('session list (10 sessions)', figures(kitList!), figures(baList!), kitList!.rps / baList!.rps, '≥ 10×', kitList!.rps >= 10 * baList!.rps);
    line('sign-in (argon2id vs scrypt)', figures(kitSignIn!), figures(baSignIn!), kitSignIn!.rps / baSignIn!.rps, '≥ 2×', kitSignIn!.rps >= 2 * baSignIn!.rps);
    line('bare route', figures(kitBare!), figures(baBare!), kitBare!.rps / baBare!.rps, '≥ 0.5×', kitBare!.rps >= 0.5 * baBare!.rps);
    const [kitCold, baCold, kitIdle, baIdle] = [median(cold.kit), median(cold.ba), median(idle.kit), median(idle.ba)];
    line('cold start to first 200', `${kitCold.toFixed(0)} ms`, `${baCold.toFixed(0)} ms`, kitCold / baCold, '≤ 1×', kitCold <= baCold);
    line('idle RSS', `${kitIdle.toFixed(0)} MiB`, `${baIdle.toFixed(0)} MiB`, kitIdle / baIdle, '≤ 1×', kitIdle <= baIdle);
    line('p99 /me, session list', `${kitMe!.p99} ms, ${kitList!.p99} ms`, `${baMe!.p99} ms, ${baList!.p99} ms`, 0, '< 25 ms', kitMe!.p99 < 25 && kitList!.p99 < 25);
  } finally {
    await kitServer.stop();
    await baServer.stop();
  }
} else {
  console.log('PostgreSQL: not measured (set DATABASE_URL, or start the local server on 127.0.0.1:5432)');
}
// PGlite, the embedded default: `npm start` restarted on an existing data directory (goal ≤ 1.5 s), and reads.
{
  const dir = mkdtempSync(join(tmpdir(), 'sk-bench-restart-'));
  await (await startServer('pglite', { dataDir: dir, asNpmStart: true })).stop();
  const restarted = await startServer('pglite', { dataDir: dir, asNpmStart: true });
  report('cold start, existing data dir', 'pglite', `${restarted.coldStartMs.toFixed(0)} ms`, { value: 1500 / restarted.coldStartMs, baseline: 'goal 1500 ms (higher is faster)' });
  await new Promise((r) => setTimeout(r, 1000));
  report('idle RSS', 'pglite', `${restarted.rssMiB().toFixed(0)} MiB (the database runs inside the process)`);
  try {
    const subject = kitSubject(restarted);
    const cookie = await subject.signUp(`bench-pglite-${Date.now().toString(36)}@example.com`);
    const me = await loadMedian({ url: `${restarted.url}/api/me`, headers: { cookie }, seconds }, 1);
    report('GET /me', 'pglite', figures(me));
  } finally {
    await restarted.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`load average when done: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
