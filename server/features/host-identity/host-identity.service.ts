import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps, HostIdentity, SessionUser } from '../../context';
import { newId } from '../../lib/crypto';
import { AppError, isUniqueViolation } from '../../lib/errors';
import { users } from '../accounts/accounts.table';
import { loadSessionUser } from '../sessions/sessions.service';

/**
 * What `identify` may return, checked at the edge: a host bug (no externalId, a malformed email)
 * must fail loudly with the field named rather than create a half-made user.
 */
const HostIdentitySchema = z.object({
  externalId: z.string({ error: 'give the host user id as a string.' }).trim().min(1, 'must not be empty.').max(200, 'use at most 200 characters.'),
  email: z.email({ error: 'give the user email address.' }).max(254, 'use at most 254 characters.'),
  displayName: z.string({ error: 'use a string.' }).max(100, 'use at most 100 characters.').nullish(),
  role: z.enum(['admin', 'user'], { error: 'use admin or user.' }).nullish(),
  reauthenticatedAt: z.union([z.date(), z.iso.datetime({ offset: true })], { error: 'use a Date or an ISO 8601 string.' }).nullish(),
});

/** The kit's sign-in routes that a host with its own sign-in switches off (API.md "Host identity"). */
export const KIT_SIGN_IN_ROUTES = ['/auth/sign-up', '/auth/sign-in', '/auth/sign-in/*', '/auth/sign-out', '/auth/password-recovery', '/auth/password-recovery/*', '/auth/oauth/*', '/auth/passkey', '/auth/passkey/*'];

export const usesHostIdentity = (deps: Deps) => Boolean(deps.options.identify);

export function parseHostIdentity(value: HostIdentity): z.infer<typeof HostIdentitySchema> {
  const parsed = HostIdentitySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'identity'}: ${issue.message}`).join('; ');
  throw new Error(`settings-kit: identify() returned an invalid user (${problems})`);
}

/**
 * The kit user for a host user: found by `externalId`, created on first sight, and kept in step
 * with the host's email, display name and role. One `INSERT … ON CONFLICT (external_id) DO UPDATE`
 * is the whole write, so two instances seeing a new user at once make one row. The common case
 * (nothing changed) is one read and no write.
 */
export async function hostUser(deps: Deps, raw: HostIdentity): Promise<SessionUser | null> {
  const who = parseHostIdentity(raw);
  const wanted = { email: who.email.trim().toLowerCase(), displayName: who.displayName?.trim() ?? '', role: who.role ?? ('user' as const) };
  let id: string;
  try {
    id = await keepInStep(deps, who.externalId, wanted);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two first sights at once can collide on the email index before the external_id arbiter
    // sees the other row; by now that row is committed, so a second pass finds and updates it.
    try {
      id = await keepInStep(deps, who.externalId, wanted);
    } catch (again) {
      // The email belongs to another user of ours (a kit account, or a host user whose address the
      // host has since given to someone else): refuse rather than merge two people.
      if (isUniqueViolation(again)) throw new AppError(409, 'email_taken', 'Another account here already uses this email address.');
      throw again;
    }
  }
  const user = await loadSessionUser(deps, id);
  if (!user) return null;
  return { ...user, reauthenticatedAt: who.reauthenticatedAt ? new Date(who.reauthenticatedAt) : null };
}

async function keepInStep(deps: Deps, externalId: string, wanted: { email: string; displayName: string; role: 'admin' | 'user' }): Promise<string> {
  const [known] = await deps.db
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.externalId, externalId));
  if (known && known.email === wanted.email && known.displayName === wanted.displayName && known.role === wanted.role) return known.id;
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(users)
    // The host vouches for the address, so it counts as confirmed.
    .values({ id: newId(), externalId, ...wanted, passwordHash: null, createdAt: now, passwordChangedAt: now, emailConfirmedAt: now })
    .onConflictDoUpdate({ target: users.externalId, set: { ...wanted, emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, ${now.toISOString()}::timestamptz)` } })
    .returning({ id: users.id });
  return row!.id;
}
