import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import { apiTask, renderTask } from '../internal/api-task';
import { defaultPreferences, type DisplayPreferences, type Theme } from '../internal/context';
import { DATE_FORMATS, formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { accountPreferencesStyles } from './account-preferences.styles';

type Stored = Pick<DisplayPreferences, 'theme' | 'compact' | 'dateFormat' | 'timeFormat'>;

/**
 * Seed 001 "Preferences": theme (light, dark, system), compact mode, date format and 12/24-hour
 * clock, with a live preview. A change applies at once to every settings-kit element on the page
 * (through the shared settings context) and is saved to the account, so it follows the user.
 *
 * @fires sk-preferences-changed - `{ preferences }` after a change was saved.
 * @csspart card - The card.
 * @csspart preview - The date and time preview.
 * @cssproperty --sk-accent - Colour of the selected choices.
 */
@localized()
@customElement('account-preferences')
export class AccountPreferences extends SkElement {
  static override styles = [tokens, controls, accountPreferencesStyles];

  /** The moment the preview shows; by default now. */
  @property({ attribute: false }) previewDate?: Date;

  @state() private stored: Stored | null = null;
  @state() private saveError: string | null = null;
  @state() private saving = false;
  @state() private saved = false;

  /** Without a provider, the element still shows its own choice. */
  protected override get preferences(): DisplayPreferences {
    const shared = this.settings?.preferences ?? defaultPreferences;
    return this.settings ? shared : { ...shared, ...(this.stored ?? {}) };
  }

  /** The saved choice; `stored` then follows each change at once, ahead of the server's answer. */
  private readonly load = apiTask(this, async (api) => (this.stored = await read(api.preferences.$get())));

  override render() {
    return html`<section class="card" part="card" aria-labelledby="pf-title">
      <h3 id="pf-title">${msg('Display')}</h3>
      ${renderTask(this.load, { skeletons: 4, complete: () => this.renderForm(this.stored!) })}
    </section>`;
  }

  private renderForm(p: Stored) {
    const themes: [Theme, string][] = [
      ['light', msg('Light')],
      ['dark', msg('Dark')],
      ['system', msg('System')],
    ];
    const sample = this.previewDate ?? new Date();
    const prefs = { ...this.preferences, ...p };
    return html`<form @submit=${(e: Event) => e.preventDefault()}>
        <fieldset>
          <legend>${msg('Theme')}</legend>
          <div class="choices">
            ${themes.map(
              ([value, label]) => html`<label class="choice"
                ><input type="radio" name="theme" value=${value} .checked=${p.theme === value} @change=${() => this.change({ theme: value })} />${label}</label
              >`,
            )}
          </div>
          <div class="hint">${msg('System follows the light or dark setting of your device.')}</div>
        </fieldset>
        <div>
          <label class="inline"
            ><input type="checkbox" name="compact" .checked=${p.compact} aria-describedby="pf-compact-hint" @change=${(e: Event) => this.change({ compact: (e.target as HTMLInputElement).checked })} />${msg(
              'Compact mode',
            )}</label
          >
          <div class="hint" id="pf-compact-hint">${msg('Reduce spacing for a denser layout.')}</div>
        </div>
        <div class="field">
          <label for="pf-date">${msg('Date format')}</label>
          <select id="pf-date" name="dateFormat" @change=${(e: Event) => this.change({ dateFormat: (e.target as HTMLSelectElement).value })}>
            ${Object.keys(DATE_FORMATS).map(
              (name) => html`<option value=${name} ?selected=${p.dateFormat === name}>${formatDateTime(sample, { ...prefs, dateFormat: name }, false)}</option>`,
            )}
          </select>
        </div>
        <fieldset>
          <legend>${msg('Time format')}</legend>
          <div class="choices">
            ${(
              [
                ['12h', msg('12-hour')],
                ['24h', msg('24-hour')],
              ] as const
            ).map(
              ([value, label]) => html`<label class="choice"
                ><input type="radio" name="timeFormat" value=${value} .checked=${p.timeFormat === value} @change=${() => this.change({ timeFormat: value })} />${label}</label
              >`,
            )}
          </div>
        </fieldset>
        <div class="preview" part="preview">${msg('Preview:')} <output aria-live="polite">${formatDateTime(sample, prefs)}</output></div>
      </form>
      ${this.saveError ? html`<div class="alert error" role="alert">${this.saveError}</div>` : nothing}
      <div class="status ${this.saved ? 'saved' : ''}" role="status">${this.saving ? msg('Saving…') : this.saved ? msg('Saved') : ''}</div>`;
  }

  /** Applies a change live to every element, then saves it; reverts both if saving fails. */
  private async change(patch: Partial<Stored>) {
    const before = this.stored!;
    const next: Stored = { ...before, ...patch };
    this.stored = next;
    this.settings?.setPreferences(patch);
    this.saving = true;
    this.saved = false;
    this.saveError = null;
    try {
      this.stored = (await read(this.api.preferences.$put({ json: next as never }))) as Stored;
      this.saved = true;
      this.emit('sk-preferences-changed', { preferences: this.stored });
    } catch (error) {
      this.stored = before;
      this.settings?.setPreferences(before);
      this.saveError = errorMessage(error);
    } finally {
      this.saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-preferences': AccountPreferences;
  }
}
