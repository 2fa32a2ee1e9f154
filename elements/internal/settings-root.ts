import { ContextProvider } from '@lit/context';
import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createApiClient, read, type ApiClient } from '../api/client';
import { getLocale, matchLocale, setLocale } from '../locales/localization';
import { apiContext, defaultPreferences, settingsContext, type DisplayPreferences, type SettingsState, type SignedInUser } from './context';

/** Who manages a host user's sign-in and email, for "managed by …" lines: the host's `appName`, else "your organisation". */
export const managedBy = (state: SettingsState | undefined) => state?.appName || msg('your organisation');

/**
 * Makes its host the root of a settings page: provides the API client and the shared state
 * (signed-in user, display preferences) to every element below it, and loads `/me`.
 */
export class SettingsRootController implements ReactiveController {
  readonly api: ContextProvider<typeof apiContext>;
  readonly state: ContextProvider<typeof settingsContext>;
  /** `loading` until the first `/me` answer; `error` when the server could not be reached. */
  status: 'loading' | 'ready' | 'error' = 'loading';
  error: unknown = null;
  /**
   * Why the page is signed out, when it was signed in a moment ago: `session_ended` (revoked on
   * another device, expired), or `cookie_refused` (a sign-in succeeded but the browser did not keep
   * the session cookie, so the very next call was anonymous: a cross-site page without
   * `SameSite=None` cookies).
   */
  signedOutReason: 'session_ended' | 'cookie_refused' | null = null;
  #justSignedIn = false;
  /** Set once `/me` named a host user: the page stays in host mode when that user is gone. */
  #sawHost = false;
  #overrides: Partial<DisplayPreferences> = {};

  #base: string | null = null;
  #handedIn = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { apiBase: string; identity?: string | null; appName?: string | null },
  ) {
    host.addController(this);
    this.api = new ContextProvider(host, { context: apiContext });
    this.state = new ContextProvider(host, { context: settingsContext, initialValue: this.#makeState(null) });
  }

  get client(): ApiClient {
    return this.api.value;
  }
  get user(): SignedInUser | null {
    return this.state.value.user;
  }

  /**
   * The host signs users in (API.md "Host identity"): `/me` said `identity: "host"` (now or earlier on
   * this page), or the host said so up front with `identity="host"` on the element, so even a page
   * opened signed out never shows the kit's sign-in form.
   */
  get hostMode(): boolean {
    return this.host.identity === 'host' || this.#sawHost || this.user?.identity === 'host';
  }

  /** Points every element below at another server, or hands in a client (stories, tests). */
  setClient(client: ApiClient) {
    this.#handedIn = true;
    this.api.setValue(client);
    void this.refresh();
  }

  /** Like `setClient`, for a replacement `fetch` (stories, tests): the page still notices sessions that end. */
  setFetch(fetch: typeof globalThis.fetch) {
    this.setClient(this.#watchedClient(this.host.apiBase, fetch));
  }

  /** A client whose `401 unauthenticated` answers end the page's session, while it is the page's client. */
  #watchedClient(base: string, fetch?: typeof globalThis.fetch): ApiClient {
    const client: ApiClient = createApiClient(base, { fetch, onUnauthenticated: () => client === this.client && this.#sessionEnded() });
    return client;
  }

  hostConnected() {
    this.#ensureClient();
    void this.refresh();
  }

  /** Follows the host's `api-base`; a client handed in with `setClient` wins. */
  hostUpdate() {
    if (this.#ensureClient()) void this.refresh();
  }

  #ensureClient(): boolean {
    if (this.#handedIn || this.#base === this.host.apiBase) return false;
    this.#base = this.host.apiBase;
    this.api.setValue(this.#watchedClient(this.#base));
    return true;
  }

  async refresh(): Promise<void> {
    const afterSignIn = this.#justSignedIn;
    this.#justSignedIn = false;
    const client = this.client;
    try {
      const { user } = await read(client.me.$get());
      // Another client was handed in meanwhile (setClient, api-base): its own refresh decides.
      if (client !== this.client) return;
      this.#publish(user as SignedInUser);
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (client !== this.client) return;
      const status = (error as { status?: number }).status;
      this.status = status === 401 ? 'ready' : 'error';
      this.error = status === 401 ? null : error;
      if (status === 401 && afterSignIn) this.#signOut('cookie_refused');
      else if (status === 401 && this.user) this.#signOut('session_ended');
      else {
        this.#publish(null);
        if (status === 401) this.#tellHost('no_session');
      }
    }
    this.host.requestUpdate();
  }

  /** After a sign-in or sign-up: show the user at once, then confirm the session with `/me`. */
  signedIn(user: SignedInUser): Promise<void> {
    this.signedOutReason = null;
    this.#justSignedIn = true;
    this.setUser(user);
    return this.refresh();
  }

  /** Any call said the session is gone while the page showed a user: back to signed out, saying why. */
  #sessionEnded() {
    if (this.user && !this.#justSignedIn) this.#signOut('session_ended');
  }

  #signOut(reason: 'session_ended' | 'cookie_refused') {
    this.signedOutReason = reason;
    this.#publish(null);
    this.#tellHost(reason);
    this.host.requestUpdate();
  }

  /** `sk-unauthenticated`: a host with its own sign-in sends the user to its login from here. */
  #tellHost(reason: 'no_session' | 'session_ended' | 'cookie_refused') {
    this.host.dispatchEvent(new CustomEvent('sk-unauthenticated', { detail: { reason }, bubbles: true, composed: true }));
  }

  /** Sets the signed-in user without a round trip (after sign-in). */
  setUser(user: SignedInUser | null) {
    this.status = 'ready';
    if (!user) this.signedOutReason = null;
    this.#publish(user);
    this.host.requestUpdate();
  }

  #publish(user: SignedInUser | null) {
    if (user?.identity === 'host') this.#sawHost = true;
    this.state.setValue(this.#makeState(user));
    const locale = matchLocale((user as { language?: string } | null)?.language ?? globalThis.navigator?.language);
    if (locale !== getLocale()) void setLocale(locale).catch(() => {});
  }

  #makeState(user: SignedInUser | null): SettingsState {
    const stored = (user?.preferences ?? {}) as Partial<DisplayPreferences>;
    const profile = user as { timezone?: string; language?: string } | null;
    const preferences: DisplayPreferences = {
      ...defaultPreferences,
      ...stored,
      ...(profile?.timezone ? { timezone: profile.timezone } : {}),
      ...this.#overrides,
    };
    return {
      user,
      preferences,
      ...(this.host.appName ? { appName: this.host.appName } : {}),
      refresh: () => this.refresh(),
      setPreferences: (next) => {
        this.#overrides = { ...this.#overrides, ...next };
        this.#publish(this.state.value.user);
        this.host.requestUpdate();
      },
    };
  }
}
