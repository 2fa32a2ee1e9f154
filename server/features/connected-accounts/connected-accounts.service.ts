import { and, eq, lt } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Deps, Env, SessionUser } from '../../context';
import { MINUTE } from '../../lib/clock';
import { newId, randomToken } from '../../lib/crypto';
import { AppError, conflict, isUniqueViolation, notFound } from '../../lib/errors';
import { ownOrigin } from '../../lib/http';
import { users } from '../accounts/accounts.table';
import { recordLogin } from '../login-activity/login-activity.service';
import { completeSignIn, requestInfoOf } from '../sign-in/sign-in-completion';
import { clearCookie, readCookie, writeCookie } from '../sessions/sessions.service';
import { beginTwoFactorChallenge } from '../two-factor/two-factor.challenge';
import type { TwoFactorMethod } from '../two-factor/two-factor.service';
import { connectedAccounts, oauthStates } from './connected-accounts.table';
import { fetchIdentity, OAUTH_PROVIDERS, PROVIDER_NAMES, providerConfig, type OAuthProvider, type ResolvedProvider } from './connected-accounts.providers';

/** Cookie binding a pending authorization to the browser that started it (login CSRF defence). */
export const OAUTH_STATE_COOKIE = 'sk_oauth_state';
const STATE_TTL_MS = 10 * MINUTE;

const stateHash = (deps: Deps, state: string) => deps.secrets.keyedHash(state, 'oauth-state');

export function listConnectedAccounts(deps: Deps, userId: string) {
  return deps.db
    .select()
    .from(connectedAccounts)
    .where(eq(connectedAccounts.userId, userId))
    .then((rows) =>
      OAUTH_PROVIDERS.map((id) => {
        const config = providerConfig(deps, id);
        const row = rows.find((r) => r.provider === id);
        return {
          provider: id,
          name: PROVIDER_NAMES[id],
          available: !!config,
          sandbox: config?.sandbox ?? false,
          connected: !!row,
          email: row?.email ?? null,
          displayName: row?.displayName ?? null,
          connectedAt: row?.createdAt.toISOString() ?? null,
          lastSignInAt: row?.lastSignInAt?.toISOString() ?? null,
        };
      }),
    );
}

function configured(deps: Deps, provider: OAuthProvider): ResolvedProvider {
  const config = providerConfig(deps, provider);
  if (!config) throw new AppError(404, 'provider_not_configured', `${PROVIDER_NAMES[provider]} sign-in is not set up on this server.`);
  return config;
}

/** Where the provider sends the browser back: the API mount + /auth/oauth/:provider/callback. */
function callbackUrl(c: Context<Env>, provider: OAuthProvider, routeSuffix: string): string {
  const configuredBase = c.var.deps.options.oauth?.redirectBase;
  const base = configuredBase
    ? configuredBase.replace(/\/$/, '')
    : ownOrigin(c.var.deps.options.publicOrigin, c.req.url) + new URL(c.req.url).pathname.slice(0, -routeSuffix.length);
  return `${base}/auth/oauth/${provider}/callback`;
}

/** Origins a popup may report to: ours and the allowlisted ones. */
function trustedOrigin(c: Context<Env>, origin: string | undefined | null): string | null {
  if (!origin) return null;
  const own = ownOrigin(c.var.deps.options.publicOrigin, c.req.url);
  const allowed = (c.var.deps.options.allowedOrigins ?? []).map((o) => new URL(o).origin);
  return origin === own || allowed.includes(origin) ? origin : null;
}

/**
 * Where to go after a full-page OAuth flow, as an absolute URL on our origin or an allowlisted one;
 * anything else becomes our "/". The value is resolved against our origin *before* the check, so
 * the tricks that make a "path" leave the site (`//evil`, `/\\evil`, `/.//evil`, `/%2e//evil`)
 * either resolve to another origin (refused) or stay on ours; and the answer is always absolute,
 * never a protocol-relative `//host` a browser would follow elsewhere.
 */
export function safeReturnTo(c: Context<Env>, value: string | undefined): string {
  const own = ownOrigin(c.var.deps.options.publicOrigin, c.req.url);
  const home = new URL('/', own).href;
  if (!value) return home;
  try {
    const url = new URL(value, own);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return home;
    return trustedOrigin(c, url.origin) ? url.href : home;
  } catch {
    return home;
  }
}

/**
 * Starts an authorization: a random state and PKCE verifier stored in the database (any instance
 * can finish it), the state also in a cookie of this browser, and the provider's authorize URL.
 */
