import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Deps, SessionUser } from '../../context';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../lib/crypto';
import { AppError, conflict, invalidField, isUniqueViolation, notFound } from '../../lib/errors';
import { accountPolicy } from '../account-policy/account-policy.table';
import { users } from '../accounts/accounts.table';
import { profiles, profileTypes } from './profile.table';
import { recordAudit } from '../audit/audit.service';

/* ---------- profile types (admin) ---------- */

export interface ProfileTypeView {
  id: string;
  name: string;
  isDefault: boolean;
}

const defaultTypeOf = async (db: Db | Tx) => {
  const [row] = await db.select({ id: accountPolicy.defaultProfileTypeId }).from(accountPolicy).where(eq(accountPolicy.id, 1));
  return row?.id ?? 'person';
};

export async function listProfileTypes(db: Db | Tx): Promise<ProfileTypeView[]> {
  const [rows, defaultId] = await Promise.all([db.select().from(profileTypes).orderBy(asc(profileTypes.createdAt), asc(profileTypes.name)), defaultTypeOf(db)]);
  return rows.map((r) => ({ id: r.id, name: r.name, isDefault: r.id === defaultId }));
}

const nameTaken = () => conflict('profile_type_taken', 'A profile type with this name already exists.', { name: 'A profile type with this name already exists.' });

type Actor = Pick<SessionUser, 'id' | 'email'>;

