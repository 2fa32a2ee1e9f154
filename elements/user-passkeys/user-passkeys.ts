import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { formatDateTime, relativeTime } from '../internal/format';
import { ReauthenticateController } from '../internal/reauthenticate';
import { SkElement } from '../internal/sk-element';
import { rowListStyles } from '../internal/row-list.styles';
import { controls, tokens } from '../internal/theme';
import { userPasskeysStyles } from './user-passkeys.styles';
import { createPasskey, passkeysSupported, passkeyCancelled } from './webauthn';

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  synced: boolean;
}

/** A name the user recognises later: the browser and system it was made on. */
function suggestedName(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : msg('this browser');
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? msg(str`${browser} on ${os}`) : browser;
}

/**
 * The Security tab's Passkeys card: sign in with the device's screen lock instead of a password.
 * Add (after the password), rename and remove, each said to screen readers; explains itself when
 * empty and says so when the browser cannot use passkeys.
 *
 * @fires sk-passkey-added - `{ passkey }` after a passkey was registered.
 * @fires sk-passkey-removed - `{ id }` after a passkey was removed.
 * @fires sk-reauthenticate - A host user (no password) chose "Confirm it's you" before adding a passkey.
 * @csspart card - The card.
 * @csspart passkey - Each passkey row.
 * @csspart dialog - The confirmation dialog.
 */
@localized()
@customElement('user-passkeys')
export class UserPasskeys extends SkElement {
  static override styles = [tokens, controls, rowListStyles, userPasskeysStyles];

  private readonly passkeys = apiTask(this, async (api) => (await read(api.security.passkeys.$get())).passkeys);
  /** Rename and remove: one request at a time, its error shown in the dialog. */
  private readonly change = new ActionController(this);
  @state() private adding = false;
  @state() private pending = false;
  @state() private formError: { message: string; field?: string } | null = null;
  @state() private renaming: string | null = null;
  @state() private removing: Passkey | null = null;
  /** A host user confirms it is them through the host instead of a password (internal/reauthenticate.ts). */
  private readonly reauth = new ReauthenticateController(this);
  @state() private notice: string | null = null;

  /** Re-reads the list. */
  async load() {
    await this.passkeys.run();
  }

  override render() {
    const ready = this.passkeys.value;
    return html`<section class="card" part="card" aria-labelledby="pk-title">
        <div class="row head">
          <h3 id="pk-title" tabindex="-1">${msg('Passkeys')}</h3>
          <span class="spacer"></span>
          ${ready && !this.adding && passkeysSupported()
            ? html`<button type="button" class="primary" @click=${this.startAdding}>${msg('Add a passkey')}</button>`
            : nothing}
        </div>
        <p class="muted">${msg('Sign in with your fingerprint, face or screen lock instead of your password. A passkey stays on your device and cannot be phished.')}</p>
        ${passkeysSupported() ? nothing : html`<div class="alert warning" role="status">${msg('This browser cannot use passkeys. Try a current version of Chrome, Edge, Firefox or Safari.')}</div>`}
        ${this.adding ? this.renderAddForm() : nothing}
        ${renderTask(this.passkeys, {
          isEmpty: (passkeys) => passkeys.length === 0,
          empty: () => html`<p class="empty muted">${msg('No passkeys yet.')}</p>`,
          complete: (passkeys) => this.renderList(passkeys),
        })}
        <div class="sr-only" role="status" aria-live="polite">${this.notice ?? ''}</div>
      </section>
      ${this.renderDialog()} ${this.reauth.render()}`;
  }

  private renderList(passkeys: Passkey[]) {
    const now = Date.now();
    return html`<ul class="list" aria-labelledby="pk-title">
      ${passkeys.map((passkey) =>
        this.renaming === passkey.id
          ? html`<li part="passkey">${this.renderRename(passkey)}</li>`
          : html`<li part="passkey">
              <div class="what">
                <span class="name">${passkey.name}${passkey.synced ? html` <span class="badge">${msg('Synced')}</span>` : nothing}</span>
                <span class="muted small">
                  ${msg('Added')} <time datetime=${passkey.createdAt}>${formatDateTime(passkey.createdAt, this.preferences, false)}</time> ·
                  ${passkey.lastUsedAt
                    ? html`${msg('Last used')} <time datetime=${passkey.lastUsedAt} title=${formatDateTime(passkey.lastUsedAt, this.preferences)}>${relativeTime(passkey.lastUsedAt, now, this.preferences.locale)}</time>`
                    : msg('Never used')}
                </span>
              </div>
              <div class="actions">
                <button type="button" aria-label=${msg(str`Rename ${passkey.name}`)} @click=${() => (this.renaming = passkey.id)}>${msg('Rename')}</button>
                <button type="button" class="danger" aria-label=${msg(str`Remove ${passkey.name}`)} @click=${() => this.confirmRemove(passkey)}>${msg('Remove')}</button>
              </div>
            </li>`,
      )}
    </ul>`;
  }

