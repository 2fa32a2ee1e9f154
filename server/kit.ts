import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { APP_DEPS, createSettingsApp } from './app';
import type { Deps, HostIdentity, SettingsOptions } from './context';
import { hostUser } from './features/host-identity/host-identity.service';
import { recordLogin, type LoginReason } from './features/login-activity/login-activity.service';
import { users } from './features/accounts/accounts.table';
import { noteSignInDevice } from './features/login-activity/login-activity.service';
import { authenticationOptionsFor, checkPasskeyAssertionFor, configuredRelyingParty } from './features/passkeys/passkeys.service';
import { allowedMethods, issueTrustedDevice, judgeSecondFactor, sendSecondFactorSms, useTrustedDevice } from './features/two-factor/two-factor.challenge';
import type { TwoFactorMethod } from './features/two-factor/two-factor.service';
import { countryOf, describeUserAgent, type RequestInfo } from './lib/request-info';

/** Where a host's login request came from, for the activity log and trusted devices. */
export interface HostRequest {
  ip?: string | null;
  userAgent?: string;
}

export interface TwoFactorVerifyInput extends HostRequest {
  method: TwoFactorMethod;
  /** The code typed (TOTP, SMS, recovery code), or for `passkey` the assertion's JSON. */
  code: string;
  /** Remember this browser for 30 days: `onDeviceToken` receives the token to keep in the host's cookie. */
  trustDevice?: boolean;
  /** The trusted-device token this browser already holds (replaced when a new one is issued). */
  deviceToken?: string | null;
  onDeviceToken?: (token: string) => void | Promise<void>;
  /** The login page's origin, for a passkey assertion (default: the first configured origin). */
  origin?: string;
}

export interface ActivityEntry extends HostRequest {
  outcome: 'succeeded' | 'failed';
  reason?: LoginReason;
}

const METHODS: TwoFactorMethod[] = ['totp', 'sms', 'recovery_code', 'passkey'];
const REASONS: LoginReason[] = ['wrong_password', 'wrong_code', 'locked', 'unknown_user', 'account_disabled'];

/** A host's mistake in a call is a TypeError naming the field, never a silent `false`. */
function check(condition: boolean, field: string, why: string): asserts condition {
  if (!condition) throw new TypeError(`settings-kit: ${field}: ${why}`);
}

const infoOf = (request: HostRequest = {}): RequestInfo => {
  const ip = request.ip ?? null;
  const userAgent = request.userAgent ?? '';
  return { ip, country: countryOf(ip), userAgent, ...describeUserAgent(userAgent) };
};

async function userOf(deps: Deps, externalId: string) {
  check(typeof externalId === 'string' && externalId.length > 0 && externalId.length <= 200, 'externalId', 'give the host user id (1 to 200 characters).');
  const [row] = await deps.db.select({ id: users.id, email: users.email, status: users.status }).from(users).where(eq(users.externalId, externalId));
  return row ?? null;
}

/**
 * The settings API plus what a host's own login needs (API.md "Host identity"): `twoFactor`
 * enforces the second factor a user turned on in the settings page, through the very judge of the
 * kit's code step (two-factor.challenge.ts: lockout, replay, single-use recovery codes, passkeys);
 * `activity` records the host's sign-ins in the login activity and sends the new-sign-in email.
 */
