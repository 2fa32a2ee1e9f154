import type { Deps } from '../../context';
import type { OAuthProviderConfig } from './connected-accounts.options';

export const OAUTH_PROVIDERS = ['google', 'microsoft', 'github'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const PROVIDER_NAMES: Record<OAuthProvider, string> = { google: 'Google', microsoft: 'Microsoft', github: 'GitHub' };

export type { OAuthOptions, OAuthProviderConfig } from './connected-accounts.options';

export interface ResolvedProvider {
  id: OAuthProvider;
  clientId: string;
  clientSecret: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint: string;
  scopes: string[];
  sandbox: boolean;
}

function defaults(id: OAuthProvider, config: OAuthProviderConfig) {
  switch (id) {
    case 'google':
      return {
        authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
        tokenEndpoint: 'https://oauth2.googleapis.com/token',
        userInfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
        scopes: ['openid', 'email', 'profile'],
      };
    case 'microsoft': {
      const tenant = encodeURIComponent(config.tenant ?? 'common');
      return {
        authorizationEndpoint: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`,
        tokenEndpoint: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
        userInfoEndpoint: 'https://graph.microsoft.com/oidc/userinfo',
        scopes: ['openid', 'email', 'profile'],
      };
    }
    case 'github':
      return {
        authorizationEndpoint: 'https://github.com/login/oauth/authorize',
        tokenEndpoint: 'https://github.com/login/oauth/access_token',
        userInfoEndpoint: 'https://api.github.com/user',
        scopes: ['read:user', 'user:email'],
      };
  }
}

/** The configured provider, or null when the host did not configure it. */
export function providerConfig(deps: Deps, id: OAuthProvider): ResolvedProvider | null {
  const config = deps.options.oauth?.[id];
  if (!config?.clientId || !config.clientSecret) return null;
  const base = defaults(id, config);
  return {
    id,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorizationEndpoint: config.authorizationEndpoint ?? base.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint ?? base.tokenEndpoint,
    userInfoEndpoint: config.userInfoEndpoint ?? base.userInfoEndpoint,
    scopes: config.scopes ?? base.scopes,
    sandbox: config.sandbox ?? false,
  };
}

/** The identity a provider vouches for: OIDC userinfo (`sub`) or GitHub's `/user` (`id`). */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  displayName: string | null;
}

export async function fetchIdentity(provider: ResolvedProvider, accessToken: string): Promise<ProviderIdentity> {
  const response = await fetch(provider.userInfoEndpoint, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'settings-kit' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`userinfo answered ${response.status}`);
  const body = (await response.json()) as Record<string, unknown>;
  const subject = body.sub ?? body.id;
  if (typeof subject !== 'string' && typeof subject !== 'number') throw new Error('userinfo has no subject');
  const email = typeof body.email === 'string' ? body.email.toLowerCase() : null;
  const name = [body.name, body.login, body.preferred_username].find((v) => typeof v === 'string' && v) as string | undefined;
  return { subject: String(subject), email, displayName: name ?? null };
}
