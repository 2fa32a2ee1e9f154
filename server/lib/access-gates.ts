import type { Context } from 'hono';
import type { Env, SessionUser } from '../context';
import { forbidden } from './errors';

export type ConfirmationMode = 'none' | 'email' | 'phone' | 'both';

/** The parts of the account policy every request needs; read in the same query as the session. */
export interface PolicyFacts {
  confirmation: ConfirmationMode;
  requireTwoFactor: boolean;
  twoFactorMethod: 'any' | 'sms';
}

export const DEFAULT_POLICY_FACTS: PolicyFacts = { confirmation: 'none', requireTwoFactor: false, twoFactorMethod: 'any' };

/** What the user still has to confirm under `mode` (seed 002 "Account is confirmed when"). */
export function pendingConfirmationsOf(
  user: { emailConfirmedAt: Date | null; phoneConfirmedAt: Date | null },
  mode: ConfirmationMode,
): ('email' | 'phone')[] {
  const out: ('email' | 'phone')[] = [];
  if ((mode === 'email' || mode === 'both') && !user.emailConfirmedAt) out.push('email');
  if ((mode === 'phone' || mode === 'both') && !user.phoneConfirmedAt) out.push('phone');
  return out;
}

/** The user row as the session query reads it, before the policy facts are added. */
export type SessionUserRow = Omit<SessionUser, 'pendingConfirmations' | 'twoFactorSetupRequired' | 'requiredTwoFactorMethod' | 'profileSetupRequired'>;

/**
 * Adds what the policy says about this user to the row the session query read. The row is the
 * query's own fresh object, so the facts are set on it rather than spread into a copy (on every
 * request: a profile under load had the copy among the top frames).
 */
export function withPolicyFacts(
  user: SessionUserRow,
  facts: { confirmation?: unknown; requireTwoFactor?: unknown; twoFactorMethod?: unknown; autoCreateProfile?: unknown } | null | undefined,
): SessionUser {
  const confirmation = (facts?.confirmation as ConfirmationMode | null | undefined) ?? DEFAULT_POLICY_FACTS.confirmation;
  const requireTwoFactor = (facts?.requireTwoFactor as boolean | null | undefined) ?? DEFAULT_POLICY_FACTS.requireTwoFactor;
  const method = (facts?.twoFactorMethod as PolicyFacts['twoFactorMethod'] | null | undefined) ?? DEFAULT_POLICY_FACTS.twoFactorMethod;
  const out = user as SessionUser;
  out.pendingConfirmations = pendingConfirmationsOf(user, confirmation);
  // Under the SMS policy an authenticator app alone does not count: the user must add a phone.
  out.twoFactorSetupRequired = requireTwoFactor && (method === 'sms' ? !user.smsTwoFactor : !user.twoFactorEnabled);
  out.requiredTwoFactorMethod = requireTwoFactor ? method : null;
  // With automatic creation on, a missing profile is made on first use (profiles.service), not gated.
  out.profileSetupRequired = !user.currentProfileId && facts?.autoCreateProfile === false;
  return out;
}

/** Which gates a route lets through (`currentUser(c, { allowPending: true })`). */
export interface GateOptions {
  /** A pending (not yet activated) account may call this route: its profile, confirmation, sign-out. */
  allowPending?: boolean;
  /** A user who must set up 2FA first (policy `requireTwoFactor`) may call this route. */
  allowTwoFactorSetup?: boolean;
}

/**
 * Routes of other features the gates let through, by method and path (relative to the mount,
 * matched at the end of the request path so any mount point works). Everything else a signed-in
 * user calls is refused while a gate is closed: new routes are gated by default.
 */
const ALWAYS: [string, RegExp][] = [
  ['GET', /\/me$/],
  ['POST', /\/auth\/sign-out$/],
];
/** What a user without a first profile may do besides: read the profile, the types, and create it. */
const PROFILE_SETUP_ALLOWED: [string, RegExp][] = [
  ['GET', /\/profile$/],
  ['GET', /\/profile-types$/],
  ['GET', /\/profiles$/],
  ['POST', /\/profiles$/],
  ['GET', /\/avatars\/[^/]+$/],
];
// A pending account's profiles are its own: it may create its first one while it waits, so it
// may do exactly what a user setting up a first profile may.
const PENDING_ALLOWED = PROFILE_SETUP_ALLOWED;
const TWO_FACTOR_SETUP_ALLOWED: [string, RegExp][] = [
  ['GET', /\/security$/],
  ['GET', /\/security\/two-factor(\/.*)?$/],
  ['POST', /\/security\/two-factor\/(totp|sms)\/(setup|enable)$/],
  ['DELETE', /\/security\/two-factor\/(totp|sms)\/setup$/],
];

const listed = (list: [string, RegExp][], method: string, path: string) => list.some(([m, re]) => m === method && re.test(path));

/**
 * The account gates of the policy (seed 002), applied by `currentAuth` for every signed-in request:
 * a disabled account may only read `/me` and sign out (403 `account_disabled`); a pending one may
 * also read its profile and finish confirmation (403 `account_pending`); a user who must set up
 * two-factor authentication may only do that (403 `two_factor_setup_required`).
 */
export function enforceGates(c: Context<Env>, user: SessionUser, options: GateOptions = {}): void {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const path = c.req.path.replace(/\/+$/, '') || '/';
  if (listed(ALWAYS, method, path)) return;
  if (user.status === 'disabled') throw forbidden('account_disabled', 'This account is disabled. Contact your administrator.');
  if (user.status === 'pending' && !options.allowPending && !listed(PENDING_ALLOWED, method, path)) {
    throw forbidden('account_pending', 'Your account is waiting for activation by an administrator.');
  }
  if (user.twoFactorSetupRequired && !options.allowTwoFactorSetup && !listed(TWO_FACTOR_SETUP_ALLOWED, method, path)) {
    throw forbidden('two_factor_setup_required', 'Set up two-factor authentication to continue: your administrator requires it.');
  }
  if (user.profileSetupRequired && !listed(PROFILE_SETUP_ALLOWED, method, path)) {
    throw forbidden('profile_required', 'Create your first profile to continue.');
  }
}
