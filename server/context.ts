import type { Context } from 'hono';
import type { Database, Db, DbKind } from './db/client';
import type { Clock } from './lib/clock';
import type { Secrets } from './lib/crypto';
import type { RequestInfo, RequestInfoOptions } from './lib/request-info';
import type { MailProvider, SmsProvider } from './providers/types';
import type { BillingSummary, BillingUser } from './features/billing/billing.types';
import type { OAuthOptions } from './features/connected-accounts/connected-accounts.options';

/** What `createSettingsApp` takes. Only `database` and `secret` are required. */
export interface SettingsOptions extends RequestInfoOptions {
  database: Database;
  /** SETTINGS_SECRET: at least 32 characters. */
  secret: string;
  /** Product name shown in emails and as the TOTP issuer. */
  appName?: string;
  /** Origins (scheme://host[:port]) allowed to call the API across origins and to frame the pages. */
  allowedOrigins?: string[];
  /** The public origin of this server, when it sits behind a proxy that rewrites the Host. */
  publicOrigin?: string;
  /**
   * Where the API's routes start when the app itself answers a server's requests
   * (`serve({ fetch: app.fetch })` with `basePath: '/api'`, as `npm start` does). Unset (the default)
   * when a host mounts it with `host.route('/api', app)`. Served directly, a request skips the
   * wrapper Hono puts around each handler of a mounted app that has its own error handler.
   */
  basePath?: string;
  clock?: Clock;
  mail?: MailProvider;
  sms?: SmsProvider;
  /** Production hides the dev outbox and requires a configured secret. */
  production?: boolean;
  /** Log lines (outbox, start-up); default silent. */
  log?: (line: string) => void;
  /**
   * Cookies: `sameSite: "none"` (env COOKIE_SAMESITE=none) when the page and the API are on
   * different sites; every cookie is then `SameSite=None; Secure; Partitioned`. Default `lax`.
   */
  cookie?: { sameSite?: 'lax' | 'none' };
  /**
   * Passkeys: the relying party id (a host name the page's origin ends with, e.g. `example.com` for
   * a page on `crm.example.com`) and the page origins ceremonies may come from. Default: the page
   * that asked when it is ours or allowlisted.
   */
  passkeys?: { rpId?: string; origins?: string[] };
  /**
   * Quotas on what reaches a person or costs money (API.md "Limits"), counted in the database over
   * every instance. Defaults: 3 per destination in 15 minutes, 10 per destination a day, 20 per user
   * a day, 25 contacts per user, no server budget.
   */
  limits?: SendLimitOptions;
  /**
   * The delivery queue's worker (features/delivery). `worker: 'manual'` starts no poll loop: call
   * `app.delivery.drain()` yourself (tests). Retries back off from `retryBaseMs` (doubling) and stop
   * after `maxAttempts` tries. Sent and given-up rows are deleted after `retentionDays` (default 30).
   */
  delivery?: { worker?: 'poll' | 'manual'; pollIntervalMs?: number; maxAttempts?: number; retryBaseMs?: number; leaseMs?: number; batchSize?: number; retentionDays?: number };
  /** Session lifetimes. */
  session?: { absoluteDays?: number };
  /**
   * A host's own identity (API.md "Host identity"): who is signed in to the host for this request,
   * or null. When set, the session cookie is not consulted, the kit's own sign-in routes answer 404,
   * and the user is kept in step with what this returns (one user per `externalId`, no password).
   */
  identify?: (c: Context) => Promise<HostIdentity | null>;
  /** Under host identity: how recent `reauthenticatedAt` must be for sensitive actions (default 600 s). */
  reauthenticationMaxAgeSeconds?: number;
  /** Told after a host user deleted their account here (our rows are gone by then). */
  onAccountDeleted?: (externalId: string) => void | Promise<void>;
  /**
   * Under host identity: the host's own sessions, shown in the Active sessions card. Without it
   * `GET /security/sessions` answers `{available: false}` and the card hides itself.
   */
  sessions?: HostSessionsAdapter;
  /** Two-factor authentication: `issuer` is the name authenticator apps show (default `appName`). */
  twoFactor?: { issuer?: string };
  /**
   * URL of the page that shows the settings elements. Emailed links (email confirmation, password
   * reset) open it with a `#sk-confirm-email=…` / `#sk-reset-password=…` fragment. Default: the
   * origin of the page that asked (own or allowlisted), at `/`.
   */
  pageUrl?: string;
  /** Let users delete their own account (POST /account/delete); default true. */
  allowAccountDeletion?: boolean;
  /** Google, Microsoft and GitHub OAuth clients for connected accounts and sign-in (features/connected-accounts). */
  oauth?: OAuthOptions;
  /** The user's subscription for the Billing tab; return null (or leave unset) to hide the tab. */
  billing?: (user: BillingUser) => Promise<BillingSummary | null | undefined>;
  /** Where "Manage billing" leads: a URL, or a function of the user giving one. */
  manageBillingUrl?: string | ((user: BillingUser) => string | Promise<string>);
  // Per-feature options are declared beside each feature by declaration merging
  // (`declare module '../../context' { interface SettingsOptions { … } }`), never by an index
  // signature: an unknown or misspelt key (e.g. `allowedOrigin`) must not compile.
}

