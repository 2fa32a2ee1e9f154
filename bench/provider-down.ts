// What a request costs while the mail provider is down: a password recovery (known and unknown
// address) and a sign-in that sends a new-sign-in alert, with Mailgun pointed at a local server that
// accepts the connection and never answers (`hang`) or answers 503 at once (`503`). The requests only
// queue the message (features/delivery), so they must not wait for the provider.
//
// In-process app with its poll worker running, on in-memory PGlite and (when DATABASE_URL is set)
// PostgreSQL; prints one line per case: the median and the slowest of the requests.
import { createServer, type Server } from 'node:http';
import postgres from 'postgres';
import { createSettingsApp } from '../server/app';
import { openDatabase, type Database } from '../server/db/client';
import { MailgunProvider } from '../server/providers/mailgun';
import { machine, report } from './harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PASSWORD = 'a long bench passphrase';
const json = { 'content-type': 'application/json' };

function fakeMailgun(mode: 'hang' | '503'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    if (mode === '503') req.on('end', () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"unavailable"}'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

async function databaseFor(kind: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} };
  const name = `sk_bench_down_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return {
    database,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, slowest ${sorted.at(-1)!.toFixed(1)} ms (${ms.length} requests)`;
};

console.log(`\n# Requests while the mail provider is down, on ${machine}`);
for (const kind of ['pglite', ...(process.env.DATABASE_URL ? ['postgres' as const] : [])] as const) {
  for (const mode of ['hang', '503'] as const) {
    const provider = await fakeMailgun(mode);
    const { database, drop } = await databaseFor(kind);
    const mail = new MailgunProvider({ apiKey: 'key-bench', domain: 'mg.bench.test', from: 'bench@mg.bench.test', url: provider.url });
    const app = createSettingsApp({ database, secret: 'bench-secret-that-is-long-enough-for-hkdf-0000', mail });
    const request = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
      app.request(`http://localhost${path}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
    try {
      const emails: string[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const email = `down-${i}-${Date.now()}@example.com`;
        await request('/auth/sign-up', { email, password: PASSWORD });
        emails.push(email);
      }
      const time = async (run: () => Promise<Response>) => {
        const started = performance.now();
        const res = await run();
        if (res.status >= 300) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        return performance.now() - started;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      const signIns: number[] = [];
      for (const [i, email] of emails.entries()) {
        known.push(await time(() => request('/auth/password-recovery', { email })));
        unknown.push(await time(() => request('/auth/password-recovery', { email: `nobody-${i}-${Date.now()}@example.com` })));
        // A browser this account has not used before: the sign-in queues a new-sign-in alert.
        signIns.push(await time(() => request('/auth/sign-in', { email, password: PASSWORD }, { 'user-agent': `BenchBrowser/${i}.0 (X11; Linux x86_64)` })));
      }
      report(`password recovery, mail ${mode}`, kind, `known ${stats(known)}; unknown ${stats(unknown)}`);
      report(`sign-in with alert, mail ${mode}`, kind, stats(signIns));
    } finally {
      await app.stop(1000);
      provider.server.closeAllConnections();
      provider.server.close();
      await database.close();
      await drop();
    }
  }
}
process.exit(0);
