import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { read } from '../api/client';
import type { Contact, ContactChannel, ContactProvider, ContactStatus } from '../api/types';
import { ActionController } from '../internal/action-controller';
import { customElement } from '../internal/define';
import { field } from '../internal/field';
import { FormDraft } from '../internal/form-draft';
import type { SkDialog } from '../internal/sk-dialog';
import '../internal/sk-dialog';
import { SkElement } from '../internal/sk-element';
import { CHANNEL_PROVIDERS, CHANNELS, channelName, providerName, valueProblem } from './contact-format';

/** What the dialog edits. */
interface Values {
  channel: ContactChannel;
  provider: ContactProvider;
  value: string;
  status: ContactStatus;
  isDefault: boolean;
}

/** The open dialog's situation, which the user does not edit. */
interface Editing {
  mode: 'add' | 'edit';
  /** The contact was verified before (editing): `active` stays possible while the value is unchanged. */
  verified: boolean;
  original?: Contact;
}

const FIELDS = ['value', 'provider', 'status', 'channel'] as const;

/**
 * The add / edit dialog of `<user-contacts>`: provider options follow the channel, the value is
 * judged as you type once it looks finished, the server's field errors show at their fields.
 * Rendered in the light DOM of its host's shadow root, so the host's styles apply.
 *
 * @fires sk-contact-saved - `{ notice }` after a contact was added or changed.
 * @fires sk-draft-changed - `{ dirty }` whenever the unsaved input changes.
 */
@customElement('sk-contact-dialog')
export class SkContactDialog extends SkElement {
  @state() private editing: Editing | null = null;
  @state() private touched = false;
  // Adding, only a typed value or "Is default" is input worth keeping (the channel and provider
  // preselect); editing, every change counts. The host learns it through sk-draft-changed.
  private readonly draft = new FormDraft<Values>(this, { channel: 'sms', provider: 'twilio', value: '', status: 'pending', isDefault: false }, {
    reflect: false,
    same: (key, a, b) => {
      if (this.editing?.mode === 'add') return key === 'value' ? String(a).trim() === String(b).trim() : key === 'isDefault' ? a === b : true;
      return a === b;
    },
  });
  @query('sk-dialog') private dialog?: SkDialog;
  private readonly save = new ActionController(this);

  protected override createRenderRoot() {
    return this;
  }

  /** True while the dialog holds input that was not applied. */
  get isDirty(): boolean {
    return this.editing !== null && this.draft.dirty;
  }

  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /** Opens the dialog to add a contact; focus returns to `opener` when it closes. */
  openAdd(opener?: HTMLElement | null) {
    this.#opener = opener ?? null;
    return this.start({ mode: 'add', verified: false }, { channel: 'sms', provider: 'twilio', value: '', status: 'pending', isDefault: false });
  }

  /** Opens the dialog to edit `c`; focus returns to `opener` when it closes. */
  openEdit(c: Contact, opener?: HTMLElement | null) {
    this.#opener = opener ?? null;
    return this.start({ mode: 'edit', verified: c.verifiedAt !== null, original: c }, { channel: c.channel, provider: c.provider, value: c.value, status: c.status, isDefault: c.isDefault });
  }

  private async start(editing: Editing, values: Values) {
    this.editing = editing;
    this.draft.accept(values);
    this.touched = false;
    this.save.reset();
    this.dirtyChanged();
    await this.updateComplete;
    await this.dialog?.show();
    this.querySelector<HTMLElement>(editing.mode === 'add' ? '#channel' : '#value')?.focus();
  }

  // What opened the dialog: a pointer click (or a test's click()) does not focus a button, so
  // <sk-dialog>'s own focus return would land on the page; put focus back on the opener instead.
  #opener: HTMLElement | null = null;

  private close() {
    this.dialog?.close();
    this.editing = null;
    this.dirtyChanged();
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
  }

