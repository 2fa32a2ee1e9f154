// Sign-in, /me and session-list throughput and p99 latency (autocannon, 10 connections), plus cold
// start to the first 200, on PGlite and (when DATABASE_URL is set) PostgreSQL.
// Baseline: Better Auth 1.7.25 on Hono + drizzle + postgres.js + PostgreSQL 15 on this 2-core machine
// kind serves ~310 get-session/s, ~190 list-sessions/s, ~13 sign-ins/s, and cold-starts in ~1 s (issue 2).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, machine, report, startServer } from './harness';

const BASELINE = { me: 310, sessions: 190, signIn: 13, coldStartMs: 1000 };
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

console.log(`\n# Authentication benchmarks on ${machine}; ${seconds} s per load, 10 connections`);

// Cold start of an existing PGlite directory (a restart), after the first start made it.
{
  const dir = mkdtempSync(join(tmpdir(), 'sk-bench-restart-'));
  await (await startServer('pglite', { dataDir: dir })).stop();
  const restarted = await startServer('pglite', { dataDir: dir });
  report('cold start, existing data dir', 'pglite', `${restarted.coldStartMs.toFixed(0)} ms`, { value: 1000 / restarted.coldStartMs, baseline: 'Better Auth 1000 ms (higher is faster)' });
  await restarted.stop();
  rmSync(dir, { recursive: true, force: true });
}
for (const db of ['pglite', ...(process.env.DATABASE_URL ? ['postgres' as const] : [])] as const) {
  const server = await startServer(db);
  try {
    report('cold start, fresh database', db, `${server.coldStartMs.toFixed(0)} ms`, { value: BASELINE.coldStartMs / server.coldStartMs, baseline: 'Better Auth 1000 ms (higher is faster)' });
    const email = `bench-${Date.now()}@example.com`;
    const password = 'a long bench passphrase';
    const signUp = await fetch(`${server.url}/api/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = signUp.headers.getSetCookie()[0]!.split(';')[0]!;

    const me = await load({ url: `${server.url}/api/me`, headers: { cookie }, seconds });
    report('GET /me (session read)', db, `${me.rps.toFixed(0)} req/s, p99 ${me.p99} ms, non-2xx ${me.non2xx}`, { value: me.rps / BASELINE.me, baseline: 'Better Auth 310/s' });

    const sessions = await load({ url: `${server.url}/api/security/sessions`, headers: { cookie }, seconds });
    report('GET /security/sessions', db, `${sessions.rps.toFixed(0)} req/s, p99 ${sessions.p99} ms, non-2xx ${sessions.non2xx}`, { value: sessions.rps / BASELINE.sessions, baseline: 'Better Auth 190/s' });

    // Ten accounts, one per connection's worth of load: more than five sign-ins in flight for one
    // email are refused by design (the lockout reserves attempts before judging them).
    const accounts = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const account = { email: `bench-${i}-${Date.now()}@example.com`, password };
        await fetch(`${server.url}/api/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
        return JSON.stringify(account);
      }),
    );
    const signIn = await load({ url: `${server.url}/api/auth/sign-in`, method: 'POST', headers: { 'content-type': 'application/json' }, bodies: accounts, seconds });
    report('POST /auth/sign-in (argon2id 19 MiB)', db, `${signIn.rps.toFixed(1)} req/s, p99 ${signIn.p99} ms, non-2xx ${signIn.non2xx}`, { value: signIn.rps / BASELINE.signIn, baseline: 'Better Auth 13/s' });
  } finally {
    await server.stop();
  }
}
