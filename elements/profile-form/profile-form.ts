import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { profileFormStyles } from './profile-form.styles';
import '../email-change/email-change';

export interface Profile {
  email: string;
  /** A new sign-in email waiting for its link (`<email-change>`). */
  pendingEmail: string | null;
  displayName: string;
  phone: string | null;
  timezone: string | null;
  language: string | null;
  company: string | null;
  bio: string | null;
  avatarUrl: string | null;
  createdAt: string;
}

type Field = 'displayName' | 'phone' | 'timezone' | 'language' | 'company' | 'bio';
const FIELDS: Field[] = ['displayName', 'phone', 'timezone', 'language', 'company', 'bio'];
type Values = Record<Field, string>;

/** The same limits as the server (API.md "Profile"). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const LIMITS: Partial<Record<Field, number>> = { displayName: 100, company: 200, bio: 500 };
const LANGUAGES = ['en', 'en-US', 'en-GB', 'de', 'fr', 'es', 'it', 'pt', 'pt-BR', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'hu', 'ro', 'el', 'tr', 'ru', 'uk', 'ar', 'he', 'hi', 'id', 'vi', 'th', 'ja', 'ko', 'zh-Hans', 'zh-Hant'];

const chars = (value: string) => [...value].length;

/** JPEG, PNG, GIF or WebP by the first bytes, as the server decides (names and declared types lie). */
export async function sniffImage(file: Blob): Promise<string | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const at = (sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  if (at([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(ascii('GIF87a')) || at(ascii('GIF89a'))) return 'image/gif';
  if (at(ascii('RIFF')) && at(ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * The Profile tab (seed 001 "Profile", seed 003): avatar with a camera button, a preview before
 * uploading and a client-side check of type and size (JPEG, PNG, GIF or WebP, at most 2 MiB);
 * display name, email (read-only), phone, timezone (searchable), language, company and bio with a
 * counter. Save shows its progress and a success message; the server's field errors appear next
 * to their fields. While edits are unsaved the element carries the `sk-dirty` attribute, which
 * `<profile-settings>` reads before leaving the tab.
 *
 * @fires sk-profile-saved - `{ profile }` after the fields were saved.
 * @fires sk-avatar-changed - `{ avatarUrl }` after an upload (a URL) or removal (null).
 * @csspart form - The form.
 * @csspart avatar - The avatar picture.
 * @csspart save - The Save button.
 * @cssproperty --sk-accent - Colour of the camera button and Save.
 */
@localized()
@customElement('profile-form')
export class ProfileForm extends SkElement {
  static override styles = [tokens, controls, profileFormStyles];

  @state() private profile: Profile | null = null;
  @state() private loadError: string | null = null;
  @state() private values: Values = emptyValues();
  @state() private original: Values = emptyValues();
  @state() private fieldErrors: Record<string, string> = {};
  @state() private error: string | null = null;
  @state() private saving = false;
  @state() private saved = false;
  @state() private preview: { file: File; url: string } | null = null;
  @state() private avatarError: string | null = null;
  @state() private avatarNotice: string | null = null;
  @state() private uploading = false;
  @query('input[type=file]') private fileInput!: HTMLInputElement;

  protected override apiChanged() {
    void this.load();
  }

  override connectedCallback() {
    super.connectedCallback();
    // <profile-switcher> changed the current profile: these fields are now another profile's.
    window.addEventListener('sk-profile-switched', this.onSwitched);
  }

  private onSwitched = () => void this.load();

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    this.toggleAttribute('sk-dirty', this.dirty);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('sk-profile-switched', this.onSwitched);
    if (this.preview) URL.revokeObjectURL(this.preview.url);
  }

  /** True while the fields or a chosen photo are not saved. */
  get dirty(): boolean {
    return this.preview !== null || FIELDS.some((f) => this.values[f] !== this.original[f]);
  }

  async load() {
    this.loadError = null;
    try {
      const profile = (await read(this.api.profile.$get())) as Profile;
      this.accept(profile);
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  private accept(profile: Profile) {
    this.profile = profile;
    const values = valuesOf(profile);
    this.values = values;
    this.original = { ...values };
  }

  override render() {
    if (this.loadError)
      return html`<div class="card">
        <div class="alert error" role="alert">${this.loadError}</div>
        <p><button @click=${() => this.load()}>${msg('Try again')}</button></p>
      </div>`;
    const p = this.profile;
    if (!p) return html`<div class="card"><p class="muted" role="status">${msg('Loading your profile…')}</p></div>`;
    return html`<form class="card" part="form" novalidate @submit=${this.save} @input=${this.onInput} @change=${this.onInput} aria-busy=${this.saving ? 'true' : 'false'}>
      ${this.renderAvatar(p)}
      ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
      <div class="grid">
        ${this.textField('displayName', msg('Display name'), { autocomplete: 'name', required: true, hint: msg('How your name appears to your team.') })}
        <email-change .email=${p.email} .pendingEmail=${p.pendingEmail}></email-change>
        ${this.textField('phone', msg('Phone'), { type: 'tel', autocomplete: 'tel', placeholder: '+14155552671', hint: msg('International format with the country code.') })}
        ${this.renderTimezone()} ${this.renderLanguage()}
        ${this.textField('company', msg('Company'), { autocomplete: 'organization' })}
        <div class="field wide">
          <label for="bio">${msg('Bio')}</label>
          <textarea
            id="bio"
            name="bio"
            .value=${this.values.bio}
            aria-invalid=${this.fieldErrors.bio ? 'true' : 'false'}
            aria-describedby="bio-counter ${this.fieldErrors.bio ? 'bio-error' : ''}"
          ></textarea>
          ${this.fieldErrors.bio ? html`<div id="bio-error" class="field-error">${this.fieldErrors.bio}</div>` : nothing}
          <div id="bio-counter" class="counter ${chars(this.values.bio) > 500 ? 'over' : ''}">${msg(str`${chars(this.values.bio)} of 500 characters`)}</div>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${this.saving}>
          ${this.saving ? html`<span class="spinner" aria-hidden="true"></span>${msg('Saving…')}` : msg('Save')}
        </button>
        ${this.dirty && !this.saving ? html`<button type="button" @click=${this.discard}>${msg('Discard changes')}</button>` : nothing}
        <span role="status">${this.saved && !this.dirty ? html`<span class="alert success">${msg('Profile saved.')}</span>` : nothing}</span>
        <span class="spacer"></span>
        <span class="muted">${msg(str`Member since ${formatDateTime(p.createdAt, this.preferences, false)}`)}</span>
      </div>
    </form>`;
  }

  private textField(field: Field, label: string, options: { type?: string; autocomplete?: string; placeholder?: string; hint?: string; required?: boolean } = {}) {
    const error = this.fieldErrors[field];
    const max = LIMITS[field];
    const describedBy = [options.hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        .value=${this.values[field]}
        autocomplete=${options.autocomplete ?? 'off'}
        placeholder=${options.placeholder ?? nothing}
        maxlength=${max ? max * 2 : nothing}
        ?required=${options.required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
      />
      ${error ? html`<div id="${field}-error" class="field-error">${error}</div>` : nothing}
      ${options.hint ? html`<div id="${field}-hint" class="hint">${options.hint}</div>` : nothing}
    </div>`;
  }

  private renderTimezone() {
    const error = this.fieldErrors.timezone;
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<div class="field">
      <label for="timezone">${msg('Timezone')}</label>
      <input
        id="timezone"
        name="timezone"
        list="timezones"
        .value=${this.values.timezone}
        placeholder=${msg('Type to search, e.g. Berlin')}
        autocomplete="off"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="timezone-hint ${error ? 'timezone-error' : ''}"
      />
      <datalist id="timezones">${timezones().map((z) => html`<option value=${z}></option>`)}</datalist>
      ${error ? html`<div id="timezone-error" class="field-error">${error}</div>` : nothing}
      <div id="timezone-hint" class="hint">
        ${msg('Call times and dates show in this zone.')}
        ${here && here !== this.values.timezone
          ? html`<button type="button" class="link" @click=${() => this.set('timezone', here)}>${msg(str`Use ${here}`)}</button>`
          : nothing}
      </div>
    </div>`;
  }

  private renderLanguage() {
    const error = this.fieldErrors.language;
    const names = displayNames(this.preferences.locale);
    const options = LANGUAGES.includes(this.values.language) || !this.values.language ? LANGUAGES : [this.values.language, ...LANGUAGES];
    return html`<div class="field">
      <label for="language">${msg('Language')}</label>
      <select id="language" name="language" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'language-error' : nothing}>
        <option value="" ?selected=${!this.values.language}>${msg('Not set')}</option>
        ${options.map((tag) => html`<option value=${tag} ?selected=${tag === this.values.language}>${names?.of(tag) ?? tag}</option>`)}
      </select>
      ${error ? html`<div id="language-error" class="field-error">${error}</div>` : nothing}
    </div>`;
  }

  private renderAvatar(p: Profile) {
    const src = this.preview?.url ?? (p.avatarUrl ? this.avatarSrc(p.avatarUrl) : null);
    return html`<div class="avatar-row">
      <div class="avatar ${this.uploading ? 'uploading' : ''}" part="avatar">
        <div class="picture">${src ? html`<img src=${src} alt=${this.preview ? msg('Preview of your new photo') : msg('Your photo')} />` : html`<span aria-hidden="true">${initials(this.values.displayName || p.email)}</span>`}</div>
        <button type="button" class="camera" aria-label=${msg('Choose a new photo')} title=${msg('Choose a new photo')} ?disabled=${this.uploading} @click=${() => this.fileInput.click()}>
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            <path d="M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2z" />
            <circle cx="12" cy="13" r="4" />
          </svg>
        </button>
        <input type="file" accept="image/jpeg,image/png,image/gif,image/webp" tabindex="-1" aria-hidden="true" @change=${this.onFile} />
      </div>
      <div class="avatar-actions">
        <strong>${msg('Profile photo')}</strong>
        <span class="muted" id="avatar-hint">${msg('JPEG, PNG, GIF or WebP, at most 2 MiB.')}</span>
        ${this.preview
          ? html`<div class="row">
              <button type="button" class="primary" ?disabled=${this.uploading} @click=${this.upload}>
                ${this.uploading ? html`<span class="spinner" aria-hidden="true"></span>${msg('Uploading…')}` : msg('Upload photo')}
              </button>
              <button type="button" ?disabled=${this.uploading} @click=${this.cancelPreview}>${msg('Cancel')}</button>
            </div>`
          : p.avatarUrl
            ? html`<div class="row"><button type="button" class="link" @click=${this.removeAvatar}>${msg('Remove photo')}</button></div>`
            : nothing}
        ${this.avatarError ? html`<div class="field-error" role="alert">${this.avatarError}</div>` : nothing}
        <span role="status" class="${this.avatarNotice ? 'hint' : 'sr-only'}">${this.avatarNotice ?? ''}</span>
      </div>
    </div>`;
  }

  /** `avatars/<id>` is relative to the API; the client knows where that is. */
  private avatarSrc(url: string) {
    if (/^(https?:|data:|blob:|\/)/.test(url)) return url;
    const id = url.replace(/^avatars\//, '');
    return this.api.avatars[':id'].$url({ param: { id } }).href;
  }

  private onInput(event: Event) {
    const target = event.target as HTMLInputElement;
    const name = target.name as Field;
    if (!FIELDS.includes(name)) return;
    this.set(name, target.value);
  }

  private set(field: Field, value: string) {
    this.values = { ...this.values, [field]: value };
    this.saved = false;
    if (this.fieldErrors[field]) {
      const { [field]: _gone, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  private discard() {
    this.values = { ...this.original };
    this.fieldErrors = {};
    this.error = null;
    this.cancelPreview();
  }

  private clientErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!this.values.displayName.trim()) errors.displayName = msg('Enter a display name.');
    for (const [field, max] of Object.entries(LIMITS) as [Field, number][]) {
      if (chars(this.values[field].trim()) > max) errors[field] = msg(str`Use at most ${max} characters.`);
    }
    return errors;
  }

  private async save(event: Event) {
    event.preventDefault();
    if (this.saving) return;
    this.error = null;
    this.saved = false;
    this.fieldErrors = this.clientErrors();
    if (Object.keys(this.fieldErrors).length) return this.focusFirstError();
    const changes: { displayName?: string } & Partial<Record<Exclude<Field, 'displayName'>, string | null>> = {};
    for (const f of FIELDS) {
      if (this.values[f] === this.original[f]) continue;
      if (f === 'displayName') changes.displayName = this.values.displayName;
      else changes[f] = this.values[f].trim() || null;
    }
    this.saving = true;
    try {
      const profile = (await read(this.api.profile.$patch({ json: changes }))) as Profile;
      this.accept(profile);
      this.saved = true;
      this.emit('sk-profile-saved', { profile });
      void this.settings?.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.fields && Object.keys(error.fields).some((f) => FIELDS.includes(f as Field))) {
        this.fieldErrors = error.fields;
        await this.focusFirstError();
      } else this.error = errorMessage(error);
    } finally {
      this.saving = false;
    }
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  private async onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await this.choosePhoto(file);
  }

  /** Checks a photo like the server will, and shows it as a preview until Upload or Cancel. */
  async choosePhoto(file: File) {
    this.avatarError = null;
    this.avatarNotice = null;
    if (file.size > AVATAR_MAX_BYTES) {
      this.avatarError = msg('This image is larger than 2 MiB. Choose a smaller one.');
      return;
    }
    if (!(await sniffImage(file))) {
      this.avatarError = msg('This file is not a JPEG, PNG, GIF or WebP image.');
      return;
    }
    if (this.preview) URL.revokeObjectURL(this.preview.url);
    this.preview = { file, url: URL.createObjectURL(file) };
  }

  private cancelPreview() {
    if (this.preview) URL.revokeObjectURL(this.preview.url);
    this.preview = null;
  }

  /** Uploads the previewed photo (multipart, field `avatar`). */
  async upload() {
    if (!this.preview || this.uploading) return;
    this.uploading = true;
    this.avatarError = null;
    const form = new FormData();
    form.append('avatar', this.preview.file, this.preview.file.name || 'avatar');
    try {
      const { avatarUrl } = await read(this.api.profile.avatar.$put(undefined, { init: { body: form, credentials: 'include' } }));
      this.cancelPreview();
      this.profile = { ...this.profile!, avatarUrl };
      this.avatarNotice = msg('Photo updated.');
      this.emit('sk-avatar-changed', { avatarUrl });
      void this.settings?.refresh();
    } catch (error) {
      this.avatarError = errorMessage(error);
    } finally {
      this.uploading = false;
    }
  }

  private async removeAvatar() {
    this.avatarError = null;
    try {
      await read(this.api.profile.avatar.$delete());
      this.profile = { ...this.profile!, avatarUrl: null };
      this.avatarNotice = msg('Photo removed.');
      this.emit('sk-avatar-changed', { avatarUrl: null });
      void this.settings?.refresh();
    } catch (error) {
      this.avatarError = errorMessage(error);
    }
  }
}

function emptyValues(): Values {
  return { displayName: '', phone: '', timezone: '', language: '', company: '', bio: '' };
}

const valuesOf = (p: Profile): Values => ({
  displayName: p.displayName,
  phone: p.phone ?? '',
  timezone: p.timezone ?? '',
  language: p.language ?? '',
  company: p.company ?? '',
  bio: p.bio ?? '',
});

let zones: string[] | undefined;
const timezones = () => (zones ??= [...(Intl.supportedValuesOf?.('timeZone') ?? []), 'UTC']);

function displayNames(locale?: string) {
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'language' });
  } catch {
    return null;
  }
}

const initials = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => [...s][0]!.toUpperCase())
    .join('');

declare global {
  interface HTMLElementTagNameMap {
    'profile-form': ProfileForm;
  }
}