/** Every change to the types is an administrator's and lands in the audit log with it, in one transaction. */
export async function createProfileType(deps: Deps, actor: Actor, name: string): Promise<ProfileTypeView> {
  const id = newId();
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(profileTypes).values({ id, name, createdAt: deps.clock.now() });
      await recordAudit(deps, tx, actor, { action: 'profile_type.create', targetType: 'profile_type', targetId: id, after: { name } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
  return { id, name, isDefault: false };
}

export async function renameProfileType(deps: Deps, actor: Actor, id: string, name: string): Promise<ProfileTypeView> {
  try {
    await deps.db.transaction(async (tx) => {
      const [before] = await tx.select({ name: profileTypes.name }).from(profileTypes).where(eq(profileTypes.id, id)).for('update');
      if (!before) throw notFound('That profile type');
      if (before.name === name) return;
      await tx.update(profileTypes).set({ name }).where(eq(profileTypes.id, id));
      await recordAudit(deps, tx, actor, { action: 'profile_type.update', targetType: 'profile_type', targetId: id, before: { name: before.name }, after: { name } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
  return { id, name, isDefault: id === (await defaultTypeOf(deps.db)) };
}

/** The default type and a type that profiles use are kept (the foreign keys say so too). */
export async function deleteProfileType(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (id === (await defaultTypeOf(deps.db))) throw conflict('profile_type_default', 'This is the default profile type. Choose another default in the account policy first.');
  const [{ n }] = (await deps.db.select({ n: count() }).from(profiles).where(eq(profiles.typeId, id))) as [{ n: number }];
  if (Number(n) > 0) throw conflict('profile_type_in_use', `Profiles of this type exist (${Number(n)}). It can be deleted once none is left.`);
  try {
    await deps.db.transaction(async (tx) => {
      const gone = await tx.delete(profileTypes).where(eq(profileTypes.id, id)).returning({ name: profileTypes.name });
      if (!gone.length) throw notFound('That profile type');
      await recordAudit(deps, tx, actor, { action: 'profile_type.delete', targetType: 'profile_type', targetId: id, before: { name: gone[0]!.name } });
    });
  } catch (error) {
    // A profile or the policy took the type between the checks and the delete.
    if ((error as { cause?: { code?: string } })?.cause?.code === '23503') throw conflict('profile_type_in_use', 'This profile type is in use.');
    throw error;
  }
}

/* ---------- profiles of one account ---------- */

export interface ProfileInput {
  typeId?: string;
  displayName: string;
  company?: string | null;
  bio?: string | null;
}

type ProfileRow = typeof profiles.$inferSelect;
const view = (row: ProfileRow, types: Map<string, string>, currentId: string | null) => ({
  id: row.id,
  type: { id: row.typeId, name: types.get(row.typeId) ?? row.typeId },
  displayName: row.displayName,
  company: row.company,
  bio: row.bio,
  current: row.id === currentId,
  createdAt: row.createdAt.toISOString(),
});
export type ProfileView = ReturnType<typeof view>;

const typeNames = async (db: Db | Tx) => new Map((await db.select({ id: profileTypes.id, name: profileTypes.name }).from(profileTypes)).map((t) => [t.id, t.name]));

/** GET /profiles: every profile of the account, oldest first, and the policy's limit (0 = none). */
export async function listProfiles(deps: Deps, userId: string) {
  await ensureAutoProfile(deps, userId);
  const [rows, types, [user], [policy]] = await Promise.all([
    deps.db.select().from(profiles).where(eq(profiles.userId, userId)).orderBy(asc(profiles.createdAt), asc(profiles.id)),
    typeNames(deps.db),
    deps.db.select({ currentProfileId: users.currentProfileId }).from(users).where(eq(users.id, userId)),
    deps.db.select({ limit: accountPolicy.profileLimit }).from(accountPolicy).where(eq(accountPolicy.id, 1)),
  ]);
  const currentId = user?.currentProfileId ?? null;
  return { profiles: rows.map((r) => view(r, types, currentId)), currentProfileId: currentId, limit: policy?.limit ?? 0 };
}

/** Locks the account row: every change to the set of its profiles happens under this lock. */
async function lockAccount(tx: Tx, userId: string) {
  const [row] = await tx.select({ currentProfileId: users.currentProfileId }).from(users).where(eq(users.id, userId)).for('update');
  if (!row) throw notFound('That account');
  return row;
}

/**
 * Creates a profile. The count and the insert run under the account's row lock, so two requests
 * (on any instances) cannot both take the last place under `profileLimit`. The first profile of an
 * account becomes its current one.
 */
export async function createProfile(deps: Deps, userId: string, input: ProfileInput, tx?: Tx): Promise<ProfileView> {
  const run = async (tx: Tx) => {
    const account = await lockAccount(tx, userId);
    const [policy] = await tx.select({ limit: accountPolicy.profileLimit, defaultType: accountPolicy.defaultProfileTypeId }).from(accountPolicy).where(eq(accountPolicy.id, 1));
    const limit = policy?.limit ?? 0;
    const typeId = input.typeId ?? policy?.defaultType ?? 'person';
    const [type] = await tx.select({ id: profileTypes.id }).from(profileTypes).where(eq(profileTypes.id, typeId));
    if (!type) throw invalidField('typeId', 'Choose one of the profile types.');
    if (limit > 0) {
      const [{ n }] = (await tx.select({ n: count() }).from(profiles).where(eq(profiles.userId, userId))) as [{ n: number }];
      if (Number(n) >= limit) throw conflict('profile_limit', `An account can hold at most ${limit} profile${limit === 1 ? '' : 's'}. Delete one to create another.`);
    }
    const [row] = await tx
      .insert(profiles)
      .values({ id: newId(), userId, typeId, displayName: input.displayName, company: input.company || null, bio: input.bio || null, createdAt: deps.clock.now() })
      .returning();
    if (!account.currentProfileId) await tx.update(users).set({ currentProfileId: row!.id, displayName: row!.displayName }).where(eq(users.id, userId));
    return view(row!, await typeNames(tx), account.currentProfileId ?? row!.id);
  };
  return tx ? run(tx) : deps.db.transaction(run);
}

/**
 * With "Automatic profile creation" on, an account without a profile (made before profiles, or by
 * a host's own identity) gets its first one from its display name on first use, instead of a gate.
 */
export async function ensureAutoProfile(deps: Deps, userId: string): Promise<void> {
  const [row] = await deps.db
    .select({ currentProfileId: users.currentProfileId, displayName: users.displayName, auto: accountPolicy.autoCreateProfile })
    .from(users)
    .leftJoin(accountPolicy, eq(accountPolicy.id, 1))
    .where(eq(users.id, userId));
  if (!row || row.currentProfileId || row.auto === false) return;
  await deps.db.transaction(async (tx) => {
    const account = await lockAccount(tx, userId);
    if (account.currentProfileId) return; // another request made it meanwhile
    await createProfile(deps, userId, { displayName: row.displayName }, tx);
  });
}

/** POST /profiles/:id/switch: the Profile tab edits this one from now on. */
export async function switchProfile(deps: Deps, userId: string, id: string): Promise<ProfileView> {
  return deps.db.transaction(async (tx) => {
    await lockAccount(tx, userId);
    const [row] = await tx.select().from(profiles).where(and(eq(profiles.id, id), eq(profiles.userId, userId)));
    if (!row) throw notFound('That profile');
    await tx.update(users).set({ currentProfileId: row.id, displayName: row.displayName }).where(eq(users.id, userId));
    return view(row, await typeNames(tx), row.id);
  });
}

/** DELETE /profiles/:id. The last profile stays; deleting the current one switches to the oldest other. */
export async function deleteProfile(deps: Deps, userId: string, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const account = await lockAccount(tx, userId);
    const [row] = await tx.select({ id: profiles.id }).from(profiles).where(and(eq(profiles.id, id), eq(profiles.userId, userId)));
    if (!row) throw notFound('That profile');
    const [next] = await tx.select().from(profiles).where(and(eq(profiles.userId, userId), ne(profiles.id, id))).orderBy(asc(profiles.createdAt), asc(profiles.id)).limit(1);
    if (!next) throw conflict('last_profile', 'This is your only profile. Create another before deleting it.');
    await tx.delete(profiles).where(eq(profiles.id, id));
    if (account.currentProfileId === id) await tx.update(users).set({ currentProfileId: next.id, displayName: next.displayName }).where(eq(users.id, userId));
  });
}

/**
 * Writes display name, company and bio to the current profile (and the name's mirror on the
 * account row) inside the caller's transaction. Without a profile yet this is refused.
 */
export async function updateCurrentProfile(tx: Tx, userId: string, changes: { displayName?: string; company?: string | null; bio?: string | null }) {
  const set: Partial<Pick<ProfileRow, 'displayName' | 'company' | 'bio'>> = {};
  if (changes.displayName !== undefined) set.displayName = changes.displayName;
  if (changes.company !== undefined) set.company = changes.company || null;
  if (changes.bio !== undefined) set.bio = changes.bio || null;
  if (!Object.keys(set).length) return;
  const account = await lockAccount(tx, userId);
  if (!account.currentProfileId) throw new AppError(409, 'profile_required', 'Create your first profile first.');
  await tx.update(profiles).set(set).where(and(eq(profiles.id, account.currentProfileId), eq(profiles.userId, userId)));
  if (set.displayName !== undefined) await tx.update(users).set({ displayName: set.displayName }).where(eq(users.id, userId));
}

/** The current profile's fields for GET /profile (null fields and no type before the first profile). */
export async function currentProfileOf(db: Db | Tx, userId: string) {
  const [row] = await db
    .select({ id: profiles.id, company: profiles.company, bio: profiles.bio, typeId: profiles.typeId, typeName: profileTypes.name })
    .from(users)
    .innerJoin(profiles, and(eq(profiles.id, users.currentProfileId), eq(profiles.userId, users.id)))
    .innerJoin(profileTypes, eq(profileTypes.id, profiles.typeId))
    .where(eq(users.id, userId));
  return row ?? null;
}
