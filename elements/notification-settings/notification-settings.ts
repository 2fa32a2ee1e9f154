import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import { apiTask, renderTask } from '../internal/api-task';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { notificationSettingsStyles, toggleRowStyles } from './notification-settings.styles';

type Key = 'callAlerts' | 'campaignUpdates' | 'integrationAlerts' | 'billing' | 'productUpdates' | 'marketing';
export type NotificationSettingsValue = Record<Key, boolean>;

const rows = (): { key: Key; label: string; hint: string }[] => [
  { key: 'callAlerts', label: msg('Call alerts'), hint: msg('Get notified about new calls') },
  { key: 'campaignUpdates', label: msg('Campaign updates'), hint: msg('Progress updates on running campaigns') },
  { key: 'integrationAlerts', label: msg('Integration alerts'), hint: msg('Sync failures and connection issues') },
  { key: 'billing', label: msg('Billing notifications'), hint: msg('Payment confirmations and usage warnings') },
  { key: 'productUpdates', label: msg('Product updates'), hint: msg('New features and improvements') },
  { key: 'marketing', label: msg('Marketing emails'), hint: msg('Tips, best practices, and offers') },
];

/**
 * The email notification toggles of seed 001. Each switch saves at once; security emails
 * (sign-in alerts, password and two-factor changes) are always sent and shown as such.
 *
 * @fires sk-notifications-changed - `{ settings }` after a change was saved.
 * @csspart card - The card.
 * @csspart switch - Each toggle.
 * @cssproperty --sk-accent - Colour of a switch that is on.
 */
@localized()
@customElement('notification-settings')
export class NotificationSettings extends SkElement {
  static override styles = [tokens, controls, toggleRowStyles, notificationSettingsStyles];

  @state() private settings_: NotificationSettingsValue | null = null;
  @state() private saveError: string | null = null;
  @state() private saving: Key | null = null;
  @state() private saved = false;

  /** The saved toggles; `settings_` then follows each switch at once, ahead of the server's answer. */
  private readonly load = apiTask(this, async (api) => (this.settings_ = await read(api.notifications.$get())));

  override render() {
    return html`<section class="card" part="card" aria-labelledby="nt-title">
      <h3 id="nt-title">${msg('Email notifications')}</h3>
      <p class="muted">${msg('Choose which emails you receive.')}</p>
      ${renderTask(this.load, { skeletons: 6, complete: () => this.renderRows(this.settings_!) })}
    </section>`;
  }

  private renderRows(values: NotificationSettingsValue) {
    return html`<ul>
        ${rows().map(
          (row) => html`<li>
            <div class="text">
              <label for="nt-${row.key}">${row.label}</label>
              <div class="hint" id="nt-${row.key}-hint">${row.hint}</div>
            </div>
            <input
              type="checkbox"
              role="switch"
              part="switch"
              id="nt-${row.key}"
              name=${row.key}
              aria-describedby="nt-${row.key}-hint"
              .checked=${values[row.key]}
              @change=${(e: Event) => this.toggle(row.key, (e.target as HTMLInputElement).checked)}
            />
          </li>`,
        )}
        <li>
          <div class="text">
            <label for="nt-security">${msg('Security emails')}</label>
            <div class="hint" id="nt-security-hint">${msg('New sign-ins, password changes and two-factor changes. Always sent, to keep your account safe.')}</div>
          </div>
          <span class="badge accent always">${msg('Always on')}</span>
          <input type="checkbox" role="switch" id="nt-security" checked disabled aria-describedby="nt-security-hint" />
        </li>
      </ul>
      ${this.saveError ? html`<div class="alert error" role="alert">${this.saveError}</div>` : nothing}
      <div class="status ${this.saved ? 'saved' : ''}" role="status">${this.saving ? msg('Saving…') : this.saved ? msg('Saved') : ''}</div>`;
  }

  private async toggle(key: Key, on: boolean) {
    const before = this.settings_!;
    const next = { ...before, [key]: on };
    this.settings_ = next;
    this.saving = key;
    this.saved = false;
    this.saveError = null;
    try {
      this.settings_ = await read(this.api.notifications.$put({ json: next }));
      this.saved = true;
      this.emit('sk-notifications-changed', { settings: this.settings_ });
    } catch (error) {
      this.settings_ = before;
      this.saveError = errorMessage(error);
    } finally {
      this.saving = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notification-settings': NotificationSettings;
  }
}
