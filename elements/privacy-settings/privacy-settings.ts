import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { confirmDialogTemplate, showConfirmDialog } from '../internal/confirm-dialog';
import { field } from '../internal/field';
import { inputControl } from '../internal/input-control';
import { hasNoPassword, missingPassword, passwordBody, passwordConfirmationField } from '../internal/password-confirmation';
import { ReauthenticateController } from '../internal/reauthenticate';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { toggleRowStyles } from '../notification-settings/notification-settings.styles';
import { privacySettingsStyles } from './privacy-settings.styles';

/** The word the server expects as `confirm` (POST /account/delete). */
const CONFIRM_WORD = 'DELETE';
/**
 * The dialogs show the server's password and confirmation errors at their fields. The reauthenticate
 * controller already asked "Confirm it's you": a `reauthentication_required` reaching here is a cancel.
 */
const DIALOG_OPTIONS = { fields: ['password', 'confirm'], announceReauthentication: false } as const;

/**
 * Seed 001 "Data & Privacy": the analytics toggle, "Download my data" (GDPR export, after the
 * password) and "Delete account" behind a dialog with the irreversible warning, a suggestion to
 * export first, the password and a typed confirmation word. The host can turn deletion off
 * (`allowAccountDeletion: false`); the button then does not show. A host user without a password
 * confirms it is them through the host instead ("Confirm it's you", internal/reauthenticate.ts).
 *
 * @fires sk-reauthenticate - A host user chose "Confirm it's you" before an export or deletion.
 * @fires sk-privacy-changed - `{ analytics }` after the toggle was saved.
 * @fires sk-data-exported - After the download of the export started.
 * @fires sk-account-deleted - After the account was deleted (every session has ended).
 * @csspart card - Each card.
 * @csspart delete-button - The button that opens the delete dialog.
 * @cssproperty --sk-danger - Colour of the delete actions.
 */
@localized()
@customElement('privacy-settings')
export class PrivacySettings extends SkElement {
  static override styles = [tokens, controls, toggleRowStyles, privacySettingsStyles];

  private readonly privacy = apiTask(this, (api) => read(api.privacy.$get()));
  /** The switch's position while (and after) saving; before the first change, what the server said. */
  @state() private analytics: boolean | null = null;
  @state() private saved = false;
  @state() private dialog: 'export' | 'delete' | null = null;
  @state() private exported = false;
  private readonly toggle = new ActionController(this);
  /** The export or delete request of the open dialog, with its password and confirmation errors. */
  private readonly dialogAction = new ActionController(this);
  private readonly reauth = new ReauthenticateController(this);

  /** A user signed in by the host has no password: the field goes, the server checks re-authentication. */
  private get noPassword() {
    return hasNoPassword(this.settings);
  }

  override render() {
    const accountDeletion = this.privacy.value?.accountDeletion ?? false;
    return html`<div class="stack-cards">
      <section class="card" part="card" aria-labelledby="pv-title" aria-busy=${taskLoading(this.privacy) ? 'true' : 'false'}>
        <h3 id="pv-title">${msg('Data & Privacy')}</h3>
        ${renderTask(this.privacy, {
          skeletons: 1,
          complete: (answer) => html`<ul>
                  <li>
                    <div class="text">
                      <label for="pv-analytics">${msg('Analytics')}</label>
                      <div class="hint" id="pv-analytics-hint">${msg('Share anonymous usage analytics to help improve the product.')}</div>
                    </div>
                    <input
                      type="checkbox"
                      role="switch"
                      id="pv-analytics"
                      aria-describedby="pv-analytics-hint"
                      .checked=${this.analytics ?? answer.analytics}
                      @change=${(e: Event) => this.setAnalytics((e.target as HTMLInputElement).checked)}
                    />
                  </li>
                  <li>
                    <div class="text">
                      <span class="label">${msg('GDPR data export')}</span>
                      <div class="hint">${msg('Download all your data as a JSON file: profile, contacts, sessions, login activity, devices and settings.')}</div>
                    </div>
                    <button @click=${() => this.open('export')}>${msg('Download my data')}</button>
                  </li>
                </ul>
                ${this.toggle.renderError()}
                <div class="status ${this.saved || this.exported ? 'saved' : ''}" role="status">
                  ${this.toggle.pending ? msg('Saving…') : this.exported ? msg('Your download has started.') : this.saved ? msg('Saved') : ''}
                </div>`,
        })}
      </section>
      ${accountDeletion
        ? html`<section class="card danger-zone" part="card" aria-labelledby="pv-delete-title">
            <h3 id="pv-delete-title">${msg('Delete account')}</h3>
            <p class="muted">${msg('Permanently delete your account and all data.')}</p>
            <button class="danger" part="delete-button" @click=${() => this.open('delete')}>${msg('Delete account…')}</button>
          </section>`
        : nothing}
      ${this.renderExportDialog()} ${this.renderDeleteDialog()} ${this.reauth.render()}
    </div>`;
  }

  private passwordField(id: string) {
    return passwordConfirmationField({ id, label: msg('Your password'), error: this.dialogAction.fieldErrors.password, noPassword: this.noPassword, onInput: this.checkDeleteReady });
  }

