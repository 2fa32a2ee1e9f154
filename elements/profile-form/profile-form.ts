import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement } from '../internal/define';
import { TaskStatus } from '@lit/task';
import { read } from '../api/client';
import type { ProfileAnswer } from '../api/types';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { field, type FieldControl } from '../internal/field';
import { FormDraft } from '../internal/form-draft';
import { formatDateTime } from '../internal/format';
import { formatPhone, loadPhoneNumbers } from '../internal/phone';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import type { SkAvatarPicker } from './avatar-picker';
import { profileFormStyles, spinnerStyles } from './profile-form.styles';
import './avatar-picker';
import '../email-change/email-change';

export { AVATAR_MAX_BYTES, sniffImage } from './avatar-picker';

type Profile = ProfileAnswer;
type Field = 'displayName' | 'phone' | 'timezone' | 'language' | 'company' | 'bio';
const FIELDS: Field[] = ['displayName', 'phone', 'timezone', 'language', 'company', 'bio'];
type Values = Record<Field, string>;

/** The same limits as the server (API.md "Profile"). */
const LIMITS: Partial<Record<Field, number>> = { displayName: 100, company: 200, bio: 500 };
const LANGUAGES = ['en', 'en-US', 'en-GB', 'de', 'fr', 'es', 'it', 'pt', 'pt-BR', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'hu', 'ro', 'el', 'tr', 'ru', 'uk', 'ar', 'he', 'hi', 'id', 'vi', 'th', 'ja', 'ko', 'zh-Hans', 'zh-Hant'];

const chars = (value: string) => [...value].length;

