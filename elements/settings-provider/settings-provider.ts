import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import type { ApiClient } from '../api/client';
import { SettingsRootController } from '../internal/settings-root';

/**
 * Wrap any settings-kit elements in one provider to point them all at a server once and to share
 * the signed-in user and display preferences (theme, compact, date and time format) between them.
 *
 * ```html
 * <settings-provider api-base="https://crm.example.com/api">
 *   <two-factor-setup></two-factor-setup>
 *   <login-sessions></login-sessions>
 * </settings-provider>
 * ```
 *
 * @slot - Any settings-kit elements.
 */
@customElement('settings-provider')
export class SettingsProvider extends LitElement {
  /** Base URL of the settings API; same origin "/api" by default. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  readonly root = new SettingsRootController(this);

  /** Hand in a client directly (stories, tests, a host with custom fetch); wins over `api-base`. */
  set client(client: ApiClient) {
    this.root.setClient(client);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-provider': SettingsProvider;
  }
}
