import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import type { Contact } from '../api/types';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { PopupFlowController } from '../internal/popup-flow';
import type { SkDialog } from '../internal/sk-dialog';
import '../internal/sk-dialog';
import '../internal/sk-menu';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { VerifyCodeController } from '../internal/verify-code';
import type { SkContactDialog } from './contact-dialog';
import './contact-dialog';
import { CHANNELS, channelName, deliveryWay, loadPhoneNumbers, providerName, shown, statusName } from './contact-format';
import { userContactsStyles } from './user-contacts.styles';

export type { Contact, ContactChannel, ContactProvider, ContactStatus } from '../api/types';
export { loadPhoneNumbers, shown, valueProblem } from './contact-format';

/** What the RingCentral callback page posts to its opener. */
interface RegistrationMessage {
  type: 'sk-ringcentral-registered' | 'sk-ringcentral-failed';
  contactId: string;
  reason?: string;
}

/**
 * Seed 000 "Manage User Contact Channels": the numbers and addresses a user communicates through,
 * grouped by channel (Call, SMS, WhatsApp, Email) with the default of each marked. Each row shows one
 * contextual action (Verify or Register, when due) and a "⋯" menu with Edit, Set as default, Test and
 * Delete. Add and edit in a dialog (`<sk-contact-dialog>`), verify with a code. RingCentral
 * numbers show **Register** until registered: it opens RingCentral's OAuth in a popup and listens
 * for the result, accepted only from the callback's origin, from that popup, and in the expected
 * shape. Success and error messages show right under the card's heading, beside the actions.
 *
 * Sets `sk-dirty` while the add/edit dialog holds unsaved input.
 *
 * @fires sk-contacts-changed - `{ contacts }` after any contact was added, changed, verified, registered or removed.
 * @csspart card - The card around everything.
 * @csspart add-button - The "Add user contact" button.
 * @csspart group - Each channel's group.
 * @csspart row - Each contact's row.
 * @csspart menu - Each row's "⋯" menu of actions (Edit, Set as default, Test, Delete).
 * @csspart dialog - The dialogs (add/edit, verify, delete).
 * @cssproperty --sk-accent - Accent colour (primary buttons, the default marker).
 */
@localized()
@customElement('user-contacts')
export class UserContacts extends SkElement {
  static override styles = [tokens, controls, userContactsStyles];

  @state() private verifying: Contact | null = null;
  @state() private deleting: Contact | null = null;
  @state() private dirty = false;

  @query('sk-contact-dialog') private contactDialog?: SkContactDialog;
  @query('#verify-dialog') private verifyDialog?: SkDialog;
  @query('#delete-dialog') private deleteDialog?: SkDialog;

  private readonly data = apiTask(this, (api) => read(api.contacts.$get()));
  /** Row actions (test, make default, register) and their one feedback line. */
  private readonly action = new ActionController(this);
  private readonly removal = new ActionController(this);
  private readonly verify = new VerifyCodeController(this, {
    send: async () => (await read(this.api.contacts[':id'].verify.$post({ param: { id: this.verifying!.id } }))).resendAfterSeconds,
    confirm: async (code) => void (await read(this.api.contacts[':id'].verify.confirm.$post({ param: { id: this.verifying!.id }, json: { code } }))),
  });
  private readonly registration = new PopupFlowController<RegistrationMessage>(this, {
    name: 'sk-ringcentral',
    features: 'popup,width=520,height=700',
    accept: (data, key): data is RegistrationMessage => {
      const m = data as Partial<RegistrationMessage> | null;
      return !!m && typeof m === 'object' && m.contactId === key && (m.type === 'sk-ringcentral-registered' || m.type === 'sk-ringcentral-failed');
    },
    onMessage: (m) => void this.registered(m),
    // Closed without an answer: re-read (the callback may have run before the window closed).
    onClosed: () => void this.refresh(false),
  });

  private get contacts(): Contact[] | undefined {
    return this.data.value?.contacts;
  }

