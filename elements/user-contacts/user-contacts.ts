import { localized, msg, str } from '@lit/localize';
import type { InferResponseType } from 'hono/client';
import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read, type ApiClient } from '../api/client';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { CountdownController } from '../internal/countdown-controller';
import { formatCountdown } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { formatPhone, loadPhoneNumbers, phoneParser } from '../internal/phone';
/** Re-exported so a page (or a test) can wait for number formatting before the first render. */
export { loadPhoneNumbers };
import { controls, tokens } from '../internal/theme';
import { userContactsStyles } from './user-contacts.styles';

/** One contact as GET /contacts returns it (the type comes from the server's route schema). */
export type Contact = InferResponseType<ApiClient['contacts']['$get'], 200>['contacts'][number];
export type ContactChannel = Contact['channel'];
export type ContactProvider = Contact['provider'];
export type ContactStatus = Contact['status'];

/** Display order of the groups. */
const CHANNELS: ContactChannel[] = ['call', 'sms', 'whatsapp', 'email'];
/** Which providers carry which channel (the server holds the same table). */
const CHANNEL_PROVIDERS: Record<ContactChannel, ContactProvider[]> = {
  sms: ['twilio', 'ringcentral'],
  call: ['twilio', 'ringcentral'],
  whatsapp: ['twilio'],
  email: ['mailgun'],
};

const channelName = (c: ContactChannel) => ({ sms: msg('SMS'), call: msg('Call'), whatsapp: msg('WhatsApp'), email: msg('Email') })[c];
const providerName = (p: ContactProvider) => ({ twilio: 'Twilio', ringcentral: 'RingCentral', mailgun: 'Mailgun' })[p];
const statusName = (s: ContactStatus) => ({ active: msg('Active'), pending: msg('Pending'), disabled: msg('Disabled') })[s];

/** What the RingCentral callback page posts to its opener. */
interface RegistrationMessage {
  type: 'sk-ringcentral-registered' | 'sk-ringcentral-failed';
  contactId: string;
  reason?: string;
}

interface Draft {
  mode: 'add' | 'edit';
  id?: string;
  channel: ContactChannel;
  provider: ContactProvider;
  value: string;
  status: ContactStatus;
  isDefault: boolean;
  /** The contact was verified before (editing): `active` stays possible while the value is unchanged. */
  verified: boolean;
  original?: Contact;
}

/** A contact as people read it: phone numbers grouped (`+1 415 555 2671`), emails as they are. */
export function shown(c: Pick<Contact, 'channel' | 'value'>): string {
  if (c.channel === 'email') return c.value;
  return formatPhone(c.value);
}

/** The problem with a contact value as typed, or null when it looks right (the server has the last word). */
export function valueProblem(channel: ContactChannel, value: string): string | null {
  const v = value.trim();
  if (!v) return channel === 'email' ? msg('Enter an email address.') : msg('Enter a phone number.');
  if (channel === 'email') return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v) ? null : msg('Enter an email address like name@example.com.');
  if (!v.startsWith('+')) return msg('Start with + and the country code, e.g. +1 415 555 2671.');
  if (/[^\d\s().+-]/.test(v)) return msg('Use digits only (spaces, dashes and brackets are fine).');
  const parse = phoneParser();
  if (!parse) return null;
  const parsed = parse(v);
  return parsed?.isValid() ? null : msg('This is not a complete phone number for its country yet.');
}

/**
 * Seed 000 "Manage User Contact Channels": the numbers and addresses a user communicates through,
 * grouped by channel (Call, SMS, WhatsApp, Email) with the default of each marked. Add and edit in a
 * dialog (provider options follow the channel; the value is checked as you type), verify with a
 * code, send a test, make default, delete. RingCentral numbers show **Register** until registered:
 * it opens RingCentral's OAuth in a popup and listens for the result, accepted only from the
 * callback's origin, from that popup, and in the expected shape.
 *
 * Sets `sk-dirty` while the add/edit dialog holds unsaved input.
 *
 * @fires sk-contacts-changed - `{ contacts }` after any contact was added, changed, verified, registered or removed.
 * @csspart card - The card around everything.
 * @csspart add-button - The "Add user contact" button.
 * @csspart group - Each channel's group.
 * @csspart row - Each contact's row.
 * @csspart dialog - The dialogs (add/edit, verify, delete).
 * @cssproperty --sk-accent - Accent colour (primary buttons, the default marker).
 */