/** What a host's `identify` returns for its signed-in user. */
export interface HostIdentity {
  /** The host's stable id of the user (at most 200 characters). */
  externalId: string;
  email: string;
  displayName?: string;
  /** The host's word on who administers the kit; default `user`. */
  role?: 'admin' | 'user';
  /** When the host last confirmed it is really this person (password, SSO prompt): Date or ISO string. */
  reauthenticatedAt?: Date | string | null;
}

/** One of the host's sessions, as the Active sessions card shows it. */
export interface HostSession {
  id: string;
  current: boolean;
  device?: string;
  browser?: string;
  os?: string;
  ip?: string | null;
  country?: string | null;
  createdAt: Date | string;
  lastActiveAt: Date | string;
}

/** The host's sessions, for `GET/DELETE /security/sessions…` under host identity. */
export interface HostSessionsAdapter {
  list(externalId: string, c: Context): Promise<HostSession[]>;
  /** Ends one session of this user; false when it is not theirs (answers 404). */
  revoke(externalId: string, sessionId: string, c: Context): Promise<boolean>;
  /** Ends every session of this user but the current one; returns how many ended. */
  revokeOthers(externalId: string, c: Context): Promise<number>;
}

export interface SendLimitOptions {
  /** Messages to one phone number or email address in 15 minutes (default 3). */
  destinationPer15Minutes?: number;
  /** Messages to one phone number or email address in a day (default 10). */
  destinationPerDay?: number;
  /** Messages on behalf of one user in a day (default 20). */
  userPerDay?: number;
  /** Messages the whole server sends in an hour; unset means no budget. */
  hourlySends?: number;
  /** Contacts one user may keep (default 25). */
  contactsPerUser?: number;
}

/** Everything a service needs, resolved once per app and handed to handlers through `c.var.deps`. */
export interface Deps {
  db: Db;
  /** The session check's and the session list's reads (`Database.lookups`; else `db`). */
  lookupDb: Db;
  dbKind: DbKind;
  secrets: Secrets;
  clock: Clock;
  mail: MailProvider;
  sms: SmsProvider;
  appName: string;
  production: boolean;
  log: (line: string) => void;
  options: SettingsOptions;
  /** Wakes this instance's delivery worker after a message was queued (a no-op when there is none). */
  kickDelivery?: () => void;
}

/** The signed-in user as the identity middleware found it. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
  status: 'active' | 'pending' | 'disabled';
  twoFactorEnabled: boolean;
  /** SMS codes are one of the user's 2FA methods (read with the session: the SMS policy needs it). */
  smsTwoFactor: boolean;
  avatarId: string | null;
  /** The profile the Profile tab edits; null before the first one exists. */
  currentProfileId: string | null;
  /** IANA timezone from the profile. */
  timezone: string | null;
  /** BCP 47 language tag from the profile. */
  language: string | null;
  preferences: Record<string, unknown>;
  emailConfirmedAt: Date | null;
  phoneConfirmedAt: Date | null;
  /** What the account policy still wants confirmed (lib/access-gates.ts). */
  pendingConfirmations: ('email' | 'phone')[];
  /** The policy requires 2FA and this user has none yet: only the 2FA setup is open. */
  twoFactorSetupRequired: boolean;
  /** False for a host user (no password here): re-authentication then comes from the host. */
  hasPassword: boolean;
  /** The host's id of the user under host identity, else null. */
  externalId: string | null;
  /** Under host identity: when the host last re-authenticated this person (from `identify`). */
  reauthenticatedAt?: Date | null;
  /** The policy's required second factor (`any` or `sms`), or null when 2FA is not required. */
  requiredTwoFactorMethod: 'any' | 'sms' | null;
  /** No profile yet and "Automatic profile creation" is off: the user must create the first one before anything else. */
  profileSetupRequired: boolean;
}

export interface Auth {
  user: SessionUser;
  /** Null when a host's `identify` supplied the user. */
  sessionId: string | null;
  /**
   * When the session was last active as this request sees it (ms): the last-active write this
   * request started may not have landed yet when a later read of the same request runs.
   */
  activeAt?: number;
  /** `host` when the host's `identify` supplied the user, else `kit` (the session cookie). */
  identity: 'host' | 'kit';
}

export type Env = {
  Variables: {
    deps: Deps;
    auth: Auth | null;
    requestInfo: RequestInfo;
    /** `GET /security/sessions`: the list, read beside the session check (`prefetchSessionList`, typed there). */
    sessionList?: Promise<unknown>;
  };
};