  private dirtyChanged() {
    this.emit('sk-draft-changed', { dirty: this.isDirty });
  }

  private patch(patch: Partial<Values>) {
    if (!this.editing) return;
    this.draft.patch(patch);
    const cleared = { ...this.save.fieldErrors };
    for (const key of Object.keys(patch)) delete cleared[key];
    this.save.fieldErrors = cleared;
    this.dirtyChanged();
  }

  private onChannel = (e: Event) => {
    const channel = (e.target as HTMLSelectElement).value as ContactChannel;
    const d = this.draft.value;
    const provider = CHANNEL_PROVIDERS[channel].includes(d.provider) ? d.provider : CHANNEL_PROVIDERS[channel][0]!;
    const kindChanged = (channel === 'email') !== (d.channel === 'email');
    this.patch({ channel, provider, ...(kindChanged ? { value: '' } : {}) });
    if (kindChanged) this.touched = false;
  };

  private onValue = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    this.patch({ value });
    // Judge as you type once the entry looks finished enough to judge (or after leaving the field once).
    if (!this.touched && (value.replace(/\D/g, '').length >= 8 || value.includes('@'))) this.touched = true;
  };

  private apply = async (e: Event) => {
    e.preventDefault();
    const editing = this.editing;
    if (!editing || this.save.pending) return;
    const d = { ...this.draft.value, ...editing };
    this.touched = true;
    const problem = valueProblem(d.channel, d.value);
    if (problem) {
      this.save.fieldErrors = { value: problem };
      this.requestUpdate();
      this.querySelector<HTMLInputElement>('#value')?.focus();
      return;
    }
    await this.save.run(
      async () => {
        if (d.mode === 'add') {
          await read(this.api.contacts.$post({ json: { channel: d.channel, provider: d.provider, value: d.value, status: d.status === 'active' ? 'pending' : d.status, isDefault: d.isDefault } }));
          return msg(str`${channelName(d.channel)} contact added. Verify it to make it active.`);
        }
        const o = d.original!;
        const json: { provider?: ContactProvider; value?: string; status?: ContactStatus; isDefault?: boolean } = {};
        if (d.provider !== o.provider) json.provider = d.provider;
        if (d.value.trim() !== o.value) json.value = d.value;
        if (d.status !== o.status) json.status = d.status;
        if (d.isDefault !== o.isDefault) json.isDefault = d.isDefault;
        await read(this.api.contacts[':id'].$patch({ param: { id: o.id }, json }));
        return msg('Contact saved.');
      },
      {
        fields: FIELDS,
        done: (notice) => {
          this.close();
          this.emit('sk-contact-saved', { notice });
        },
      },
    );
  };

  private cancel = (e?: Event) => {
    e?.preventDefault();
    this.close();
  };

  override render() {
    return html`<sk-dialog id="contact-dialog" exportparts="dialog" aria-labelledby="contact-dialog-title" @cancel=${this.cancel}>${this.editing ? this.renderForm({ ...this.draft.value, ...this.editing }) : nothing}</sk-dialog>`;
  }

  private renderForm(d: Values & Editing) {
    const errors = this.save.fieldErrors;
    const valueError = errors.value ?? (this.touched ? valueProblem(d.channel, d.value) : null);
    const valueDirty = d.mode === 'edit' && d.original && d.value.trim() !== d.original.value;
    const canBeActive = Boolean(d.verified && !valueDirty && d.provider === d.original?.provider);
    const phone = d.channel !== 'email';
    return html`<form novalidate @submit=${this.apply}>
      <h2 id="contact-dialog-title">${d.mode === 'add' ? msg('Add user contact') : msg('Edit contact')}</h2>
      ${this.save.renderError()}
      <div class="grid">
        ${d.mode === 'add'
          ? field({
              id: 'channel',
              label: msg('Channel'),
              error: errors.channel,
              control: (a) => html`<select id=${a.id} name="channel" .value=${d.channel} @change=${this.onChannel} aria-invalid=${a.invalid} aria-describedby=${a.describedBy ?? nothing}>
                ${CHANNELS.map((c) => html`<option value=${c} ?selected=${c === d.channel}>${channelName(c)}</option>`)}
              </select>`,
            })
          : html`<div class="field"><span class="label">${msg('Channel')}</span><div class="static" id="channel">${channelName(d.channel)}</div></div>`}
        ${field({
          id: 'provider',
          label: msg('Provider'),
          error: errors.provider,
          hint: d.provider === 'ringcentral' ? msg('Needs a one-time Register step after saving.') : msg(str`Providers for ${channelName(d.channel)}: ${CHANNEL_PROVIDERS[d.channel].map(providerName).join(', ')}.`),
          control: (a) => html`<select
            id=${a.id}
            name="provider"
            .value=${d.provider}
            @change=${(e: Event) => this.patch({ provider: (e.target as HTMLSelectElement).value as ContactProvider })}
            aria-invalid=${a.invalid}
            aria-describedby=${a.describedBy ?? nothing}
          >
            ${CHANNEL_PROVIDERS[d.channel].map((p) => html`<option value=${p} ?selected=${p === d.provider}>${providerName(p)}</option>`)}
          </select>`,
        })}
      </div>
      ${field({
        id: 'value',
        label: phone ? msg('Phone number') : msg('Email address'),
        error: valueError,
        hint: phone
          ? d.channel === 'call' || d.channel === 'sms'
            ? msg('International format with the country code. For both Call and SMS on one number, add it once per channel.')
            : msg('International format with the country code.')
          : msg('A code is sent to this address to verify it.'),
        control: (a) => html`<input
          id=${a.id}
          name="value"
          type=${phone ? 'tel' : 'email'}
          inputmode=${phone ? 'tel' : 'email'}
          autocomplete="off"
          spellcheck="false"
          placeholder=${phone ? '+1 415 555 2671' : 'name@example.com'}
          .value=${d.value}
          @input=${this.onValue}
          @blur=${() => (this.touched = true)}
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedBy ?? nothing}
        />`,
      })}
      <div class="grid">
        ${field({
          id: 'status',
          label: msg('Status'),
          error: errors.status,
          hint: canBeActive ? msg('Disabled contacts are kept but not used.') : msg('A contact becomes Active once you verify it with a code.'),
          control: (a) => html`<select
            id=${a.id}
            name="status"
            .value=${d.status}
            @change=${(e: Event) => this.patch({ status: (e.target as HTMLSelectElement).value as ContactStatus })}
            aria-invalid=${a.invalid}
            aria-describedby=${a.describedBy ?? nothing}
          >
            ${canBeActive ? html`<option value="active" ?selected=${d.status === 'active'}>${msg('Active')}</option>` : nothing}
            <option value="pending" ?selected=${d.status === 'pending'}>${msg('Pending')}</option>
            <option value="disabled" ?selected=${d.status === 'disabled'}>${msg('Disabled')}</option>
          </select>`,
        })}
        <div class="field">
          <span class="label align" aria-hidden="true">&nbsp;</span>
          <label class="check">
            <input type="checkbox" name="isDefault" .checked=${d.isDefault} @change=${(e: Event) => this.patch({ isDefault: (e.target as HTMLInputElement).checked })} aria-describedby="default-hint" />
            <span>${msg('Is default')}</span>
          </label>
          <div id="default-hint" class="hint">${msg(str`Replaces the current default for ${channelName(d.channel)}.`)}</div>
        </div>
      </div>
      <div class="dialog-actions">
        <button type="button" @click=${this.cancel}>${msg('Cancel')}</button>
        <button type="submit" class="primary" ?disabled=${this.save.pending}>${this.save.pending ? msg('Saving…') : msg('Apply')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-contact-dialog': SkContactDialog;
  }
}
