// The kit beside Better Auth, in one run, under the same load (autocannon, 10 connections, medians
// of BENCH_ROUNDS × BENCH_SECONDS): session read, session list (10 sessions), sign-in, a bare
// route, cold start to the first 200 and idle memory — on PostgreSQL, each server with its own
// database on the same server. Then the kit alone on PGlite (the embedded default).
// Baseline: bench/baseline/better-auth-server.mjs (Better Auth 1.7, Hono, drizzle, postgres.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMedian, machine, report, startBetterAuth, startServer, type BenchServer, type LoadResult } from './harness';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const password = 'a long bench passphrase';
const json = { 'content-type': 'application/json' };
const post = (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
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

interface Figures {
  me: LoadResult;
  sessions: LoadResult;
  signIn: LoadResult;
  bare: LoadResult;
  coldStartMs: number;
  idleRssMiB: number;
}

async function measure(s: Subject): Promise<Figures> {
  const idleRssMiB = s.server.rssMiB();
  const stamp = Date.now().toString(36);
  const email = `bench-${stamp}@example.com`;
  const cookie = await s.signUp(email);
  // Ten sessions for the list: nine more sign-ins of the same account.
  for (let i = 0; i < 9; i++) await post(`${s.server.url}${s.signInPath}`, { email, password });
  const me = await loadMedian({ url: `${s.server.url}${s.mePath}`, headers: { cookie }, seconds });
  const sessions = await loadMedian({ url: `${s.server.url}${s.sessionsPath}`, headers: { cookie }, seconds });
  const bare = await loadMedian({ url: `${s.server.url}${s.barePath}`, seconds });
  // Ten accounts, one per connection: the kit refuses more than a few sign-ins in flight for one
  // email by design (the lockout reserves attempts before judging them).
  const bodies = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const account = { email: `bench-${i}-${stamp}@example.com`, password };
      await s.signUp(account.email);
      return JSON.stringify(account);
    }),
  );
  const signIn = await loadMedian({ url: `${s.server.url}${s.signInPath}`, method: 'POST', headers: json, bodies, seconds });
  return { me, sessions, signIn, bare, coldStartMs: s.server.coldStartMs, idleRssMiB };
}

console.log(`\n# The kit beside Better Auth on ${machine}; medians of ${process.env.BENCH_ROUNDS ?? 3} × ${seconds} s, 10 connections`);

if (process.env.DATABASE_URL) {
  const results: Record<string, Figures> = {};
  for (const start of [async () => kitSubject(await startServer('postgres')), async () => betterAuthSubject(await startBetterAuth())]) {
    const subject = await start();
    try {
      results[subject.name] = await measure(subject);
    } finally {
      await subject.server.stop();
    }
  }
  const kit = results['settings-kit']!;
  const ba = results['Better Auth']!;
  const line = (what: string, k: string, b: string, ratio: number, goal: string, met: boolean) =>
    console.log(`${what.padEnd(30)} kit ${k.padEnd(26)} Better Auth ${b.padEnd(26)} ratio ${ratio.toFixed(2)}×  goal ${goal} ${met ? 'met' : 'NOT met'}`);
  console.log('PostgreSQL:');
  line('GET /me vs get-session', figures(kit.me), figures(ba.me), kit.me.rps / ba.me.rps, '≥ 10×', kit.me.rps >= 10 * ba.me.rps);
  line('session list (10 sessions)', figures(kit.sessions), figures(ba.sessions), kit.sessions.rps / ba.sessions.rps, '≥ 10×', kit.sessions.rps >= 10 * ba.sessions.rps);
  line('sign-in (argon2id vs scrypt)', figures(kit.signIn), figures(ba.signIn), kit.signIn.rps / ba.signIn.rps, '≥ 2×', kit.signIn.rps >= 2 * ba.signIn.rps);
  line('bare route', figures(kit.bare), figures(ba.bare), kit.bare.rps / ba.bare.rps, '≥ 0.5×', kit.bare.rps >= 0.5 * ba.bare.rps);
  line('cold start to first 200', `${kit.coldStartMs.toFixed(0)} ms`, `${ba.coldStartMs.toFixed(0)} ms`, kit.coldStartMs / ba.coldStartMs, '≤ 1×', kit.coldStartMs <= ba.coldStartMs);
  line('idle RSS', `${kit.idleRssMiB.toFixed(0)} MiB`, `${ba.idleRssMiB.toFixed(0)} MiB`, kit.idleRssMiB / ba.idleRssMiB, '≤ 1×', kit.idleRssMiB <= ba.idleRssMiB);
  line('p99 /me, session list', `${kit.me.p99} ms, ${kit.sessions.p99} ms`, `${ba.me.p99} ms, ${ba.sessions.p99} ms`, 0, '< 25 ms', kit.me.p99 < 25 && kit.sessions.p99 < 25);
} else {
  console.log('PostgreSQL: not measured (set DATABASE_URL, or start the local server on 127.0.0.1:5432)');
}

// PGlite, the embedded default: a restart of an existing data directory (goal ≤ 1.5 s) and reads.
{
  const dir = mkdtempSync(join(tmpdir(), 'sk-bench-restart-'));
  await (await startServer('pglite', { dataDir: dir })).stop();
  const restarted = await startServer('pglite', { dataDir: dir });
  report('cold start, existing data dir', 'pglite', `${restarted.coldStartMs.toFixed(0)} ms`, { value: 1500 / restarted.coldStartMs, baseline: 'goal 1500 ms (higher is faster)' });
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
