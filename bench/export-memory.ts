// Peak memory of the GDPR export (GET /account/export) for a user with 100 000 login activity rows
// against one with 100, and against building the same document in memory at once. The export
// streams the activity a page at a time, so its peak should barely move with the row count.
//
//   node --expose-gc --import tsx bench/export-memory.ts [rows]
//
// In-memory PGlite, no network; prints one line per case and a summary.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSettingsApp } from '../server/app';
import { openDatabase } from '../server/db/client';
import { users } from '../server/features/accounts/accounts.table';
import { loginActivity } from '../server/features/login-activity/login-activity.table';
import { newId } from '../server/lib/crypto';
import { eq } from 'drizzle-orm';
import { machine } from './harness';

const LARGE = Number(process.argv[2] ?? 100_000);
const SMALL = 100;
const PASSWORD = 'correct horse battery staple';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // `npm run bench` starts every file plainly: run again with the collector exposed, for steadier numbers.
  const again = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const database = await openDatabase({ dataDir: 'memory://' });
const app = createSettingsApp({ database, secret: 'bench-secret-that-is-long-enough-for-hkdf-0000' });

async function userWith(rows: number) {
  const email = `bench-${rows}-${Date.now()}@example.com`;
  const res = await app.request('http://localhost/auth/sign-up', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const start = Date.now() - rows * 1000;
  for (let i = 0; i < rows; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, rows - i) }, (_, j) => ({
      id: newId(),
      userId: user!.id,
      at: new Date(start + (i + j) * 1000),
      success: (i + j) % 7 !== 0,
      reason: (i + j) % 7 === 0 ? 'wrong_password' : null,
      method: 'password',
      ip: `203.0.113.${(i + j) % 250}`,
      country: 'US',
      device: 'Desktop',
      browser: 'Chrome 120',
      os: 'Windows 10',
    }));
    await database.db.insert(loginActivity).values(batch);
  }
  return { id: user!.id, cookie };
}

/** Samples heap and RSS every 2 ms while `work` runs; returns the peaks above the starting point. */
async function peakOf<T>(work: () => Promise<T>) {
  gc?.();
  const base = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
    rss = Math.max(rss, m.rss - base.rss);
  };
  const timer = setInterval(sample, 2);
  const started = performance.now();
  const result = await work();
  sample();
  clearInterval(timer);
  return { result, heapMiB: heap / 2 ** 20, rssMiB: rss / 2 ** 20, ms: performance.now() - started };
}

async function streamedExport(cookie: string) {
  const ticket = await app.request('http://localhost/account/export', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ password: PASSWORD }) });
  const { downloadPath } = (await ticket.json()) as { downloadPath: string };
  const res = await app.request(`http://localhost/${downloadPath}`, { headers: { cookie } });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength; // read and drop, as a socket would
  }
  return bytes;
}

/** The naive way, for comparison: every row in memory, one JSON string. */
async function inMemoryExport(userId: string) {
  const rows = await database.db.select().from(loginActivity).where(eq(loginActivity.userId, userId));
  return Buffer.byteLength(JSON.stringify({ loginActivity: rows }, null, 2));
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
console.log(`export memory — GET /account/export on in-memory PGlite, ${machine}`);
console.log(`seeding ${SMALL} and ${LARGE} login activity rows…`);
const small = await userWith(SMALL);
const large = await userWith(LARGE);

const cases = [
  ['streamed export', SMALL, () => streamedExport(small.cookie)],
  ['streamed export', LARGE, () => streamedExport(large.cookie)],
  ['all-in-memory (for comparison)', LARGE, () => inMemoryExport(large.id)],
] as const;
const results: { name: string; rows: number; heapMiB: number }[] = [];
for (const [name, rows, work] of cases) {
  const { result, heapMiB, rssMiB, ms } = await peakOf(work);
  results.push({ name, rows, heapMiB });
  console.log(`${name.padEnd(32)} rows ${String(rows).padStart(7)}  file ${fmt(result / 2 ** 20)} MiB  peak heap +${fmt(heapMiB)} MiB  peak rss +${fmt(rssMiB)} MiB  ${fmt(ms)} ms`);
}
const [s, l, naive] = results as [typeof results[0], typeof results[0], typeof results[0]];
console.log(`\nlarge/small peak heap: ${(l.heapMiB / Math.max(s.heapMiB, 0.1)).toFixed(1)}x for ${LARGE / SMALL}x the rows; in-memory would peak at ${(naive.heapMiB / Math.max(l.heapMiB, 0.1)).toFixed(1)}x the streamed export.`);
await database.close();