export async function beginAuthorization(
  c: Context<Env>,
  provider: OAuthProvider,
  flow: { purpose: 'link' | 'sign_in'; userId: string | null; routeSuffix: string; openerOrigin: string | null; returnTo: string | null },
): Promise<string> {
  const deps = c.var.deps;
  const config = configured(deps, provider);
  const state = randomToken(32);
  const { CodeChallengeMethod, generateCodeVerifier, OAuth2Client } = await import('arctic'); // loaded at the first OAuth flow, not at start
  const verifier = generateCodeVerifier();
  const id = newId();
  const now = deps.clock.now();
  const redirectUri = callbackUrl(c, provider, flow.routeSuffix);
  // Abandoned authorizations expire; sweep them as new ones start (indexed on expires_at).
  await deps.db.delete(oauthStates).where(lt(oauthStates.expiresAt, now));
  await deps.db.insert(oauthStates).values({
    id,
    stateHash: stateHash(deps, state),
    provider,
    purpose: flow.purpose,
    userId: flow.userId,
    codeVerifierEncrypted: deps.secrets.encrypt(verifier, `oauth-state:${id}`),
    redirectUri,
    openerOrigin: flow.openerOrigin,
    returnTo: flow.returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  writeCookie(c, OAUTH_STATE_COOKIE, state, STATE_TTL_MS / 1000);
  const client = new OAuth2Client(config.clientId, config.clientSecret, redirectUri);
  const url = client.createAuthorizationURLWithPKCE(config.authorizationEndpoint, state, CodeChallengeMethod.S256, verifier, config.scopes);
  return url.toString();
}

export const beginLink = (c: Context<Env>, user: SessionUser, provider: OAuthProvider, opener: string | undefined) =>
  beginAuthorization(c, provider, {
    purpose: 'link',
    userId: user.id,
    routeSuffix: `/connected-accounts/${provider}/connect`,
    openerOrigin: trustedOrigin(c, opener) ?? ownOrigin(c.var.deps.options.publicOrigin, c.req.url),
    returnTo: null,
  });

export const beginSignIn = (c: Context<Env>, provider: OAuthProvider, options: { popup: boolean; origin?: string; returnTo?: string }) =>
  beginAuthorization(c, provider, {
    purpose: 'sign_in',
    userId: null,
    routeSuffix: `/auth/oauth/${provider}`,
    openerOrigin: options.popup ? (trustedOrigin(c, options.origin) ?? ownOrigin(c.var.deps.options.publicOrigin, c.req.url)) : null,
    returnTo: options.popup ? null : safeReturnTo(c, options.returnTo),
  });

/** The outcome of a callback, told to the opener (popup) or carried in the return URL. */
export interface OAuthOutcome {
  provider: OAuthProvider;
  purpose: 'link' | 'sign_in' | null;
  status: 'linked' | 'signed_in' | 'two_factor_required' | 'error';
  /** With `two_factor_required`: the methods the user's code step accepts (carried in the redirect). */
  methods?: TwoFactorMethod[];
  code?: string;
  message?: string;
  openerOrigin: string | null;
  returnTo: string | null;
}

const failure = (code: string, message: string) => Object.assign(new Error(message), { oauthCode: code });

/**
 * Finishes an authorization: the state must match this browser's cookie and a stored, unexpired,
 * unused row of this provider (deleted as it is read: single use); the code is exchanged with the
 * stored PKCE verifier; then the account is linked, or its user signed in.
 */
export async function finishAuthorization(
  c: Context<Env>,
  provider: OAuthProvider,
  query: { code?: string; state?: string; error?: string },
): Promise<OAuthOutcome> {
  const deps = c.var.deps;
  const cookieState = readCookie(c, OAUTH_STATE_COOKIE);
  clearCookie(c, OAUTH_STATE_COOKIE);
  const [row] = query.state
    ? await deps.db.delete(oauthStates).where(and(eq(oauthStates.stateHash, stateHash(deps, query.state)), eq(oauthStates.provider, provider))).returning()
    : [];
  const outcome: OAuthOutcome = { provider, purpose: row?.purpose ?? null, status: 'error', openerOrigin: row?.openerOrigin ?? null, returnTo: row?.returnTo ?? null };
  try {
    if (!row || !cookieState || cookieState !== query.state || row.expiresAt <= deps.clock.now()) {
      throw failure('invalid_state', 'This sign-in link is not valid any more (it expired, was used, or was started in another browser). Please try again.');
    }
    if (query.error) throw failure('access_denied', `${PROVIDER_NAMES[provider]} did not grant access.`);
    if (!query.code) throw failure('invalid_request', `${PROVIDER_NAMES[provider]} sent no authorization code.`);
    const config = configured(deps, provider);
    const verifier = deps.secrets.decrypt(row.codeVerifierEncrypted, `oauth-state:${row.id}`);
    const { OAuth2Client } = await import('arctic');
    const client = new OAuth2Client(config.clientId, config.clientSecret, row.redirectUri);
    let accessToken: string;
    let refreshToken: string | null = null;
    let identity;
    try {
      const tokens = await client.validateAuthorizationCode(config.tokenEndpoint, query.code, verifier);
      accessToken = tokens.accessToken();
      if (tokens.hasRefreshToken()) refreshToken = tokens.refreshToken();
      identity = await fetchIdentity(config, accessToken);
    } catch (error) {
      deps.log(`[oauth] ${provider} code exchange failed: ${error instanceof Error ? error.message : String(error)}`);
      throw failure('oauth_failed', `${PROVIDER_NAMES[provider]} did not confirm the sign-in. Please try again.`);
    }

    if (row.purpose === 'link') {
      const auth = c.var.auth;
      if (!auth || auth.user.id !== row.userId) throw failure('session_mismatch', 'You are signed in as someone else in this browser. Sign in again and retry.');
      const id = newId();
      try {
        await deps.db.transaction(async (tx) => {
          await tx.delete(connectedAccounts).where(and(eq(connectedAccounts.userId, auth.user.id), eq(connectedAccounts.provider, provider)));
          await tx.insert(connectedAccounts).values({
            id,
            userId: auth.user.id,
            provider,
            subject: identity.subject,
            email: identity.email,
            displayName: identity.displayName,
            accessTokenEncrypted: deps.secrets.encrypt(accessToken, `connected-account:${id}`),
            refreshTokenEncrypted: refreshToken ? deps.secrets.encrypt(refreshToken, `connected-account:${id}`) : null,
            createdAt: deps.clock.now(),
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw failure('identity_taken', `This ${PROVIDER_NAMES[provider]} account is already connected to another user.`);
        throw error;
      }
      return { ...outcome, status: 'linked' };
    }

    const [link] = await deps.db
      .select({ id: connectedAccounts.id, userId: connectedAccounts.userId, status: users.status })
      .from(connectedAccounts)
      .innerJoin(users, eq(users.id, connectedAccounts.userId))
      .where(and(eq(connectedAccounts.provider, provider), eq(connectedAccounts.subject, identity.subject)));
    if (!link) {
      throw failure('not_linked', `No account is connected to this ${PROVIDER_NAMES[provider]} account. Sign in with your email and password, then connect it under Connected accounts.`);
    }
    if (link.status === 'disabled') {
      // No session, no challenge; logged as a failed sign-in like the password route does.
      await recordLogin(deps, requestInfoOf(c), { userId: link.userId, success: false, reason: 'account_disabled', method: `oauth_${provider}` });
      throw failure('account_disabled', 'This account is disabled. Contact your administrator.');
    }
    await deps.db
      .update(connectedAccounts)
      .set({
        lastSignInAt: deps.clock.now(),
        accessTokenEncrypted: deps.secrets.encrypt(accessToken, `connected-account:${link.id}`),
        ...(refreshToken ? { refreshTokenEncrypted: deps.secrets.encrypt(refreshToken, `connected-account:${link.id}`) } : {}),
      })
      .where(eq(connectedAccounts.id, link.id));
    const [user] = await deps.db.select({ twoFactorEnabled: users.twoFactorEnabled }).from(users).where(eq(users.id, link.userId));
    if (user?.twoFactorEnabled) {
      // The provider stands for the password step only: the user's second factor is still asked.
      const challenge = await beginTwoFactorChallenge(c, link.userId);
      if (challenge) return { ...outcome, status: 'two_factor_required', methods: challenge.methods };
    }
    await completeSignIn(c, link.userId, `oauth_${provider}`);
    return { ...outcome, status: 'signed_in' };
  } catch (error) {
    const code = (error as { oauthCode?: string }).oauthCode;
    if (!code) throw error;
    return { ...outcome, code, message: (error as Error).message };
  }
}

/**
 * Unlinks a provider. Email and password always remain a way in (seed 001): the password hash is
 * required of every account, and unlinking is refused should an account ever lack one.
 */
export async function unlink(deps: Deps, userId: string, provider: OAuthProvider): Promise<void> {
  const [user] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) throw conflict('last_sign_in_method', 'Set a password before disconnecting your last way to sign in.');
  const removed = await deps.db
    .delete(connectedAccounts)
    .where(and(eq(connectedAccounts.userId, userId), eq(connectedAccounts.provider, provider)))
    .returning({ id: connectedAccounts.id });
  if (!removed.length) throw notFound(`A connected ${PROVIDER_NAMES[provider]} account`);
}
