// Login-activity page latency as the table grows: 1,000 rows, then 1,000,000 (issue 5).
// Measures listLoginActivity() — the query behind GET /security/login-activity — for the newest page
// and for a page deep in the user's history (by cursor), and prints the 1 M / 1 k ratio (target ≤ 1.5).
// PostgreSQL when DATABASE_URL is set (a scratch database, dropped after), else in-memory PGlite.
// Run: node --import tsx bench/login-activity.ts
import { cpus } from 'node:os';
import postgres from 'postgres';
import type { Deps } from '../server/context';
import { openDatabase, type Database } from '../server/db/client';
import { encodeCursor, listLoginActivity } from '../server/features/login-activity/login-activity.service';

const TARGET_RATIO = 1.5;
const PAGE = 50;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const USER = 'bench-user';
const OTHER_USERS = 1000;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;

async function open(): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await openDatabase({ dataDir: 'memory://' }), label: 'PGlite (in-memory)', drop: async () => {} };
  const name = `sk_bench_activity_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString(), max: 2 });
  return {
    database,
    label: 'PostgreSQL',
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const { database, label, drop } = await open();
const db = database.db;
const run = (text: string) => db.execute(text as never) as Promise<unknown>;
const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));
const deps = { db, clock: { now: () => new Date() } } as unknown as Deps;

/**
 * Rows from..to (inclusive), in one INSERT … SELECT generate_series. Half belong to the measured
 * user, the rest to 1,000 others; two rows share each second, so the id breaks ties.
 */
async function fill(from: number, to: number) {
  await run(`
    INSERT INTO login_activity (id, user_id, at, success, reason, method, ip, country, device, browser, os)
    SELECT 'la' || lpad(i::text, 8, '0'),
           CASE WHEN i % 2 = 0 THEN '${USER}' ELSE 'other-' || (i % ${OTHER_USERS}) END,
           timestamptz '2024-01-01 00:00:00+00' + (i / 2) * interval '1 second',
           i % 7 <> 0,
           CASE WHEN i % 7 = 0 THEN 'wrong_password' END,
           'password', '203.0.113.' || (i % 250), 'DE', 'Desktop', 'Chrome 120', 'Linux'
    FROM generate_series(${from}, ${to}) AS i`);
  await run('ANALYZE login_activity');
}

async function time(cursor: string | null) {
  for (let i = 0; i < 100; i++) await listLoginActivity(deps, USER, { limit: PAGE, cursor }); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    const page = await listLoginActivity(deps, USER, { limit: PAGE, cursor });
    samples.push(performance.now() - start);
    if (page.items.length !== PAGE) throw new Error(`expected a full page, got ${page.items.length}`);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.floor(samples.length * 0.95)]! };
}

/** A cursor halfway through the user's history (found once, not timed). */
async function middleCursor() {
  const [{ n }] = rowsOf<{ n: number }>(await run(`SELECT count(*)::int AS n FROM login_activity WHERE user_id = '${USER}'`)) as [{ n: number }];
  const [row] = rowsOf<{ at: string; id: string }>(
    await run(`SELECT at::text AS at, id FROM login_activity WHERE user_id = '${USER}' ORDER BY at DESC, id DESC OFFSET ${Math.floor(n / 2)} LIMIT 1`),
  );
  return { cursor: encodeCursor(row!), userRows: n };
}

async function plan(cursor: string) {
  const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
  const lines = rowsOf<Record<string, string>>(
    await run(
      `EXPLAIN SELECT * FROM login_activity WHERE user_id = '${USER}' AND (at, id) < ('${at}'::timestamptz, '${id}') ORDER BY at DESC NULLS LAST, id DESC NULLS LAST LIMIT ${PAGE + 1}`,
    ),
  ).map((r) => Object.values(r)[0]);
  return lines.join('\n    ');
}

async function measure(total: number) {
  const { cursor, userRows } = await middleCursor();
  const first = await time(null);
  const deep = await time(cursor);
  return { total, userRows, first, deep, cursor };
}

try {
  // The other users exist (foreign key), with the measured one.
  await run(`INSERT INTO users (id, email, password_hash) VALUES ('${USER}', 'bench@example.com', 'x')`);
  await run(`INSERT INTO users (id, email, password_hash) SELECT 'other-' || i, 'other' || i || '@example.com', 'x' FROM generate_series(0, ${OTHER_USERS - 1}) AS i`);
  const version = rowsOf<{ v: string }>(await run('SELECT version() AS v'))[0]!.v.split(' on ')[0];

  let started = performance.now();
  await fill(1, 1_000);
  const small = await measure(1_000);
  const fillSmallMs = performance.now() - started;
  started = performance.now();
  await fill(1_001, 1_000_000);
  const fillLargeMs = performance.now() - started;
  const large = await measure(1_000_000);

  const ratioFirst = large.first.median / small.first.median;
  const ratioDeep = large.deep.median / small.deep.median;
  const worst = Math.max(ratioFirst, ratioDeep);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  console.log(`\n# Login activity: page latency vs table size — ${label} (${version}) on ${machine}`);
  console.log(`  query: listLoginActivity(limit ${PAGE}), keyset over (at, id) on index login_activity_user_at_id; ${ITERATIONS} runs each, median (p95)`);
  console.log(`  filled 1,000 rows in ${fillSmallMs.toFixed(0)} ms; 999,000 more in ${(fillLargeMs / 1000).toFixed(1)} s (INSERT … SELECT generate_series)`);
  for (const m of [small, large]) {
    console.log(
      `  ${m.total.toLocaleString('en-US').padStart(9)} rows (${m.userRows.toLocaleString('en-US')} of this user): newest page ${ms(m.first.median)} (${ms(m.first.p95)}), page halfway back ${ms(m.deep.median)} (${ms(m.deep.p95)})`,
    );
  }
  console.log(`  ratio 1 M / 1 k: newest page ${ratioFirst.toFixed(2)}, page halfway back ${ratioDeep.toFixed(2)} — target ≤ ${TARGET_RATIO}: ${worst <= TARGET_RATIO ? 'met' : 'NOT met'}`);
  console.log(`  plan at 1 M rows:\n    ${await plan(large.cursor)}`);
  process.exitCode = worst <= TARGET_RATIO ? 0 : 1;
} finally {
  await database.close();
  await drop();
}
