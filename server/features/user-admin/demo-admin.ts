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
  const email = (env.DEMO_ADMIN_EMAIL || 'admin@example.com').trim().toLowerCase();
  const password = env.DEMO_ADMIN_PASSWORD || randomToken(12);
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`DEMO_ADMIN_PASSWORD: ${problem}`);
  const passwordHash = await hashPassword(password);
  const created = await database.db.transaction(async (tx) => {
    const [{ n }] = (await tx.select({ n: count() }).from(users)) as [{ n: number }];
    if (Number(n) > 0) return false;
    const now = new Date();
    await tx.insert(users).values({ id: newId(), email, passwordHash, displayName: 'Demo Admin', role: 'admin', status: 'active', createdAt: now, passwordChangedAt: now, emailConfirmedAt: now });
    return true;
  });
  if (!created) return null;
  log(`Demo admin account created: ${email} / password: ${password}  (change it under Security once signed in)`);
  return { email, password };
}
