import { fakeOAuthProviders, startFakeOAuth } from '../../sandbox/fake-oauth';
import type { OAuthOptions, OAuthProviderConfig } from './connected-accounts.providers';

/**
 * OAuth clients from the environment: GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET,
 * MICROSOFT_CLIENT_ID / MICROSOFT_CLIENT_SECRET (+ MICROSOFT_TENANT), GITHUB_CLIENT_ID /
 * GITHUB_CLIENT_SECRET, and OAUTH_REDIRECT_BASE. Outside production with none of them, the demo
 * runs the local sandbox provider (server/sandbox/fake-oauth.ts) for all three, labelled
 * "Sandbox" everywhere; OAUTH_SANDBOX=off turns it off, OAUTH_SANDBOX_PORT fixes its port.
 */
export async function oauthFromEnv(env: NodeJS.ProcessEnv, production: boolean, log: (line: string) => void = console.log): Promise<OAuthOptions | undefined> {
  const one = (prefix: string): OAuthProviderConfig | undefined => {
    const clientId = env[`${prefix}_CLIENT_ID`];
    const clientSecret = env[`${prefix}_CLIENT_SECRET`];
    return clientId && clientSecret ? { clientId, clientSecret, ...(prefix === 'MICROSOFT' && env.MICROSOFT_TENANT ? { tenant: env.MICROSOFT_TENANT } : {}) } : undefined;
  };
  const real: OAuthOptions = { google: one('GOOGLE'), microsoft: one('MICROSOFT'), github: one('GITHUB') };
  const redirectBase = env.OAUTH_REDIRECT_BASE || undefined;
  if (real.google || real.microsoft || real.github) return { ...real, redirectBase };
  if (production || env.OAUTH_SANDBOX === 'off') return undefined;
  const fake = await startFakeOAuth({ port: Number(env.OAUTH_SANDBOX_PORT ?? 0) });
  fake.server.unref();
  log(`[oauth] SANDBOX provider for Google, Microsoft and GitHub on ${fake.url} (demo only: no real accounts)`);
  return { ...fakeOAuthProviders(fake), redirectBase };
}