  override connectedCallback() {
    super.connectedCallback();
    void loadPhoneNumbers().then(
      () => this.requestUpdate(),
      () => {},
    );
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    this.toggleAttribute('sk-dirty', this.dirty);
  }

  /** True while the add/edit dialog holds input that was not applied. */
  get isDirty(): boolean {
    return this.contactDialog?.isDirty ?? false;
  }

  /** Re-reads the contacts from the server. */
  async load() {
    await this.data.run();
  }

  /** Re-reads, then tells the page the contacts changed (unless only re-reading). */
  private async refresh(changed = true) {
    await this.data.run();
    if (changed) this.emit('sk-contacts-changed', { contacts: this.contacts ?? [] });
  }

  override render() {
    const ringcentral = this.data.value?.ringcentral ?? { configured: false, sandbox: false };
    return html`<section class="card" part="card" aria-labelledby="uc-title" aria-busy=${taskLoading(this.data) ? 'true' : 'false'}>
        <div class="head">
          <div>
            <h3 id="uc-title">${msg('Contact channels')}</h3>
            <p class="muted">${msg('The numbers and addresses you use to call, text and email customers. Each channel has one default.')}</p>
          </div>
          <button class="primary" part="add-button" ?disabled=${!this.contacts} @click=${(e: Event) => this.contactDialog?.openAdd(e.currentTarget as HTMLElement)}>${msg('+ Add user contact')}</button>
        </div>
        ${this.action.renderError()} ${this.action.renderNotice()}
        <ul class="help" aria-label=${msg('Rules')}>
          <li>${msg('Using the same number for Call and SMS? Add it twice, once for each channel.')}</li>
          <li>${msg('One default per channel: making a contact default replaces the previous default of that channel.')}</li>
          <li>${msg('You can mix providers, e.g. RingCentral for calls and Twilio for SMS.')}</li>
          <li>${msg('RingCentral numbers need a one-time Register step before calls and texts go out.')}</li>
        </ul>
        ${ringcentral.sandbox
          ? html`<div class="alert warning sandbox-note" role="note">
              <strong>${msg('RingCentral sandbox.')}</strong> ${msg('Registration on this server uses a local test service: no real RingCentral account is involved.')}
            </div>`
          : nothing}
        ${renderTask(this.data, {
          loadingLabel: msg('Loading contacts…'),
          isEmpty: (v) => !v.contacts.length,
          empty: () => html`<div class="empty">
            <p><strong>${msg('No contacts yet.')}</strong></p>
            <p>${msg('Add a phone number for calls or texts, a WhatsApp number, or an email address.')}</p>
          </div>`,
          complete: (v) => this.renderGroups(v.contacts, ringcentral.configured),
        })}
      </section>
      <sk-contact-dialog
        @sk-draft-changed=${(e: CustomEvent<{ dirty: boolean }>) => {
          e.stopPropagation();
          this.dirty = e.detail.dirty;
        }}
        @sk-contact-saved=${(e: CustomEvent<{ notice: string }>) => {
          e.stopPropagation();
          this.action.reset();
          this.action.notice = e.detail.notice;
          void this.refresh();
        }}
      ></sk-contact-dialog>
      ${this.renderVerifyDialog()} ${this.renderDeleteDialog()}`;
  }

  private renderGroups(contacts: Contact[], ringcentralConfigured: boolean) {
    return CHANNELS.filter((c) => contacts.some((x) => x.channel === c)).map((channel) => {
      const rows = contacts.filter((x) => x.channel === channel);
      return html`<section class="group" part="group" data-channel=${channel} aria-labelledby="group-${channel}">
        <h4 id="group-${channel}">${channelName(channel)} <span class="badge">${rows.length}</span></h4>
        <ul class="rows">
          ${rows.map((c) => this.renderRow(c, ringcentralConfigured))}
        </ul>
      </section>`;
    });
  }