@localized()
@customElement('user-contacts')
export class UserContacts extends SkElement {
  static override styles = [tokens, controls, userContactsStyles];

  @state() private contacts: Contact[] | null = null;
  @state() private ringcentral = { configured: false, sandbox: false };
  @state() private loadError: string | null = null;
  @state() private error: string | null = null;
  @state() private notice: string | null = null;
  @state() private busy: string | null = null;
  @state() private draft: Draft | null = null;
  @state() private touched = false;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private formError: string | null = null;
  @state() private saving = false;
  @state() private verifying: Contact | null = null;
  @state() private codeSent = false;
  @state() private verifyError: string | null = null;
  @state() private codeError = false;
  @state() private deleting: Contact | null = null;
  @state() private deleteError: string | null = null;

  @query('#contact-dialog') private contactDialog?: HTMLDialogElement;
  @query('#verify-dialog') private verifyDialog?: HTMLDialogElement;
  @query('#delete-dialog') private deleteDialog?: HTMLDialogElement;

  private readonly resend = new CountdownController(this);
  private popup: Window | null = null;
  private popupOrigin: string | null = null;
  private registeringId: string | null = null;
  private returnFocus: HTMLElement | null = null;

  protected override apiChanged() {
    void this.load();
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    void loadPhoneNumbers().then(
      () => this.requestUpdate(),
      () => {},
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    this.toggleAttribute('sk-dirty', this.isDirty);
  }

  /** True while the dialog holds input that was not applied. */
  get isDirty(): boolean {
    const d = this.draft;
    if (!d) return false;
    if (d.mode === 'add') return d.value.trim() !== '' || d.isDefault;
    const o = d.original!;
    return d.value !== o.value || d.provider !== o.provider || d.status !== o.status || d.isDefault !== o.isDefault;
  }

  /** Re-reads the contacts from the server. */
  async load() {
    this.loadError = null;
    try {
      const body = await read(this.api.contacts.$get());
      this.contacts = body.contacts;
      this.ringcentral = body.ringcentral;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  private changed() {
    this.emit('sk-contacts-changed', { contacts: this.contacts ?? [] });
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="uc-title" aria-busy=${this.contacts === null && !this.loadError ? 'true' : 'false'}>
        <div class="head">
          <div>
            <h3 id="uc-title">${msg('Contact channels')}</h3>
            <p class="muted">${msg('The numbers and addresses you use to call, text and email customers. Each channel has one default.')}</p>
          </div>
          <button class="primary" part="add-button" ?disabled=${this.contacts === null} @click=${(e: Event) => this.openAdd(e)}>${msg('+ Add user contact')}</button>
        </div>
        <ul class="help" aria-label=${msg('Rules')}>
          <li>${msg('Using the same number for Call and SMS? Add it twice, once for each channel.')}</li>
          <li>${msg('One default per channel: making a contact default replaces the previous default of that channel.')}</li>
          <li>${msg('You can mix providers, e.g. RingCentral for calls and Twilio for SMS.')}</li>
          <li>${msg('RingCentral numbers need a one-time Register step before calls and texts go out.')}</li>
        </ul>
        ${this.ringcentral.sandbox
          ? html`<div class="alert warning sandbox-note" role="note">
              <strong>${msg('RingCentral sandbox.')}</strong> ${msg('Registration on this server uses a local test service: no real RingCentral account is involved.')}
            </div>`
          : nothing}
        ${this.renderBody()}
        ${this.error ? html`<div class="alert error" role="alert" style="margin-top:12px">${this.error}</div>` : nothing}
        <div role="status" class=${this.notice ? 'alert success' : 'sr-only'} style=${this.notice ? 'margin-top:12px' : ''}>${this.notice ?? ''}</div>
      </section>
      ${this.renderContactDialog()} ${this.renderVerifyDialog()}
      ${confirmDialogTemplate({
        id: 'delete-dialog',
        title: this.deleting ? msg(str`Delete ${shown(this.deleting)}?`) : msg('Delete contact?'),
        body: this.deleting
          ? this.deleting.provider === 'ringcentral' && this.deleting.registered
            ? msg('It is removed from your contacts and its RingCentral registration is revoked.')
            : msg(str`It is removed from your ${channelName(this.deleting.channel)} contacts.`)
          : '',
        confirmLabel: msg('Delete'),
        danger: true,
        pending: this.busy !== null,
        error: this.deleteError,
        onConfirm: () => this.deleteContact(),
        onCancel: () => this.closeDialog(this.deleteDialog, () => (this.deleting = null)),
      })}`;
  }

  private renderBody() {
    if (this.loadError) {
      return html`<div class="alert error" role="alert" style="margin-top:12px">
        ${this.loadError} <button class="link" @click=${() => this.load()}>${msg('Try again')}</button>
      </div>`;
    }
    if (!this.contacts) {
      return html`<div role="status"><span class="sr-only">${msg('Loading contacts…')}</span>
        <div class="skeleton"></div>
        <div class="skeleton"></div>
      </div>`;
    }
    if (!this.contacts.length) {
      return html`<div class="empty">
        <p><strong>${msg('No contacts yet.')}</strong></p>
        <p>${msg('Add a phone number for calls or texts, a WhatsApp number, or an email address.')}</p>
      </div>`;
    }
    return CHANNELS.filter((c) => this.contacts!.some((x) => x.channel === c)).map((channel) => {
      const rows = this.contacts!.filter((x) => x.channel === channel);
      return html`<section class="group" part="group" data-channel=${channel} aria-labelledby="group-${channel}">
        <h4 id="group-${channel}">${channelName(channel)} <span class="badge">${rows.length}</span></h4>
        <ul class="rows">
          ${rows.map((c) => this.renderRow(c))}
        </ul>
      </section>`;
    });
  }

  private renderRow(c: Contact) {
    const busy = this.busy === c.id;
    const needsRegister = c.provider === 'ringcentral' && !c.registered;
    const label = (action: string) => `${action}: ${channelName(c.channel)} ${shown(c)}`;
    return html`<li part="row" data-id=${c.id} data-value=${c.value} class=${c.isDefault ? 'is-default' : ''}>
      <div class="who">
        <div class="value" title=${c.value}>${shown(c)}</div>
        <div class="meta">
          <span>${providerName(c.provider)}</span>
          ${c.isDefault ? html`<span class="badge accent" data-default>${msg('Default')}</span>` : nothing}
          <span class="badge ${c.status === 'active' ? 'success' : c.status === 'pending' ? 'warning' : ''}">${statusName(c.status)}</span>
          ${needsRegister ? html`<span class="badge warning">${msg('Not registered')}</span>` : nothing}
        </div>
      </div>
      <div class="actions">
        ${needsRegister
          ? html`<button class="primary" data-action="register" ?disabled=${busy || !this.ringcentral.configured} aria-label=${label(msg('Register with RingCentral'))} @click=${() => this.register(c)}>
              ${busy && this.registeringId === c.id ? msg('Registering…') : msg('Register')}
            </button>`
          : nothing}
        ${c.status === 'pending' && !needsRegister
          ? html`<button data-action="verify" ?disabled=${busy} aria-label=${label(msg('Verify'))} @click=${(e: Event) => this.openVerify(c, e)}>${msg('Verify')}</button>`
          : nothing}
        ${c.status === 'active' && !needsRegister
          ? html`<button data-action="test" ?disabled=${busy} aria-label=${label(msg('Send test'))} @click=${() => this.sendTest(c)}>${c.channel === 'call' ? msg('Test call') : msg('Send test')}</button>`
          : nothing}
        ${c.isDefault
          ? nothing
          : html`<button data-action="default" ?disabled=${busy} aria-label=${label(msg('Make default'))} @click=${() => this.makeDefault(c)}>${msg('Make default')}</button>`}
        <button data-action="edit" ?disabled=${busy} aria-label=${label(msg('Edit'))} @click=${(e: Event) => this.openEdit(c, e)}>${msg('Edit')}</button>
        <button class="danger" data-action="delete" ?disabled=${busy} aria-label=${label(msg('Delete'))} @click=${(e: Event) => this.askDelete(c, e)}>${msg('Delete')}</button>
      </div>
    </li>`;
  }

  /* ------------------------------------------------------------------ add / edit */

  private renderContactDialog() {
    const d = this.draft;
    const problem = d ? valueProblem(d.channel, d.value) : null;
    const shownValueError = this.fieldErrors.value ?? (d && this.touched ? problem : null);
    const valueDirty = d?.mode === 'edit' && d.original && d.value.trim() !== d.original.value;
    const canBeActive = Boolean(d?.verified && !valueDirty && d.provider === d.original?.provider);
    const phone = d?.channel !== 'email';
    return html`<dialog id="contact-dialog" part="dialog" aria-labelledby="contact-dialog-title" @cancel=${this.cancelDialog} @close=${this.onDialogClosed}>
      ${d
        ? html`<form novalidate @submit=${this.apply}>
            <h2 id="contact-dialog-title">${d.mode === 'add' ? msg('Add user contact') : msg('Edit contact')}</h2>
            ${this.formError ? html`<div class="alert error" role="alert">${this.formError}</div>` : nothing}
            <div class="grid">
              <div class="field">
                <label for="channel">${msg('Channel')}</label>
                ${d.mode === 'add'
                  ? html`<select id="channel" name="channel" .value=${d.channel} @change=${this.onChannel} aria-invalid=${this.fieldErrors.channel ? 'true' : 'false'}>
                      ${CHANNELS.map((c) => html`<option value=${c} ?selected=${c === d.channel}>${channelName(c)}</option>`)}
                    </select>`
                  : html`<div class="static" id="channel">${channelName(d.channel)}</div>`}
              </div>
              <div class="field">
                <label for="provider">${msg('Provider')}</label>
                <select
                  id="provider"
                  name="provider"
                  .value=${d.provider}
                  @change=${(e: Event) => this.patchDraft({ provider: (e.target as HTMLSelectElement).value as ContactProvider })}
                  aria-invalid=${this.fieldErrors.provider ? 'true' : 'false'}
                  aria-describedby=${this.fieldErrors.provider ? 'provider-error' : 'provider-hint'}
                >
                  ${CHANNEL_PROVIDERS[d.channel].map((p) => html`<option value=${p} ?selected=${p === d.provider}>${providerName(p)}</option>`)}
                </select>
                ${this.fieldErrors.provider
                  ? html`<div id="provider-error" class="field-error">${this.fieldErrors.provider}</div>`
                  : html`<div id="provider-hint" class="hint">${d.provider === 'ringcentral' ? msg('Needs a one-time Register step after saving.') : msg(str`Providers for ${channelName(d.channel)}: ${CHANNEL_PROVIDERS[d.channel].map(providerName).join(', ')}.`)}</div>`}
              </div>
            </div>
            <div class="field">
              <label for="value">${phone ? msg('Phone number') : msg('Email address')}</label>
              <input
                id="value"
                name="value"
                type=${phone ? 'tel' : 'email'}
                inputmode=${phone ? 'tel' : 'email'}
                autocomplete="off"
                spellcheck="false"
                placeholder=${phone ? '+1 415 555 2671' : 'name@example.com'}
                .value=${d.value}
                @input=${this.onValue}
                @blur=${() => (this.touched = true)}
                aria-invalid=${shownValueError ? 'true' : 'false'}
                aria-describedby=${shownValueError ? 'value-error value-hint' : 'value-hint'}
              />
              ${shownValueError ? html`<div id="value-error" class="field-error">${shownValueError}</div>` : nothing}
              <div id="value-hint" class="hint">
                ${phone
                  ? d.channel === 'call' || d.channel === 'sms'
                    ? msg('International format with the country code. For both Call and SMS on one number, add it once per channel.')
                    : msg('International format with the country code.')
                  : msg('A code is sent to this address to verify it.')}
              </div>
            </div>
            <div class="grid">
              <div class="field">
                <label for="status">${msg('Status')}</label>
                <select
                  id="status"
                  name="status"
                  .value=${d.status}
                  @change=${(e: Event) => this.patchDraft({ status: (e.target as HTMLSelectElement).value as ContactStatus })}
                  aria-invalid=${this.fieldErrors.status ? 'true' : 'false'}
                  aria-describedby=${this.fieldErrors.status ? 'status-error' : 'status-hint'}
                >
                  ${canBeActive ? html`<option value="active" ?selected=${d.status === 'active'}>${msg('Active')}</option>` : nothing}
                  <option value="pending" ?selected=${d.status === 'pending'}>${msg('Pending')}</option>
                  <option value="disabled" ?selected=${d.status === 'disabled'}>${msg('Disabled')}</option>
                </select>
                ${this.fieldErrors.status
                  ? html`<div id="status-error" class="field-error">${this.fieldErrors.status}</div>`
                  : html`<div id="status-hint" class="hint">${canBeActive ? msg('Disabled contacts are kept but not used.') : msg('A contact becomes Active once you verify it with a code.')}</div>`}
              </div>
              <div class="field">
                <span class="label align" aria-hidden="true">&nbsp;</span>
                <label class="check">
                  <input type="checkbox" name="isDefault" .checked=${d.isDefault} @change=${(e: Event) => this.patchDraft({ isDefault: (e.target as HTMLInputElement).checked })} aria-describedby="default-hint" />
                  <span>${msg('Is default')}</span>
                </label>
                <div id="default-hint" class="hint">${msg(str`Replaces the current default for ${channelName(d.channel)}.`)}</div>
              </div>
            </div>
            <div class="dialog-actions">
              <button type="button" @click=${this.cancelDialog}>${msg('Cancel')}</button>
              <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? msg('Saving…') : msg('Apply')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  /** A dialog closed by other means (a form method=dialog, the browser): drop the draft unless it reopened since. */
  private onDialogClosed = () => {
    if (!this.contactDialog?.open) this.draft = null;
  };

  private patchDraft(patch: Partial<Draft>) {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...patch };
    const cleared = { ...this.fieldErrors };
    for (const key of Object.keys(patch)) delete cleared[key];
    this.fieldErrors = cleared;
  }

  private onChannel = (e: Event) => {
    const channel = (e.target as HTMLSelectElement).value as ContactChannel;
    const d = this.draft!;
    const provider = CHANNEL_PROVIDERS[channel].includes(d.provider) ? d.provider : CHANNEL_PROVIDERS[channel][0]!;
    const kindChanged = (channel === 'email') !== (d.channel === 'email');
    this.patchDraft({ channel, provider, ...(kindChanged ? { value: '' } : {}) });
    if (kindChanged) this.touched = false;
  };

  private onValue = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    this.patchDraft({ value });
    // Judge as you type once the entry looks finished enough to judge (or after leaving the field once).
    if (!this.touched && (value.replace(/\D/g, '').length >= 8 || value.includes('@'))) this.touched = true;
  };

  private openAdd(e: Event) {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.startDraft({ mode: 'add', channel: 'sms', provider: 'twilio', value: '', status: 'pending', isDefault: false, verified: false });
  }

  private openEdit(c: Contact, e: Event) {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.startDraft({ mode: 'edit', id: c.id, channel: c.channel, provider: c.provider, value: c.value, status: c.status, isDefault: c.isDefault, verified: c.verifiedAt !== null, original: c });
  }

  private async startDraft(draft: Draft) {
    this.draft = draft;
    this.touched = false;
    this.fieldErrors = {};
    this.formError = null;
    await this.updateComplete;
    this.contactDialog?.showModal();
    this.renderRoot.querySelector<HTMLElement>(draft.mode === 'add' ? '#channel' : '#value')?.focus();
  }

  private cancelDialog = (e?: Event) => {
    e?.preventDefault();
    this.closeDialog(this.contactDialog, () => (this.draft = null));
  };

  private closeDialog(dialog: HTMLDialogElement | undefined, reset: () => void) {
    dialog?.close();
    reset();
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private apply = async (e: Event) => {
    e.preventDefault();
    const d = this.draft;
    if (!d || this.saving) return;
    this.touched = true;
    const problem = valueProblem(d.channel, d.value);
    if (problem) {
      this.fieldErrors = { value: problem };
      this.renderRoot.querySelector<HTMLInputElement>('#value')?.focus();
      return;
    }
    this.saving = true;
    this.formError = null;
    try {
      if (d.mode === 'add') {
        await read(this.api.contacts.$post({ json: { channel: d.channel, provider: d.provider, value: d.value, status: d.status === 'active' ? 'pending' : d.status, isDefault: d.isDefault } }));
        this.notice = msg(str`${channelName(d.channel)} contact added. Verify it to make it active.`);
      } else {
        const o = d.original!;
        const json: { provider?: ContactProvider; value?: string; status?: ContactStatus; isDefault?: boolean } = {};
        if (d.provider !== o.provider) json.provider = d.provider;
        if (d.value.trim() !== o.value) json.value = d.value;
        if (d.status !== o.status) json.status = d.status;
        if (d.isDefault !== o.isDefault) json.isDefault = d.isDefault;
        await read(this.api.contacts[':id'].$patch({ param: { id: o.id }, json }));
        this.notice = msg('Contact saved.');
      }
      this.error = null;
      this.closeDialog(this.contactDialog, () => (this.draft = null));
      await this.load();
      this.changed();
    } catch (error) {
      if (error instanceof ApiError && error.fields && Object.keys(error.fields).some((k) => ['value', 'provider', 'status', 'channel'].includes(k))) {
        this.fieldErrors = error.fields;
      } else {
        this.formError = errorMessage(error);
      }
    } finally {
      this.saving = false;
    }
  };

  /* ------------------------------------------------------------------ row actions */

  private async act(c: Contact, action: () => Promise<unknown>, done: string) {
    this.busy = c.id;
    this.error = null;
    this.notice = null;
    try {
      await action();
      this.notice = done;
      await this.load();
      this.changed();
    } catch (error) {
      this.error = errorMessage(error);
      if (error instanceof ApiError && error.code === 'ringcentral_not_registered') await this.load();
    } finally {
      this.busy = null;
    }
  }

  private makeDefault(c: Contact) {
    return this.act(c, () => read(this.api.contacts[':id'].$patch({ param: { id: c.id }, json: { isDefault: true } })), msg(str`${shown(c)} is now your default for ${channelName(c.channel)}.`));
  }

  private async sendTest(c: Contact) {
    this.busy = c.id;
    this.error = null;
    this.notice = null;
    try {
      await read(this.api.contacts[':id'].test.$post({ param: { id: c.id }, json: {} }));
      this.notice = c.channel === 'call' ? msg(str`Test call placed to ${shown(c)}.`) : msg(str`Test message sent to ${shown(c)}.`);
    } catch (error) {
      this.error = errorMessage(error);
      if (error instanceof ApiError && error.code === 'ringcentral_not_registered') await this.load();
    } finally {
      this.busy = null;
    }
  }

  private askDelete(c: Contact, e: Event) {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.deleting = c;
    this.deleteError = null;
    void this.updateComplete.then(() => this.deleteDialog?.showModal());
  }

  private async deleteContact() {
    const c = this.deleting;
    if (!c) return;
    this.busy = c.id;
    this.deleteError = null;
    try {
      await read(this.api.contacts[':id'].$delete({ param: { id: c.id } }));
      this.deleteDialog?.close();
      this.deleting = null;
      this.notice = msg(str`${shown(c)} was deleted.`);
      await this.load();
      this.changed();
      this.renderRoot.querySelector<HTMLElement>('[part=add-button]')?.focus();
      this.returnFocus = null;
    } catch (error) {
      this.deleteError = errorMessage(error);
    } finally {
      this.busy = null;
    }
  }

  /* ------------------------------------------------------------------ verification */

  private renderVerifyDialog() {
    const c = this.verifying;
    const where = c ? (c.channel === 'email' ? msg('by email') : c.channel === 'call' ? (c.provider === 'twilio' ? msg('by a phone call that reads it out') : msg('by text message')) : c.channel === 'whatsapp' ? msg('on WhatsApp') : msg('by text message')) : '';
    return html`<dialog id="verify-dialog" part="dialog" aria-labelledby="verify-title" @cancel=${(e: Event) => this.closeVerify(e)}>
      ${c
        ? html`<form novalidate @submit=${this.confirmCode}>
            <h2 id="verify-title">${msg(str`Verify ${shown(c)}`)}</h2>
            <p class="muted">${this.codeSent ? msg(str`We sent a 6-digit code ${where}. It expires in 10 minutes.`) : msg('Sending a code…')}</p>
            ${this.verifyError && !this.codeError ? html`<div class="alert error" role="alert">${this.verifyError}</div>` : nothing}
            <div class="field">
              <label for="code">${msg('Verification code')}</label>
              <input
                id="code"
                name="code"
                class="code-input"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength="6"
                pattern="[0-9]{6}"
                aria-invalid=${this.codeError ? 'true' : 'false'}
                aria-describedby=${this.codeError ? 'code-error' : nothing}
              />
              ${this.codeError ? html`<div id="code-error" class="field-error" role="alert">${this.verifyError}</div>` : nothing}
            </div>
            <div class="dialog-actions">
              <button type="button" class="link" ?disabled=${this.resend.running || this.busy !== null} @click=${() => this.sendCode(c)}>
                ${this.resend.running ? msg(str`Send a new code in ${formatCountdown(this.resend.remaining)}`) : msg('Send a new code')}
              </button>
              <span class="spacer" style="flex:1"></span>
              <button type="button" @click=${(e: Event) => this.closeVerify(e)}>${msg('Cancel')}</button>
              <button type="submit" class="primary" ?disabled=${this.busy !== null}>${msg('Verify')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  private async openVerify(c: Contact, e: Event) {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.verifying = c;
    this.verifyError = null;
    this.codeError = false;
    this.codeSent = false;
    await this.updateComplete;
    this.verifyDialog?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    await this.sendCode(c);
  }

  private async sendCode(c: Contact) {
    this.busy = c.id;
    this.verifyError = null;
    this.codeError = false;
    try {
      const sent = await read(this.api.contacts[':id'].verify.$post({ param: { id: c.id } }));
      this.codeSent = true;
      this.resend.start(sent.resendAfterSeconds);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        this.codeSent = true;
        this.resend.start(error.retryAfter ?? 30);
      } else this.verifyError = errorMessage(error);
    } finally {
      this.busy = null;
    }
  }

  private confirmCode = async (e: Event) => {
    e.preventDefault();
    const c = this.verifying;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
    if (!c || !input) return;
    const code = input.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.verifyError = msg('Enter the 6 digits of the code.');
      this.codeError = true;
      input.focus();
      return;
    }
    this.busy = c.id;
    try {
      await read(this.api.contacts[':id'].verify.confirm.$post({ param: { id: c.id }, json: { code } }));
      this.verifyDialog?.close();
      this.verifying = null;
      this.resend.stop();
      this.notice = msg(str`${shown(c)} is verified and active.`);
      await this.load();
      this.changed();
      this.returnFocus = null;
      this.renderRoot.querySelector<HTMLElement>(`li[data-id="${c.id}"] button`)?.focus();
    } catch (error) {
      this.verifyError = errorMessage(error);
      this.codeError = error instanceof ApiError && (error.code === 'invalid_code' || Boolean(error.fields?.code));
      input.select();
    } finally {
      this.busy = null;
    }
  };

  private closeVerify(e: Event) {
    e.preventDefault();
    this.resend.stop();
    this.closeDialog(this.verifyDialog, () => (this.verifying = null));
  }

  /* ------------------------------------------------------------------ RingCentral registration */

  private async register(c: Contact) {
    this.error = null;
    this.notice = null;
    // Open the popup within the click so blockers allow it; point it at RingCentral once the URL is known.
    const popup = window.open('about:blank', 'sk-ringcentral', 'popup,width=520,height=700');
    if (!popup) {
      this.error = msg('Your browser blocked the RingCentral window. Allow popups for this site and try again.');
      return;
    }
    this.busy = c.id;
    this.registeringId = c.id;
    try {
      const { authorizeUrl } = await read(this.api.contacts[':id'].ringcentral.register.$post({ param: { id: c.id } }));
      // The callback page lives at the redirect URI the server chose: only its origin may answer.
      const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri');
      this.popupOrigin = redirect ? new URL(redirect).origin : null;
      this.popup = popup;
      popup.location.href = authorizeUrl;
      this.watchPopup(popup);
    } catch (error) {
      popup.close();
      this.busy = null;
      this.registeringId = null;
      this.error = errorMessage(error);
    }
  }

  /** When the user closes the popup without finishing: stop waiting and re-read (the callback may have run). */
  private watchPopup(popup: Window) {
    const timer = setInterval(() => {
      if (this.popup !== popup) return clearInterval(timer);
      if (popup.closed) {
        clearInterval(timer);
        this.popup = null;
        this.registeringId = null;
        this.busy = null;
        void this.load();
      }
    }, 500);
  }

  private onMessage = async (event: MessageEvent) => {
    // SECURITY.md 25: only the callback's origin, only our popup, only the expected shape.
    if (!this.popup || event.source !== this.popup || !this.popupOrigin || event.origin !== this.popupOrigin) return;
    const data = event.data as Partial<RegistrationMessage> | null;
    if (!data || typeof data !== 'object' || data.contactId !== this.registeringId) return;
    if (data.type !== 'sk-ringcentral-registered' && data.type !== 'sk-ringcentral-failed') return;
    const contact = this.contacts?.find((c) => c.id === data.contactId);
    this.popup = null;
    this.popupOrigin = null;
    this.registeringId = null;
    this.busy = null;
    if (data.type === 'sk-ringcentral-registered') {
      this.notice = msg(str`${contact ? shown(contact) : ''} is registered with RingCentral.`);
      await this.load();
      this.changed();
    } else {
      this.error = msg('RingCentral registration did not complete. You can try again.');
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'user-contacts': UserContacts;
  }
}