  private renderExportDialog() {
    return confirmDialogTemplate({
      id: 'export-dialog',
      title: msg('Download my data'),
      body: html`<p>${this.noPassword ? msg('Download a copy of everything we hold about you.') : msg('Enter your password to download a copy of everything we hold about you.')}</p>
        ${this.passwordField('export-password')}`,
      confirmLabel: this.dialogAction.pending ? msg('Preparing…') : msg('Download'),
      pending: this.dialogAction.pending,
      error: this.dialogAction.error,
      onConfirm: () => this.exportData(),
      onCancel: () => this.close(),
    });
  }

  private renderDeleteDialog() {
    const confirmError = this.dialogAction.fieldErrors.confirm;
    return confirmDialogTemplate({
      id: 'delete-dialog',
      title: msg('Delete your account?'),
      danger: true,
      body: html`<div class="alert warning" role="note">${msg('Account deletion is permanent and cannot be undone. Export your data first if you need to keep records.')}</div>
        <p><button type="button" class="link" @click=${() => this.open('export')}>${msg('Download my data first')}</button></p>
        ${this.passwordField('delete-password')}
        ${field({
          id: 'delete-confirm',
          label: msg('Type DELETE to confirm'),
          error: confirmError,
          control: inputControl({ name: 'confirm', autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, required: true, onInput: this.checkDeleteReady }),
        })}`,
      confirmLabel: this.dialogAction.pending ? msg('Deleting…') : msg('Delete my account'),
      pending: this.dialogAction.pending,
      // #13.14: not clickable before the password (when there is one) and the word are typed.
      disabled: !this.deleteReady,
      error: this.dialogAction.error,
      onConfirm: () => this.deleteAccount(),
      onCancel: () => this.close(),
    });
  }

  private dialogEl(name: 'export' | 'delete') {
    return this.renderRoot.querySelector<HTMLDialogElement>(`#${name}-dialog`);
  }

  /** Opens the export or delete dialog (the delete dialog's "export first" link swaps to export). */
  async open(name: 'export' | 'delete') {
    if (this.dialog && this.dialog !== name) this.dialogEl(this.dialog)?.close();
    this.dialog = name;
    this.dialogAction.reset();
    await this.updateComplete;
    this.dialogEl(name)!.querySelector('form')?.reset();
    this.checkDeleteReady();
    showConfirmDialog(this.renderRoot, `${name}-dialog`, 'input[name=password]');
  }

  private close() {
    if (this.dialog) this.dialogEl(this.dialog)?.close();
    this.dialog = null;
  }

  private async setAnalytics(on: boolean) {
    const before = this.analytics ?? this.privacy.value?.analytics ?? false;
    this.analytics = on;
    this.saved = false;
    this.exported = false;
    const answer = await this.toggle.run(() => read(this.api.privacy.$put({ json: { analytics: on } })));
    if (!answer) {
      this.analytics = before;
      return;
    }
    this.analytics = answer.analytics;
    this.saved = true;
    this.emit('sk-privacy-changed', { analytics: answer.analytics });
  }

  private value(name: string) {
    return this.dialogEl(this.dialog!)?.querySelector<HTMLInputElement>(`input[name=${name}]`)?.value ?? '';
  }

  /** The form's own complaints, shown at the fields like the server's (an empty object clears them). */
  private invalid(fields: Record<string, string>) {
    this.dialogAction.fieldErrors = fields;
    this.requestUpdate();
  }

  private async exportData() {
    const password = this.value('password');
    const missing = missingPassword(password, this.noPassword);
    this.invalid(missing ? { password: missing } : {});
    if (missing || this.dialogAction.pending) return;
    await this.dialogAction.run(async () => {
      const { ticket } = await this.reauth.run(() => read(this.api.account.export.$post({ json: passwordBody(password) })));
      const url = this.api.account.export.$url({ query: { ticket } }).toString();
      const link = document.createElement('a');
      link.href = url;
      link.download = '';
      link.rel = 'noopener';
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
      this.close();
      this.exported = true;
      this.saved = false;
      this.emit('sk-data-exported');
    }, DIALOG_OPTIONS);
  }

  /** The delete dialog's button opens once the password (if any) and DELETE are typed. */
  @state() private deleteReady = false;
  private checkDeleteReady = () => {
    this.deleteReady = this.value('confirm').trim() === CONFIRM_WORD && (this.noPassword || this.value('password') !== '');
  };

  private async deleteAccount() {
    const password = this.value('password');
    const confirm = this.value('confirm').trim();
    const fields: Record<string, string> = {};
    const missing = missingPassword(password, this.noPassword);
    if (missing) fields.password = missing;
    if (confirm !== CONFIRM_WORD) fields.confirm = msg('Type DELETE to confirm.');
    this.invalid(fields);
    if (Object.keys(fields).length || this.dialogAction.pending) return;
    await this.dialogAction.run(async () => {
      await this.reauth.run(() => read(this.api.account.delete.$post({ json: { ...passwordBody(password), confirm } })));
      this.close();
      this.emit('sk-account-deleted');
      await this.settings?.refresh();
    }, DIALOG_OPTIONS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'privacy-settings': PrivacySettings;
  }
}
