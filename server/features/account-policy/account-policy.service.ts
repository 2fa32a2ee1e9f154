import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import type { Deps, SessionUser } from '../../context';
import { conflict, invalidField } from '../../lib/errors';
import { profileTypes } from '../profile/profile.table';
import { recordAudit } from '../audit/audit.service';
import { accountPolicy } from './account-policy.table';

export interface AccountPolicy {
  /** Session idle timeout and the "online" window of the user list, in minutes. */
  onlineTimeframeMinutes: number;
  /** New accounts are active at once; off → `pending` until an administrator activates them. */
  autoActivate: boolean;
  /** Email the user when an administrator activates the account. */
  activationEmail: boolean;
  /** What a new account must confirm. */
  confirmation: 'none' | 'email' | 'phone' | 'both';
  /** Everyone must use two-factor authentication. */
  requireTwoFactor: boolean;
  /**
   * What `requireTwoFactor` accepts: `any` method, or `sms` — a texted code at every sign-in, no
   * trusted-device skip, the authenticator app not accepted as the second factor (seed 002 "Enable 2FA").
   */
  twoFactorMethod: 'any' | 'sms';
  /** The display name (first profile) is made from the account name at sign-up. */
  autoCreateProfile: boolean;
  /** The type of the profile made at sign-up, and of one created without a type (GET /profile-types). */
  defaultProfileTypeId: string;
  /** How many profiles one account may hold; 0 = no limit. */
  profileLimit: number;
}

/** The defaults of the table (and of a database whose admin never saved the policy). */
export const DEFAULT_POLICY: AccountPolicy = {
  onlineTimeframeMinutes: 60 * 24 * 7,
  autoActivate: true,
  activationEmail: true,
  confirmation: 'none',
  requireTwoFactor: false,
  twoFactorMethod: 'any',
  autoCreateProfile: true,
  defaultProfileTypeId: 'person',
  profileLimit: 0,
};

const pick = (row: typeof accountPolicy.$inferSelect): AccountPolicy => ({
  onlineTimeframeMinutes: row.onlineTimeframeMinutes,
  autoActivate: row.autoActivate,
  activationEmail: row.activationEmail,
  confirmation: row.confirmation,
  requireTwoFactor: row.requireTwoFactor,
  twoFactorMethod: row.twoFactorMethod,
  autoCreateProfile: row.autoCreateProfile,
  defaultProfileTypeId: row.defaultProfileTypeId,
  profileLimit: row.profileLimit,
});

/** The policy in force (row 1, else the defaults). */
export async function readPolicy(db: Db | Tx): Promise<AccountPolicy> {
  const [row] = await db.select().from(accountPolicy).where(eq(accountPolicy.id, 1));
  return row ? pick(row) : { ...DEFAULT_POLICY };
}

/**
 * Saves the policy (upsert of row 1) and records the change in the audit log, in one transaction.
 * Every session reads the new values on its next request.
 */
/** Fields a client may leave out of a PUT (added after the first contract): the saved value stays. */
type Optional = 'autoCreateProfile' | 'twoFactorMethod' | 'defaultProfileTypeId' | 'profileLimit';
export type PolicyInput = Omit<AccountPolicy, Optional> & Partial<Pick<AccountPolicy, Optional>>;

export async function updatePolicy(deps: Deps, actor: SessionUser, input: PolicyInput): Promise<AccountPolicy> {
  return deps.db.transaction(async (tx) => {
    // Lock the row (when it exists) so two admins saving at once log a true before/after.
    const [locked] = await tx.select().from(accountPolicy).where(eq(accountPolicy.id, 1)).for('update');
    const before = locked ? pick(locked) : { ...DEFAULT_POLICY };
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next: AccountPolicy = { ...before, ...defined };
    // Requiring 2FA would gate the admin's own next request (policy page included), so an admin
    // without it is refused up front, as GitHub does, instead of being locked out of the policy.
    if (next.requireTwoFactor && !actor.twoFactorEnabled) {
      throw conflict('two_factor_setup_first', 'Set up two-factor authentication for your own account first: requiring it now would lock you out of this page.');
    }
    if (next.requireTwoFactor && next.twoFactorMethod === 'sms' && !actor.smsTwoFactor) {
      throw conflict('two_factor_setup_first', 'Set up text-message codes for your own account first: requiring them now would lock you out of this page.');
    }
    const now = deps.clock.now();
    const [type] = await tx.select({ id: profileTypes.id }).from(profileTypes).where(eq(profileTypes.id, next.defaultProfileTypeId));
    if (!type) throw invalidField('defaultProfileTypeId', 'Choose one of the profile types.');
    const [row] = await tx
      .insert(accountPolicy)
      .values({ id: 1, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: accountPolicy.id, set: { ...next, updatedAt: now } })
      .returning();
    const after = pick(row!);
    const changed = (Object.keys(after) as (keyof AccountPolicy)[]).filter((k) => after[k] !== before[k]);
    if (changed.length) {
      await recordAudit(deps, tx, actor, {
        action: 'account_policy.update',
        targetType: 'account_policy',
        targetId: '1',
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
    }
    return after;
  });
}