/**
 * The Profile tab (seed 001 "Profile", seed 003): the photo (`<sk-avatar-picker>`), display name,
 * email (read-only, changed through `<email-change>`), phone (shown in the kit's one international
 * format), timezone (searchable), language, company and bio with a counter. Save uploads a chosen
 * photo and saves the fields, shows its progress and "Profile saved."; the server's field errors
 * appear next to their fields, and a failed save keeps every edit. While edits are unsaved the
 * element carries the `sk-dirty` attribute, which `<profile-settings>` reads before leaving the tab.
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
  static override styles = [tokens, controls, spinnerStyles, profileFormStyles];

  /** The profile as last loaded, then as saves and photo changes leave it. */
  @state() private profile: Profile | null = null;
  @query('sk-avatar-picker') private picker?: SkAvatarPicker;
  private readonly draft = new FormDraft<Values>(this, emptyValues(), { alsoDirty: () => Boolean(this.picker?.pending) });
  private readonly saving = new ActionController(this);
  /** Reads the profile into `profile` and the draft (again when another profile was switched to). */
  private readonly loaded = apiTask(this, async (api) => {
    const profile = await read(api.profile.$get());
    this.profile = profile;
    this.draft.accept(valuesOf(profile));
    // The form does not wait for the phone parser; once it is there the number shows grouped.
    void loadPhoneNumbers().then(() => this.showPhoneFormatted(), () => undefined);
    return profile;
  });

  override connectedCallback() {
    super.connectedCallback();
    // <profile-switcher> changed the current profile: these fields are now another profile's.
    window.addEventListener('sk-profile-switched', this.onSwitched);
  }

  private onSwitched = () => void this.load();

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('sk-profile-switched', this.onSwitched);
  }

  /** True while the fields or a chosen photo are not saved. */
  get dirty(): boolean {
    return this.draft.dirty;
  }

  /** Reads the profile again (drops unsaved edits). */
  async load() {
    await this.loaded.run();
  }

  /** The stored number in the kit's one format, in the draft too unless the user already typed there. */
  private showPhoneFormatted() {
    const stored = this.profile?.phone;
    if (!stored) return;
    const shown = formatPhone(stored);
    const untouched = this.draft.value.phone === this.draft.saved.phone;
    this.draft.saved = { ...this.draft.saved, phone: shown };
    if (untouched) this.draft.value = { ...this.draft.value, phone: shown };
    this.requestUpdate();
  }

  override render() {
    const body = renderTask(this.loaded, { loadingLabel: msg('Loading your profile…'), complete: () => this.renderForm(this.profile!) });
    // The form is the card; the skeleton and the load error get a card of their own.
    return taskLoading(this.loaded) || this.loaded.status === TaskStatus.ERROR ? html`<div class="card">${body}</div>` : body;
  }

  private renderForm(p: Profile) {
    const v = this.draft.value;
    const pending = this.saving.pending;
    return html`<form class="card" part="form" novalidate @submit=${this.save} @input=${this.onInput} @change=${this.onInput} aria-busy=${pending ? 'true' : 'false'}>
      <sk-avatar-picker
        exportparts="avatar"
        .avatarUrl=${p.avatarUrl}
        .name=${v.displayName || p.email}
        @sk-avatar-changed=${(e: CustomEvent<{ avatarUrl: string | null }>) => (this.profile = { ...this.profile!, avatarUrl: e.detail.avatarUrl })}
        @sk-draft-changed=${(e: Event) => (e.stopPropagation(), this.requestUpdate())}
      ></sk-avatar-picker>
      ${this.saving.error
        ? html`<div class="alert error" role="alert">${this.saving.error} ${this.draft.keptMessage ?? ''}</div>`
        : nothing}
      <div class="grid">
        ${this.textField('displayName', msg('Display name'), { autocomplete: 'name', required: true, hint: msg('How your name appears to your team.') })}
        <email-change .email=${p.email} .pendingEmail=${p.pendingEmail}></email-change>
        ${this.textField('phone', msg('Phone'), { type: 'tel', autocomplete: 'tel', placeholder: '+1 415 555 2671', hint: msg('International format with the country code.') })}
        ${this.renderTimezone()} ${this.renderLanguage()}
        ${this.textField('company', msg('Company'), { autocomplete: 'organization' })}
        ${field({
          id: 'bio',
          label: msg('Bio'),
          class: 'wide',
          error: this.saving.fieldErrors.bio,
          hint: html`<span class="counter ${chars(v.bio) > 500 ? 'over' : ''}">${msg(str`${chars(v.bio)} of 500 characters`)}</span>`,
          control: (a) => html`<textarea id=${a.id} name="bio" .value=${v.bio} aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)}></textarea>`,
        })}
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${pending}>
          ${pending ? html`<span class="spinner" aria-hidden="true"></span>${msg('Saving…')}` : msg('Save')}
        </button>
        ${this.dirty && !pending ? html`<button type="button" @click=${this.discard}>${msg('Discard changes')}</button>` : nothing}
        <span role="status">${this.draft.justSaved && !this.dirty ? html`<span class="alert success">${msg('Profile saved.')}</span>` : nothing}</span>
        <span class="spacer"></span>
        <span class="muted">${msg(str`Member since ${formatDateTime(p.createdAt, this.preferences, false)}`)}</span>
      </div>
    </form>`;
  }

  private textField(name: Field, label: string, options: { type?: string; autocomplete?: string; placeholder?: string; hint?: string; required?: boolean } = {}) {
    const max = LIMITS[name];
    return field({
      id: name,
      label,
      hint: options.hint,
      error: this.saving.fieldErrors[name],
      control: (a: FieldControl) => html`<input
        id=${a.id}
        name=${name}
        type=${options.type ?? 'text'}
        .value=${this.draft.value[name]}
        autocomplete=${options.autocomplete ?? 'off'}
        placeholder=${options.placeholder ?? nothing}
        maxlength=${max ? max * 2 : nothing}
        ?required=${options.required}
        aria-invalid=${a.invalid}
        aria-describedby=${ifDefined(a.describedBy)}
      />`,
    });
  }

  private renderTimezone() {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const value = this.draft.value.timezone;
    return field({
      id: 'timezone',
      label: msg('Timezone'),
      error: this.saving.fieldErrors.timezone,
      hint: html`${msg('Call times and dates show in this zone.')}
        ${here && here !== value ? html`<button type="button" class="link" @click=${() => this.set('timezone', here)}>${msg(str`Use ${here}`)}</button>` : nothing}`,
      control: (a) => html`<input
          id=${a.id}
          name="timezone"
          list="timezones"
          .value=${value}
          placeholder=${msg('Type to search, e.g. Berlin')}
          autocomplete="off"
          aria-invalid=${a.invalid}
          aria-describedby=${ifDefined(a.describedBy)}
        />
        <datalist id="timezones">${timezones().map((z) => html`<option value=${z}></option>`)}</datalist>`,
    });
  }

  private renderLanguage() {
    const names = displayNames(this.preferences.locale);
    const value = this.draft.value.language;
    const options = LANGUAGES.includes(value) || !value ? LANGUAGES : [value, ...LANGUAGES];
    return field({
      id: 'language',
      label: msg('Language'),
      error: this.saving.fieldErrors.language,
      control: (a) => html`<select id=${a.id} name="language" aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)}>
        <option value="" ?selected=${!value}>${msg('Not set')}</option>
        ${options.map((tag) => html`<option value=${tag} ?selected=${tag === value}>${names?.of(tag) ?? tag}</option>`)}
      </select>`,
    });
  }

  private onInput(event: Event) {
    const target = event.target as HTMLInputElement;
    const name = target.name as Field;
    if (!FIELDS.includes(name)) return;
    this.set(name, target.value);
  }

  private set(name: Field, value: string) {
    this.draft.set(name, value);
    if (this.saving.fieldErrors[name]) {
      const { [name]: _gone, ...rest } = this.saving.fieldErrors;
      this.saving.fieldErrors = rest;
    }
  }

  private discard() {
    this.draft.discard();
    this.saving.reset();
    this.picker?.discard();
  }

  private clientErrors(): Record<string, string> {
    const v = this.draft.value;
    const errors: Record<string, string> = {};
    if (!v.displayName.trim()) errors.displayName = msg('Enter a display name.');
    for (const [name, max] of Object.entries(LIMITS) as [Field, number][]) {
      if (chars(v[name].trim()) > max) errors[name] = msg(str`Use at most ${max} characters.`);
    }
    return errors;
  }

  /** Uploads a chosen photo, then saves the changed fields: one Save for everything on the form. */
  private async save(event: Event) {
    event.preventDefault();
    if (this.saving.pending) return;
    const errors = this.clientErrors();
    if (Object.keys(errors).length) {
      this.saving.reset();
      this.saving.fieldErrors = errors;
      return this.focusFirstError();
    }
    const changes: { displayName?: string } & Partial<Record<Exclude<Field, 'displayName'>, string | null>> = {};
    for (const [name, value] of Object.entries(this.draft.changes()) as [Field, string][]) {
      if (name === 'displayName') changes.displayName = value;
      else changes[name] = value.trim() || null;
    }
    let photoFailed = false;
    await this.saving.run(
      async () => {
        // The picker shows why beside the photo; the fields wait so nothing half-saves unnoticed.
        if (this.picker?.pending && !(await this.picker.upload())) {
          photoFailed = true;
          throw new Error('photo upload failed');
        }
        if (!Object.keys(changes).length) return null;
        return await read(this.api.profile.$patch({ json: changes }));
      },
      {
        fields: FIELDS,
        done: (profile) => {
          if (profile) {
            this.profile = { ...profile, avatarUrl: this.profile!.avatarUrl };
            this.emit('sk-profile-saved', { profile });
            void this.settings?.refresh();
          }
          this.draft.accept(profile ? valuesOf(profile) : this.draft.value, { saved: true });
        },
      },
    );
    if (photoFailed) {
      this.saving.error = msg('The photo was not uploaded.');
      this.requestUpdate();
    }
    if (Object.keys(this.saving.fieldErrors).length) await this.focusFirstError();
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }
}

function emptyValues(): Values {
  return { displayName: '', phone: '', timezone: '', language: '', company: '', bio: '' };
}

const valuesOf = (p: Profile): Values => ({
  displayName: p.displayName,
  phone: p.phone ? formatPhone(p.phone) : '',
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

declare global {
  interface HTMLElementTagNameMap {
    'profile-form': ProfileForm;
  }
}