  private renderRow(c: Contact, ringcentralConfigured: boolean) {
    const busy = this.action.busy(c.id) || this.removal.busy(c.id) || this.registration.active(c.id);
    const needsRegister = c.provider === 'ringcentral' && !c.registered;
    // WCAG 2.5.3: each accessible name starts with the button's visible text.
    const label = (visible: string) => `${visible}: ${channelName(c.channel)} ${shown(c)}`;
    const testLabel = c.channel === 'call' ? msg('Test call') : msg('Send test');
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
          ? html`<button class="primary" data-action="register" ?disabled=${busy || !ringcentralConfigured} aria-label=${label(msg('Register'))} @click=${() => this.register(c)}>
              ${this.registration.active(c.id) ? msg('Registering…') : msg('Register')}
            </button>`
          : nothing}
        ${c.status === 'pending' && !needsRegister
          ? html`<button class="primary" data-action="verify" ?disabled=${busy} aria-label=${label(msg('Verify'))} @click=${() => this.openVerify(c)}>${msg('Verify')}</button>`
          : nothing}
        <sk-menu part="menu" label=${msg(str`More actions for ${channelName(c.channel)} ${shown(c)}`)} ?disabled=${busy}>
          <button data-action="edit" aria-label=${label(msg('Edit'))} @click=${() => this.contactDialog?.openEdit(c, this.menuOf(c))}>${msg('Edit')}</button>
          ${c.isDefault ? nothing : html`<button data-action="default" aria-label=${label(msg('Set as default'))} @click=${() => this.makeDefault(c)}>${msg('Set as default')}</button>`}
          ${c.status === 'active' && !needsRegister ? html`<button data-action="test" aria-label=${label(testLabel)} @click=${() => this.sendTest(c)}>${testLabel}</button>` : nothing}
          <button class="danger" data-action="delete" aria-label=${label(msg('Delete'))} @click=${() => this.askDelete(c)}>${msg('Delete')}</button>
        </sk-menu>
      </div>
    </li>`;
  }

  /* ------------------------------------------------------------------ row actions */

  /** The row's "⋯" menu: focus goes back to it when a dialog opened from one of its items closes. */
  private menuOf(c: Contact) {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-id="${c.id}"] sk-menu`) ?? undefined;
  }

  /** A row's request; a contact that turned out unregistered re-reads so the row shows Register. */
  private async act(c: Contact, request: () => Promise<unknown>, done: string, changes = true) {
    const ok = await this.action.run(request, { key: c.id, done: () => done });
    if (ok !== undefined || this.action.code === 'ringcentral_not_registered') await this.refresh(changes && ok !== undefined);
  }

  private makeDefault(c: Contact) {
    return this.act(c, () => read(this.api.contacts[':id'].$patch({ param: { id: c.id }, json: { isDefault: true } })), msg(str`${shown(c)} is now your default for ${channelName(c.channel)}.`));
  }

  private sendTest(c: Contact) {
    const done = c.channel === 'call' ? msg(str`Test call placed to ${shown(c)}.`) : msg(str`Test message sent to ${shown(c)}.`);
    return this.act(c, () => read(this.api.contacts[':id'].test.$post({ param: { id: c.id }, json: {} })), done, false);
  }

  private async askDelete(c: Contact) {
    this.deleting = c;
    this.removal.reset();
    await this.updateComplete;
    await this.deleteDialog?.show();
  }

  private async deleteContact(e: Event) {
    e.preventDefault();
    const c = this.deleting;
    if (!c) return;
    await this.removal.run(() => read(this.api.contacts[':id'].$delete({ param: { id: c.id } })), {
      key: c.id,
      done: async () => {
        this.deleteDialog?.close();
        this.deleting = null;
        this.action.reset();
        this.action.notice = msg(str`${shown(c)} was deleted.`);
        await this.refresh();
        // The row is gone: focus goes to the card's main action instead.
        this.renderRoot.querySelector<HTMLElement>('[part=add-button]')?.focus();
      },
    });
  }

  private renderDeleteDialog() {
    const c = this.deleting;
    return html`<sk-dialog id="delete-dialog" exportparts="dialog" aria-labelledby="delete-dialog-title" @cancel=${() => (this.deleting = null)}>
      <form method="dialog" class="stack" @submit=${(e: Event) => this.deleteContact(e)}>
        <h2 id="delete-dialog-title">${c ? msg(str`Delete ${shown(c)}?`) : msg('Delete contact?')}</h2>
        <div>${c ? (c.provider === 'ringcentral' && c.registered ? msg('It is removed from your contacts and its RingCentral registration is revoked.') : msg(str`It is removed from your ${channelName(c.channel)} contacts.`)) : ''}</div>
        ${this.removal.renderError()}
        <div class="row" style="justify-content:flex-end">
          <button
            type="button"
            @click=${() => {
              this.deleteDialog?.close();
              this.deleting = null;
            }}
          >
            ${msg('Cancel')}
          </button>
          <button type="submit" class="danger solid" ?disabled=${this.removal.pending}>${msg('Delete')}</button>
        </div>
      </form>
    </sk-dialog>`;
  }

  /* ------------------------------------------------------------------ verification */

  private async openVerify(c: Contact) {
    this.verifying = c;
    this.verify.reset();
    await this.updateComplete;
    await this.verifyDialog?.show();
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    await this.verify.send();
  }

  private confirmCode = async (e: Event) => {
    e.preventDefault();
    const c = this.verifying;
    if (!c || !(await this.verify.submit(this.renderRoot.querySelector<HTMLInputElement>('#code')))) return;
    this.verifyDialog?.close();
    this.verifying = null;
    this.action.reset();
    this.action.notice = msg(str`${shown(c)} is verified and active.`);
    await this.refresh();
    // The row's first action: its primary button if it still has one, else its "⋯" menu.
    this.renderRoot.querySelector<HTMLElement>(`li[data-id="${c.id}"] .actions > :is(button, sk-menu)`)?.focus();
  };

  private closeVerify = () => {
    this.verify.reset();
    this.verifyDialog?.close();
    this.verifying = null;
  };

  private renderVerifyDialog() {
    const c = this.verifying;
    return html`<sk-dialog id="verify-dialog" exportparts="dialog" aria-labelledby="verify-title" @cancel=${this.closeVerify}>
      ${c
        ? html`<form novalidate @submit=${this.confirmCode}>
            <h2 id="verify-title">${msg(str`Verify ${shown(c)}`)}</h2>
            <p class="muted">${this.verify.sent ? msg(str`We sent a 6-digit code ${deliveryWay(c)}. It expires in 10 minutes.`) : msg('Sending a code…')}</p>
            ${this.verify.renderError()} ${this.verify.renderCodeField()}
            <div class="dialog-actions">
              ${this.verify.renderResend()}
              <span class="spacer" style="flex:1"></span>
              <button type="button" @click=${this.closeVerify}>${msg('Cancel')}</button>
              <button type="submit" class="primary" ?disabled=${this.verify.pending !== null}>${msg('Verify')}</button>
            </div>
          </form>`
        : nothing}
    </sk-dialog>`;
  }

  /* ------------------------------------------------------------------ RingCentral registration */

  private async register(c: Contact) {
    this.action.reset();
    // Open the popup within the click so blockers allow it; point it at RingCentral once the URL is known.
    if (!this.registration.open(c.id)) {
      this.action.error = msg('Your browser blocked the RingCentral window. Allow popups for this site and try again.');
      return;
    }
    try {
      const { authorizeUrl } = await read(this.api.contacts[':id'].ringcentral.register.$post({ param: { id: c.id } }));
      // The callback page lives at the redirect URI the server chose: only its origin may answer.
      const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri');
      if (!redirect) throw new Error('no redirect_uri');
      this.registration.navigate(authorizeUrl, new URL(redirect).origin);
    } catch (error) {
      this.registration.cancel();
      this.action.fail(error);
    }
  }

  private async registered(m: RegistrationMessage) {
    const contact = this.contacts?.find((c) => c.id === m.contactId);
    if (m.type === 'sk-ringcentral-registered') {
      this.action.notice = msg(str`${contact ? shown(contact) : ''} is registered with RingCentral.`);
      await this.refresh();
    } else {
      this.action.error = msg('RingCentral registration did not complete. You can try again.');
      this.requestUpdate();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'user-contacts': UserContacts;
  }
}
