import { count } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { newId, randomToken } from '../../lib/crypto';
import { hashPassword, passwordProblem } from '../../lib/password';
import { users } from '../accounts/accounts.table';

/**
 * The demo's administrator: outside production, on a database without any account, creates
 * `DEMO_ADMIN_EMAIL` (default admin@example.com) with `DEMO_ADMIN_PASSWORD` (default a random one)
 * and prints both, so the demo can drive every admin setting at once. `DEMO_ADMIN=off` skips it.
 * Returns the credentials when it created the account.
 */
export async function seedDemoAdmin(
  database: Database,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = (line) => console.log(line),
): Promise<{ email: string; password: string } | null> {
  if (env.DEMO_ADMIN === 'off') return null;
  // A restart (the usual case) has accounts: no password check (the common-password list) and no
  // argon2id hash (about 19 MiB and a tenth of a second) for an account that will not be made.
  // Checked again inside the transaction.
  if (await hasAccounts(database.db)) return null;
  const email = (env.DEMO_ADMIN_EMAIL || 'admin@example.com').trim().toLowerCase();
  const password = env.DEMO_ADMIN_PASSWORD || randomToken(12);
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`DEMO_ADMIN_PASSWORD: ${problem}`);
  const passwordHash = await hashPassword(password);
  const created = await database.db.transaction(async (tx) => {
    if (await hasAccounts(tx)) return false;
    const now = new Date();
    await tx.insert(users).values({ id: newId(), email, passwordHash, displayName: 'Demo Admin', role: 'admin', status: 'active', createdAt: now, passwordChangedAt: now, emailConfirmedAt: now });
    return true;
  });
  if (!created) return null;
  log(`Demo admin account created: ${email} / password: ${password}  (change it under Security once signed in)`);
  return { email, password };
}

async function hasAccounts(db: Pick<Database['db'], 'select'>): Promise<boolean> {
  const [{ n }] = (await db.select({ n: count() }).from(users)) as [{ n: number }];
  return Number(n) > 0;
}
