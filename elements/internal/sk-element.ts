import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createApiClient, type ApiClient } from '../api/client';
import { emit, type EmitArgs, type SkEventName } from './events';
import { apiContext, defaultPreferences, settingsContext, type DisplayPreferences, type SettingsState, type Theme } from './context';

let fallbackClient: ApiClient | undefined;
/** Where elements without a provider send requests: `<meta name="settings-kit-api" content="…">`, else "/api". */
export function defaultApiClient(): ApiClient {
  if (!fallbackClient) {
    const meta = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="settings-kit-api"]');
    fallbackClient = createApiClient(meta?.content || '/api');
  }
  return fallbackClient;
}

/**
 * Base of every settings-kit element: the API client and the shared state from context, the
 * theme and compact attributes reflected for the tokens, and typed event dispatch.
 */
export class SkElement extends LitElement {
  @consume({ context: apiContext, subscribe: true })
  @state()
  protected contextApi?: ApiClient;

  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected settings?: SettingsState;

  /** Theme for this element alone; by default the user's preference from the shared state. */
  @property({ reflect: true }) theme?: Theme;

  /** The API client in use: the provider's, else the page default. Public for `apiTask()` and controllers. */
  get api(): ApiClient {
    return this.contextApi ?? defaultApiClient();
  }

  #loadedFor?: ApiClient;
  /**
   * Fetches what the element shows. Called before the first render once the API client is known,
   * and again whenever it changes (a provider's context can arrive after connection).
   */
  protected apiChanged?(): void;

  protected get preferences(): DisplayPreferences {
    return this.settings?.preferences ?? defaultPreferences;
  }

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    if (this.apiChanged && this.api !== this.#loadedFor) {
      this.#loadedFor = this.api;
      this.apiChanged();
    }
    const theme = this.theme ?? this.preferences.theme;
    const dark = theme === 'dark' || (theme === 'system' && globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches);
    this.setAttribute('sk-theme', dark ? 'dark' : 'light');
    this.toggleAttribute('sk-compact', this.preferences.compact);
  }

  /** Dispatches a typed `sk-*` event (see events.ts) that bubbles out of shadow roots. */
  protected emit<K extends SkEventName>(...args: EmitArgs<K>): boolean {
    return emit(this, ...(args as [K, never]));
  }
}