  private renderAddForm() {
    const error = this.formError;
    const fieldError = (name: string) => (error?.field === name ? html`<span class="field-error" id="pk-${name}-error">${error.message}</span>` : nothing);
    return html`<form class="add stack" @submit=${this.add} aria-labelledby="pk-add-title">
      <h4 id="pk-add-title">${msg('Add a passkey')}</h4>
      <label
        >${msg('Name')}
        <input name="name" required maxlength="64" .value=${suggestedName()} aria-invalid=${error?.field === 'name' ? 'true' : 'false'} aria-describedby="pk-name-error" />
        ${fieldError('name')}
      </label>
      ${this.settings?.user?.hasPassword === false
        ? nothing
        : html`<label
            >${msg('Current password')}
            <input name="password" type="password" required autocomplete="current-password" aria-invalid=${error?.field === 'password' ? 'true' : 'false'} aria-describedby="pk-password-error" />
            ${fieldError('password')}
          </label>`}
      ${error && !error.field ? html`<div class="alert error" role="alert">${error.message}</div>` : nothing}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending}>${this.pending ? msg('Waiting for your device…') : msg('Continue')}</button>
        <button type="button" @click=${() => ((this.adding = false), (this.formError = null))}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private renderRename(passkey: Passkey) {
    return html`<form class="row" style="flex:1" @submit=${(e: SubmitEvent) => this.rename(e, passkey)}>
      <label class="sr-only" for="pk-rename">${msg('New name')}</label>
      <input id="pk-rename" name="name" required maxlength="64" .value=${passkey.name} style="flex:1" />
      <button type="submit" class="primary" ?disabled=${this.change.pending}>${msg('Save')}</button>
      <button type="button" @click=${() => (this.renaming = null)}>${msg('Cancel')}</button>
    </form>`;
  }

  private startAdding = () => {
    this.adding = true;
    this.formError = null;
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLInputElement>('input[name=password]') ?? this.renderRoot.querySelector<HTMLInputElement>('input[name=name]'))?.focus());
  };

  private add = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.pending = true;
    this.formError = null;
    try {
      const options = await this.reauth.run(() => read(this.api.security.passkeys.options.$post({ json: password ? { password } : {} })));
      const response = await createPasskey(options);
      const { passkey } = await read(this.api.security.passkeys.$post({ json: { name, response: response as never } }));
      this.adding = false;
      this.notice = msg(str`The passkey "${passkey.name}" was added. You can sign in with it from now on.`);
      this.emit('sk-passkey-added', { passkey });
      await this.load();
    } catch (error) {
      if (passkeyCancelled(error)) this.formError = { message: msg('No passkey was added: the request was cancelled or timed out.') };
      else {
        const field = (error as { fields?: Record<string, string> }).fields;
        const key = field ? Object.keys(field)[0] : undefined;
        this.formError = { message: errorMessage(error), field: key === 'password' || key === 'name' ? key : undefined };
      }
    } finally {
      this.pending = false;
    }
  };

  private async rename(event: SubmitEvent, passkey: Passkey) {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    await this.change.run(() => read(this.api.security.passkeys[':id'].$patch({ param: { id: passkey.id }, json: { name } })), {
      done: async () => {
        this.renaming = null;
        this.notice = msg(str`The passkey is now called "${name}".`);
        await this.load();
      },
    });
    // A refused name is said where the outcome is always said.
    if (this.change.error) this.notice = this.change.error;
  }

  private confirmRemove(passkey: Passkey) {
    this.removing = passkey;
    this.change.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('#pk-remove')?.showModal());
  }

  private closeDialog = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('#pk-remove')?.close();
    this.removing = null;
  };

  private renderDialog() {
    return confirmDialogTemplate({
      id: 'pk-remove',
      title: msg('Remove this passkey?'),
      body: this.removing ? msg(str`"${this.removing.name}" will no longer sign you in. You can add it again later.`) : '',
      confirmLabel: msg('Remove'),
      danger: true,
      pending: this.change.pending,
      error: this.change.error,
      onCancel: this.closeDialog,
      onConfirm: () => void this.removePasskey(),
    });
  }

  private async removePasskey() {
    const passkey = this.removing;
    if (!passkey) return;
    await this.change.run(() => read(this.api.security.passkeys[':id'].$delete({ param: { id: passkey.id } })), {
      done: async () => {
        this.closeDialog();
        this.notice = msg(str`The passkey "${passkey.name}" was removed.`);
        this.emit('sk-passkey-removed', { id: passkey.id });
        await this.load();
        this.renderRoot.querySelector<HTMLElement>('#pk-title')?.focus();
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'user-passkeys': UserPasskeys;
  }
}
