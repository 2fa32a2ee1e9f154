// Types only, with no imports: context.ts reads them for the `oauth` option, and this file must
// not lead back to context.ts (no import cycle).

/** One provider's OAuth 2.0 client, from the host (or, in the demo, the local sandbox). */
export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  /** Defaults to the real provider's endpoints; set all three to use another server (a test fake). */
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userInfoEndpoint?: string;
  scopes?: string[];
  /** Microsoft only: the Entra ID tenant (default `common`). */
  tenant?: string;
  /** Marks a local test provider: the elements label it "Sandbox". */
  sandbox?: boolean;
}

/** The `oauth` option of `createSettingsApp`: which providers can be connected and used to sign in. */
export interface OAuthOptions {
  google?: OAuthProviderConfig;
  microsoft?: OAuthProviderConfig;
  github?: OAuthProviderConfig;
  /**
   * Absolute URL of the API mount the providers redirect back to (e.g. `https://crm.example.com/api`);
   * by default the public origin plus the path the request came through.
   */
  redirectBase?: string;
}
