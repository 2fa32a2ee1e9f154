import type { SDK } from '@ringcentral/sdk';
import { requireOptional } from '../lib/optional-import';

/** `@ringcentral/sdk` is an optional peer dependency, loaded when the first RingCentral provider is made. */
const loadSdk = () => requireOptional<typeof import('@ringcentral/sdk')>('@ringcentral/sdk', 'RingCentral (contacts SMS and RingOut)').SDK;

type Platform = ReturnType<SDK['platform']>;
/** Receives tokens the SDK refreshed by itself during a call, to store them. */
export type OnRefresh = (tokens: RingCentralTokens) => Promise<unknown>;

/** A RingCentral app: its REST server and OAuth client (authorization code flow with PKCE). */
export interface RingCentralConfig {
  /** `https://platform.ringcentral.com` (production), `https://platform.devtest.ringcentral.com`, or a local fake. */
  server: string;
  clientId: string;
  clientSecret: string;
  /** The redirect URI registered with the app; default: `<api>/integrations/ringcentral/callback` of the request. */
  redirectUri?: string;
  /** True when `server` is the local fake the demo starts (shown to users as a sandbox). */
  sandbox?: boolean;
}

/** The token answer of `/restapi/oauth/token`, as the SDK keeps it. */
export interface RingCentralTokens {
  access_token: string;
  token_type?: string;
  expires_in: string | number;
  refresh_token: string;
  refresh_token_expires_in?: string | number;
  scope?: string;
  owner_id?: string;
  endpoint_id?: string;
  [key: string]: unknown;
}

/** An in-memory Storage per SDK object, so no token is shared between users or requests. */
class MemoryStorage {
  readonly #items = new Map<string, string>();
  getItem = (key: string) => this.#items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#items.set(key, String(value));
  removeItem = (key: string) => void this.#items.delete(key);
  keys = () => [...this.#items.keys()];
}

/**
 * RingCentral through the official `@ringcentral/sdk`: the OAuth authorize URL (PKCE S256), the code
 * exchange, refresh and revoke, SMS (`/restapi/v1.0/account/~/extension/~/sms`) and RingOut calls.
 * Each call uses a fresh SDK object holding one user's tokens, so nothing leaks between users; the
 * caller stores the tokens (encrypted) and decides when they are stale from its own clock.
 */
export class RingCentralProvider {
  readonly name = 'ringcentral';
  constructor(readonly config: RingCentralConfig) {
    if (!config.server || !config.clientId || !config.clientSecret) throw new Error('RingCentral needs a server, a client id and a client secret.');
    loadSdk();
  }

  #sdk(redirectUri?: string) {
    return new (loadSdk())({
      server: this.config.server.replace(/\/$/, ''),
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret,
      redirectUri: redirectUri ?? this.config.redirectUri ?? '',
      refreshDelayMs: 0,
      localStorage: new MemoryStorage() as unknown as Storage,
      cachePrefix: 'sk-rc-',
    });
  }

  /** The authorize URL for `state`, with a fresh PKCE verifier (S256) that the caller keeps until the callback. */
  authorizeUrl(input: { state: string; redirectUri: string }): { url: string; codeVerifier: string } {
    const platform = this.#sdk(input.redirectUri).platform();
    const url = platform.loginUrl({ state: input.state, usePKCE: true, redirectUri: input.redirectUri });
    return { url, codeVerifier: platform.codeVerifier };
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  async exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<RingCentralTokens> {
    const platform = this.#sdk(input.redirectUri).platform();
    await platform.login({ code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier });
    return tokensOf(await platform.auth().data());
  }

  /** New tokens for a refresh token. */
  async refresh(tokens: RingCentralTokens): Promise<RingCentralTokens> {
    const platform = await this.#withTokens(tokens);
    await platform.refresh();
    return tokensOf(await platform.auth().data());
  }

  /** Revokes the grant (RingCentral ends the access and the refresh token together). */
  async revoke(tokens: RingCentralTokens): Promise<void> {
    const platform = await this.#withTokens(tokens);
    await platform.logout();
  }

  /**
   * Sends an SMS from one of the user's RingCentral numbers. Returns the message id. When the SDK
   * had to refresh the tokens on the way (RingCentral answered 401), `onRefresh` gets the new ones.
   */
  async sendSms(tokens: RingCentralTokens, input: { from: string; to: string; text: string }, onRefresh?: OnRefresh): Promise<{ id: string }> {
    return this.#call(tokens, onRefresh, async (platform) => {
      const response = await platform.post('/restapi/v1.0/account/~/extension/~/sms', {
        from: { phoneNumber: input.from },
        to: [{ phoneNumber: input.to }],
        text: input.text,
      });
      return { id: String(((await response.json()) as { id: number | string }).id) };
    });
  }

  /** Starts a RingOut call: RingCentral rings `from` first, then connects it to `to`. Returns the RingOut id. */
  async ringOut(tokens: RingCentralTokens, input: { from: string; to: string; playPrompt?: boolean }, onRefresh?: OnRefresh): Promise<{ id: string }> {
    return this.#call(tokens, onRefresh, async (platform) => {
      const response = await platform.post('/restapi/v1.0/account/~/extension/~/ring-out', {
        from: { phoneNumber: input.from },
        to: { phoneNumber: input.to },
        playPrompt: input.playPrompt ?? true,
      });
      return { id: String(((await response.json()) as { id: number | string }).id) };
    });
  }

  /** Runs one REST call and hands tokens the SDK refreshed on the way (after a 401) to `onRefresh`. */
  async #call<T>(tokens: RingCentralTokens, onRefresh: OnRefresh | undefined, use: (platform: Platform) => Promise<T>): Promise<T> {
    const platform = await this.#withTokens(tokens);
    try {
      return await use(platform);
    } finally {
      const now = tokensOf(await platform.auth().data());
      if (onRefresh && now.access_token && now.access_token !== tokens.access_token) await onRefresh(now);
    }
  }

  /** A platform holding `tokens`, marked fresh: the caller decided with its clock that they are. */
  async #withTokens(tokens: RingCentralTokens) {
    const platform = this.#sdk().platform();
    const hour = 3_600_000;
    await platform.auth().setData({
      ...tokens,
      expire_time: Date.now() + hour,
      refresh_token_expire_time: Date.now() + 24 * hour,
    } as never);
    return platform;
  }
}

function tokensOf(data: object): RingCentralTokens {
  const { expire_time: _a, refresh_token_expire_time: _b, code_verifier: _c, ...rest } = data as Record<string, unknown>;
  return rest as RingCentralTokens;
}

/**
 * True when RingCentral refused the grant itself (a 401 from the REST API that a refresh could not
 * cure, or the token endpoint refusing the refresh token): the registration is over.
 */
export function isAuthFailure(error: unknown): boolean {
  const response = (error as { response?: { status?: number; url?: string } } | null)?.response;
  if (!response?.status) return false;
  if (response.status === 401) return true;
  return /\/oauth\/token/.test(response.url ?? '') && (response.status === 400 || response.status === 401);
}
