import { and, asc, count, desc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Deps, SessionUser } from '../../context';
import type { Tx } from '../../db/client';
import { conflict, notFound } from '../../lib/errors';
import { userSummaryColumns } from '../accounts/accounts.columns';
import { users } from '../accounts/accounts.table';
import { readPolicy } from '../account-policy/account-policy.service';
import { recordAudit } from '../audit/audit.service';
import { endOtherSessions, lastActivePerUser } from '../sessions/sessions.service';

export type Role = 'user' | 'admin';
export type Status = 'active' | 'pending' | 'disabled';

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const listColumns = {
  ...userSummaryColumns,
  emailConfirmedAt: users.emailConfirmedAt,
  phoneConfirmedAt: users.phoneConfirmedAt,
  createdAt: users.createdAt,
};

type ListRow = { [K in keyof typeof listColumns]: (typeof users.$inferSelect)[K] } & { lastActiveAt?: Date | string | null };

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

function adminView(row: ListRow, onlineSince: number) {
  const lastActiveAt = iso(row.lastActiveAt);
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    status: row.status,
    twoFactorEnabled: row.twoFactorEnabled,
    emailConfirmed: row.emailConfirmedAt !== null,
    phoneConfirmed: row.phoneConfirmedAt !== null,
    createdAt: row.createdAt.toISOString(),
    lastActiveAt,
    /** Active within the policy's online status timeframe. */
    online: lastActiveAt !== null && new Date(lastActiveAt).getTime() > onlineSince,
  };
}

/**
 * Accounts for the administrator: search by email or display name (case-insensitive substring),
 * optional status and role filters, newest first, `limit` at a time from `offset`, with the total.
 */
export async function listUsers(deps: Deps, query: { search?: string; status?: Status; role?: Role; id?: string; offset: number; limit: number }) {
  const filters: SQL[] = [];
  if (query.id) filters.push(eq(users.id, query.id));
  const search = query.search?.trim();
  if (search) {
    const pattern = `%${likeEscape(search)}%`;
    filters.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern))!);
  }
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.role) filters.push(eq(users.role, query.role));
  const where = and(...filters);
  const lastActive = lastActivePerUser(deps.db);
  const [rows, [{ total }], [{ activeAdmins }], policy] = await Promise.all([
    deps.db
      .select({ ...listColumns, lastActiveAt: lastActive.lastActiveAt })
      .from(users)
      .leftJoin(lastActive, eq(lastActive.userId, users.id))
      .where(where)
      .orderBy(desc(users.createdAt), asc(users.id))
      .limit(query.limit)
      .offset(query.offset),
    deps.db.select({ total: count() }).from(users).where(where).then((r) => r as [{ total: number }]),
    // The page offers no change the server would refuse as `last_admin`.
    deps.db.select({ activeAdmins: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.status, 'active'))).then((r) => r as [{ activeAdmins: number }]),
    readPolicy(deps.db),
  ]);
  const onlineSince = deps.clock.now().getTime() - policy.onlineTimeframeMinutes * 60_000;
  return { users: rows.map((r) => adminView(r as ListRow, onlineSince)), total: Number(total), activeAdmins: Number(activeAdmins), offset: query.offset, limit: query.limit };
}

/**
 * The last-admin guard's lock: every active administrator, in id order (SELECT … FOR UPDATE). Taken
 * first by every change that could remove one (demotion, disabling, deleting one's own account), so
 * two such changes at the same moment wait for each other on any number of server instances.
 */
export async function lockActiveAdmins(tx: Tx): Promise<void> {
  await tx.execute(sql`select ${users.id} from ${users} where ${users.role} = 'admin' and ${users.status} = 'active' order by ${users.id} for update`);
}

/** Active administrators other than `userId` (after `lockActiveAdmins`, in the same transaction). */
export async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active'), ne(users.id, userId)));
  return Number(row?.n ?? 0);
}

/**
 * Changes an account's role and/or status. The change may never leave the database without an
 * active administrator: the active admins are locked (SELECT … FOR UPDATE, in id order) before the
 * check, so two administrators demoting each other at the same moment cannot both succeed, on any
 * number of server instances. Activation of a pending account sends the activation email when the
 * policy says so; disabling ends every session of the account. Logged in the audit log.
 */
export async function updateUser(deps: Deps, actor: SessionUser, id: string, input: { role?: Role; status?: Status }) {
  const result = await deps.db.transaction(async (tx) => {
    await lockActiveAdmins(tx);
    const [before] = await tx.select(listColumns).from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound('That account');
    const role = input.role ?? before.role;
    const status = input.status ?? before.status;
    const wasActiveAdmin = before.role === 'admin' && before.status === 'active';
    const staysActiveAdmin = role === 'admin' && status === 'active';
    if (wasActiveAdmin && !staysActiveAdmin) {
      if ((await otherActiveAdmins(tx, id)) === 0) {
        throw conflict('last_admin', 'This is the last active administrator. Make someone else an administrator first.');
      }
    }
    if (role === before.role && status === before.status) return { before, after: before, changed: false };
    const [after] = await tx.update(users).set({ role, status }).where(eq(users.id, id)).returning(listColumns);
    const diff = (row: typeof before) => ({
      ...(role !== before.role ? { role: row.role } : {}),
      ...(status !== before.status ? { status: row.status } : {}),
    });
    await recordAudit(deps, tx, actor, { action: 'user.update', targetType: 'user', targetId: id, before: { email: before.email, ...diff(before) }, after: { email: after!.email, ...diff(after!) } });
    if (status === 'disabled' && before.status !== 'disabled') await endOtherSessions({ db: tx }, id, null);
    return { before, after: after!, changed: true };
  });

  if (result.changed && result.before.status === 'pending' && result.after.status === 'active') {
    const policy = await readPolicy(deps.db);
    if (policy.activationEmail) {
      await deps.mail.send({
        to: result.after.email,
        subject: `Your ${deps.appName} account is active`,
        text: `Hello ${result.after.displayName || result.after.email},\n\nAn administrator has activated your ${deps.appName} account. You can now sign in and use every feature.\n`,
        category: 'security',
      });
    }
  }
  const [withActivity] = await listUsers(deps, { id, offset: 0, limit: 1 }).then((r) => r.users);
  return withActivity ?? adminView(result.after, 0);
}