export function createSettingsKit(options: SettingsOptions) {
  const app = createSettingsApp(options);
  const deps = app[APP_DEPS];

  const twoFactor = {
    /** The methods the user can pass the code step with; empty when 2FA is off or the user is unknown here. */
    async methods(externalId: string): Promise<TwoFactorMethod[]> {
      const user = await userOf(deps, externalId);
      return user ? (await allowedMethods(deps, user.id)).methods : [];
    },
    /** Whether the host's login must ask for a code: 2FA on, and no live trusted-device token of this user. */
    async isRequired(externalId: string, request: HostRequest & { deviceToken?: string | null } = {}): Promise<boolean> {
      const user = await userOf(deps, externalId);
      if (!user) return false;
      const { methods, smsEverySignIn } = await allowedMethods(deps, user.id);
      if (!methods.length) return false;
      // The SMS policy asks at every sign-in: no trusted-device skip, as at the kit's own code step.
      if (!smsEverySignIn && request.deviceToken && (await useTrustedDevice(deps, user.id, request.deviceToken, request.ip ?? null))) return false;
      return true;
    },
    /** Texts a sign-in code to the user's 2FA phone (quotas apply: 429 `rate_limited` as an AppError). */
    async sendSmsCode(externalId: string): Promise<void> {
      const user = await userOf(deps, externalId);
      check(user !== null, 'externalId', 'no such user here (they have not opened the settings page yet).');
      await sendSecondFactorSms(deps, user.id, `host:${user.id}`);
    },
    /**
     * Judges one code: `true` lets the user in, `false` refuses it (wrong, replayed, used up, or the
     * account is locked after 5 failures, as at the kit's own code step). Failures land in the login
     * activity; record the completed sign-in with `activity.record(…, {outcome: "succeeded"})`.
     */
    async verify(externalId: string, input: TwoFactorVerifyInput): Promise<boolean> {
      check(typeof input === 'object' && input !== null, 'input', 'give {method, code}.');
      check(METHODS.includes(input.method), 'method', `use one of ${METHODS.join(', ')}.`);
      check(typeof input.code === 'string' && input.code.length > 0 && input.code.length <= 16_384, 'code', 'give the code as a non-empty string.');
      const user = await userOf(deps, externalId);
      if (!user || user.status === 'disabled') return false;
      const info = infoOf(input);
      const rp = configuredRelyingParty(deps, input.origin);
      const subject = { userId: user.id, email: user.email, smsBinding: `host:${user.id}` };
      const allowed = await allowedMethods(deps, user.id);
      let ok: boolean;
      try {
        ok = await judgeSecondFactor(deps, subject, input, { info, allowed, passkey: (response: AuthenticationResponseJSON) => checkPasskeyAssertionFor(deps, rp, response, user.id) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'account_locked' || code === 'try_again' || code === 'method_not_allowed') return false;
        throw error;
      }
      if (ok && input.trustDevice && !allowed.smsEverySignIn) {
        const token = await issueTrustedDevice(deps, user.id, info, input.deviceToken);
        await input.onDeviceToken?.(token);
      }
      return ok;
    },
    /** PublicKeyCredentialRequestOptionsJSON for a passkey at the host's code step (`method: "passkey"`). */
    passkeyOptions: (origin?: string) => authenticationOptionsFor(deps, configuredRelyingParty(deps, origin).rpID),
  };

  const activity = {
    /**
     * One sign-in at the host: a row of the user's login activity, and on success the new-device
     * check that emails "a new sign-in" for a browser not seen before. `who` is the host's user id,
     * or the identity `identify` returns (`{ externalId, email, … }`): with the identity, a user who
     * has never opened the settings page is created here as on first sight, so their very first
     * sign-in is in the log. Returns false when only an id is given and the user is unknown here.
     */
    async record(who: string | HostIdentity, entry: ActivityEntry): Promise<boolean> {
      check(entry?.outcome === 'succeeded' || entry?.outcome === 'failed', 'outcome', 'use succeeded or failed.');
      check(entry.reason === undefined || REASONS.includes(entry.reason), 'reason', `use one of ${REASONS.join(', ')}.`);
      const user = typeof who === 'string' ? await userOf(deps, who) : await hostUser(deps, who);
      if (!user) return false;
      const info = infoOf(entry);
      const success = entry.outcome === 'succeeded';
      await recordLogin(deps, info, { userId: user.id, success, reason: success ? null : (entry.reason ?? 'wrong_password'), method: 'host' });
      if (success) await noteSignInDevice(deps, user.id, info, { alert: true });
      return true;
    },
  };

  return { app, twoFactor, activity };
}

export type SettingsKit = ReturnType<typeof createSettingsKit>;
