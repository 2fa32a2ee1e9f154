import { localized, msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { checkField, field } from '../internal/field';
import { FormDraft } from '../internal/form-draft';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { accountPolicyStyles } from './account-policy.styles';
import { formatMinutes } from '../internal/format';
import type { AccountPolicyValue, TwilioSettingsValue } from '../api/types';
import { profilePolicyFields, type PolicyProfileType } from './profile-policy';
import '../profile-types/profile-types';

export type { AccountPolicyValue, TwilioSettingsValue } from '../api/types';

type Flag = 'autoActivate' | 'activationEmail' | 'requireTwoFactor' | 'autoCreateProfile';
/** The policy as the form edits it: the timeframe as typed, so "1.5" can be named wrong instead of lost. */
type PolicyDraft = Omit<AccountPolicyValue, 'onlineTimeframeMinutes'> & { minutes: string };
const POLICY_FIELDS = ['onlineTimeframeMinutes', 'autoActivate', 'activationEmail', 'confirmation', 'requireTwoFactor', 'twoFactorMethod', 'autoCreateProfile', 'defaultProfileTypeId', 'profileLimit'];
const TWILIO_FIELDS = ['accountSid', 'authToken', 'fromNumber'];

const draftOf = ({ onlineTimeframeMinutes, ...rest }: AccountPolicyValue): PolicyDraft => ({ ...rest, minutes: String(onlineTimeframeMinutes) });

/** Tag names another feature may register for the Twilio settings (embedded when present). */
const TWILIO_ELEMENTS = ['twilio-settings'];


/**
 * The administrator's account policy (seed 002 "Accounts Settings"): online status timeframe
 * (session idle timeout), automatic activation, activation letter, confirmation mode, required
 * two-factor authentication and automatic profile creation, each with its explanation. Saving
 * applies at once to every account and session. Below it, the Twilio account that sends the SMS
 * of phone confirmation, two-factor sign-in and password recovery (seed 002 "Settings > Twilio"):
 * a `<twilio-settings>` element when the page has one, else a form for `GET/PUT/DELETE /admin/twilio`
 * (the token is write-only and comes back masked).
 *
 * Sets `sk-dirty` while there are unsaved changes.
 *
 * @fires sk-account-policy-saved - `{ policy }` after a save.
 * @csspart card - The outer card.
 * @csspart form - The form.
 * @csspart save - The save button.
 * @cssproperty --sk-accent - Accent colour of the save button and checkboxes.
 */
@localized()
@customElement('account-policy')
export class AccountPolicy extends SkElement {
  static override styles = [tokens, controls, accountPolicyStyles];

  @state() protected twilio: TwilioSettingsValue | null = null;
  @state() protected profileTypes: PolicyProfileType[] = [];
  // " 30" and "30" are the same timeframe: compare the typed minutes trimmed.
  protected readonly draft = new FormDraft<PolicyDraft>(this, {} as PolicyDraft, { same: (k, a, b) => (k === 'minutes' ? String(a).trim() === String(b).trim() : a === b) });
  protected readonly saving = new ActionController(this);
  protected readonly twilioSaving = new ActionController(this);

  /** The policy as loaded; the form edits it in `draft`, which also takes each saved answer. */
  protected readonly policy = apiTask(this, async (api) => {
    const [policy, types] = await Promise.all([
      read(api.admin['account-policy'].$get()),
      // Types only fill the "Default profile type" list: without them the rest of the policy still works.
      read(api.admin['profile-types'].$get()).then((r) => r.types, () => []),
    ]);
    this.draft.accept(draftOf(policy));
    this.profileTypes = types;
    return policy;
  });

  /** The Twilio settings as loaded, into `twilio`, which saves replace (none when a `<twilio-settings>` shows them). */
  protected readonly twilioLoad = apiTask(this, async (api) => {
    if (this.twilioElement()) return null;
    return (this.twilio = await read(api.admin.twilio.$get()));
  });

  protected twilioElement() {
    return TWILIO_ELEMENTS.find((t) => customElements.get(t));
  }

  /** Reloads the policy from the server (drops unsaved changes). */
  async load() {
    await this.policy.run();
  }

  protected get dirty(): boolean {
    return this.policy.value !== undefined && this.draft.dirty;
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="policy-title" aria-busy=${taskLoading(this.policy) ? 'true' : 'false'}>
      <h3 id="policy-title">${msg('Account policy')}</h3>
      ${renderTask(this.policy, { loadingLabel: msg('Loading the account policy…'), complete: () => this.renderBody() })}
    </section>
    <profile-types @sk-profile-types-changed=${(e: CustomEvent<{ types: PolicyProfileType[] }>) => (this.profileTypes = e.detail.types)}></profile-types>
    ${this.renderTwilio()}`;
  }

  protected renderBody(): TemplateResult {
    const d = this.draft.value;
    const f = this.saving.fieldErrors;
    const pending = this.saving.pending;
    const minutes = d.minutes.trim();
    return html`<form part="form" novalidate @submit=${this.save} aria-busy=${pending ? 'true' : 'false'}>
      ${this.saving.error ? html`<div class="alert error" role="alert">${this.saving.error} ${this.draft.keptMessage ?? ''}</div>` : nothing}
      ${field({
        id: 'minutes',
        label: msg('Online status timeframe (minutes)'),
        error: f.onlineTimeframeMinutes,
        hint: html`<span id="minutes-human" class="human" part="minutes-human">${/^\d+$/.test(minutes) ? formatMinutes(Number(minutes), this.preferences.locale) : ''}</span>
          ${msg('The lifetime of a session in the absence of activity. A session idle for longer ends and its user signs in again; this applies to sessions that are already open, from their next request.')}`,
        control: (a) => html`<input
          id=${a.id}
          class="minutes"
          name="onlineTimeframeMinutes"
          type="number"
          inputmode="numeric"
          min="5"
          max="43200"
          step="1"
          .value=${d.minutes}
          @input=${(e: Event) => this.set('minutes', (e.target as HTMLInputElement).value)}
          aria-invalid=${a.invalid}
          aria-describedby=${ifDefined(a.describedBy)}
        />`,
      })}
      ${this.check('autoActivate', msg('Automatic account activation after creation'), msg('When off, new accounts are created as "Pending": they can only read their profile, finish confirmation and sign out until an administrator activates them under Users.'))}
      ${this.check('activationEmail', msg('Enable account activation letter'), msg("When an administrator activates an account, a notification letter is sent to the user's email."))}
      <fieldset aria-describedby="confirmation-hint">
        <legend>${msg('Account is confirmed when')}</legend>
        ${this.option('confirmation', 'none', msg('No confirmation'), msg('Accounts are confirmed as soon as they are created.'))}
        ${this.option('confirmation', 'email', msg('Email is confirmed'), msg("A link is sent to the user's email after registration; opening it confirms the account."))}
        ${this.option('confirmation', 'phone', msg('Phone is confirmed'), msg('The user enters a phone number no other account owns and types the code sent to it by SMS. Needs SMS sending (Twilio). Also enables password recovery by SMS.'))}
        ${this.option('confirmation', 'both', msg('Email and phone are confirmed'), msg('Both of the above.'))}
        <div id="confirmation-hint" class="hint">${msg('Until an account is confirmed, its user sees a message about confirmation on every page.')}</div>
      </fieldset>
      ${this.check(
        'requireTwoFactor',
        msg('Require two-factor authentication'),
        msg('Everyone must use a second step at sign-in. Users without one are asked to set it up right after entering their password, and can do nothing else until they have.'),
        d.requireTwoFactor && this.settings?.user && !this.settings.user.twoFactorEnabled
          ? msg('You have no two-factor authentication yet: set it up for your own account first, or this policy cannot be saved.')
          : null,
      )}
      ${d.requireTwoFactor ? this.renderTwoFactorMethod() : nothing}
      ${this.check('autoCreateProfile', msg('Automatic profile creation from account name'), msg('When on, the display name is made from the account name at registration. When off, new users start with an empty profile and are asked to fill it in.'))}
      ${profilePolicyFields(d, this.profileTypes, (k, v) => this.set(k, v as never), f)}
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${pending || !this.dirty}>${pending ? msg('Saving…') : msg('Save policy')}</button>
        <button type="button" ?disabled=${pending || !this.dirty} @click=${this.discard}>${msg('Discard changes')}</button>
        <span role="status" class="muted">${this.saving.notice ?? ''}</span>
      </div>
    </form>`;
  }

  protected check(name: Flag, label: string, hint: string, warning: string | null = null) {
    return checkField({
      id: `check-${name}`,
      label,
      hint: warning ? html`${hint}<div class="note"><span class="alert warning" role="note">${warning}</span></div>` : hint,
      control: (a) => html`<input
        id=${a.id}
        type="checkbox"
        name=${name}
        .checked=${this.draft.value[name]}
        aria-describedby=${ifDefined(a.describedBy)}
        @change=${(e: Event) => this.set(name, (e.target as HTMLInputElement).checked)}
      />`,
    });
  }

  /** Which second factor the requirement accepts (seed 002 "Enable 2FA": an SMS code at every login). */
  protected renderTwoFactorMethod() {
    return html`<fieldset class="two-factor-method">
      <legend>${msg('Second factor required')}</legend>
      ${this.option('twoFactorMethod', 'any', msg('Any method'), msg('An authenticator app, a text message or a passkey; a trusted device may skip the code for 30 days.'))}
      ${this.option('twoFactorMethod', 'sms', msg('A text message at every sign-in'), msg('A code is texted at every sign-in, with no trusted-device skip and no authenticator app. Users without a phone are asked for one right after their password.'))}
    </fieldset>`;
  }

  /** One radio of a choice the draft holds; its id is the choice's (kebab-case) name and the value, e.g. `two-factor-method-sms`. */
  protected option<K extends 'confirmation' | 'twoFactorMethod'>(name: K, value: PolicyDraft[K], label: string, hint: string) {
    return checkField({
      id: `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${value}`,
      label,
      hint,
      control: (a) => html`<input
        id=${a.id}
        type="radio"
        name=${name}
        value=${value}
        .checked=${this.draft.value[name] === value}
        aria-describedby=${ifDefined(a.describedBy)}
        @change=${() => this.set(name, value)}
      />`,
    });
  }

  protected renderTwilio() {
    const tag = this.twilioElement();
    if (tag) return staticHtml`<div class="twilio"><${unsafeStatic(tag)}></${unsafeStatic(tag)}></div>`;
    return html`<section class="card twilio" aria-labelledby="twilio-title">
      <h3 id="twilio-title">${msg('Twilio')}</h3>
      <p class="muted">
        ${msg("SMS messages are sent for phone confirmation, for two-factor sign-in and for password recovery by phone. Copy the Account SID and Auth Token from the Twilio console, and a number from its Phone Numbers section as the 'From' number.")}
      </p>
      ${renderTask(this.twilioLoad, { loadingLabel: msg('Loading the Twilio settings…'), complete: () => this.renderTwilioForm(this.twilio!) })}
    </section>`;
  }

  protected renderTwilioForm(t: TwilioSettingsValue) {
    const f = this.twilioSaving.fieldErrors;
    const pending = this.twilioSaving.pending;
    const source =
      t.source === 'database'
        ? msg('Messages go out through the account saved here.')
        : t.source === 'environment'
          ? msg('Messages go out through the account configured on the server (TWILIO_* variables). Saving here takes over.')
          : msg('No Twilio account yet: messages go to the outbox instead of phones.');
    const input = (name: 'accountSid' | 'authToken' | 'fromNumber', label: string, attrs: { value: string; placeholder?: string; type?: string; hint?: string; autocomplete?: string }) =>
      field({
        id: `twilio-${name}`,
        label,
        hint: attrs.hint,
        error: f[name],
        control: (a) => html`<input
          id=${a.id}
          name=${name}
          type=${attrs.type ?? 'text'}
          autocomplete=${attrs.autocomplete ?? 'off'}
          spellcheck="false"
          dir="ltr"
          .value=${attrs.value}
          placeholder=${attrs.placeholder ?? ''}
          aria-invalid=${a.invalid}
          aria-describedby=${ifDefined(a.describedBy)}
        />`,
      });
    return html`<form class="stack" novalidate @submit=${this.saveTwilio} aria-busy=${pending ? 'true' : 'false'}>
      <p class="muted">${source}</p>
      ${this.twilioSaving.error ? html`<div class="alert error" role="alert">${this.twilioSaving.error}</div>` : nothing}
      ${input('accountSid', msg('Account SID'), { value: t.accountSid ?? '', placeholder: 'AC…' })}
      ${input('authToken', msg('Auth token'), {
        value: '',
        type: 'password',
        autocomplete: 'new-password',
        placeholder: t.authToken ?? '',
        hint: t.authToken ? msg('Saved and hidden. Leave empty to keep it.') : undefined,
      })}
      ${input('fromNumber', msg("Default 'From' number for SMS"), { value: t.fromNumber ?? '', placeholder: '+1 415 555 0100', type: 'tel', autocomplete: 'off' })}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${pending}>${pending ? msg('Saving…') : msg('Save Twilio settings')}</button>
        ${t.source === 'database' ? html`<button type="button" ?disabled=${pending} @click=${this.clearTwilio}>${msg('Forget saved account')}</button>` : nothing}
        <span role="status" class="muted">${this.twilioSaving.notice ?? ''}</span>
      </div>
    </form>`;
  }

  protected async saveTwilio(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement; // read now: a shadow-tree event loses its target after dispatch
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const authToken = value('authToken');
    const json = { accountSid: value('accountSid'), fromNumber: value('fromNumber'), ...(authToken ? { authToken } : {}) };
    await this.twilioSaving.run(() => read(this.api.admin.twilio.$put({ json })), {
      fields: TWILIO_FIELDS,
      done: (twilio) => {
        this.twilio = twilio;
        form.querySelector<HTMLInputElement>('input[name=authToken]')!.value = '';
        return msg('Saved.');
      },
    });
  }

  protected async clearTwilio() {
    await this.twilioSaving.run(() => read(this.api.admin.twilio.$delete()), {
      done: (twilio) => {
        this.twilio = twilio;
        return msg('The saved account was removed.');
      },
    });
  }

  protected set<K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) {
    this.draft.set(key, value);
    this.saving.notice = null;
  }

  protected discard() {
    this.draft.discard();
    this.saving.reset();
  }

  protected async save(event: Event) {
    event.preventDefault();
    if (this.saving.pending || !this.policy.value) return;
    const { minutes: typed, ...rest } = this.draft.value;
    const minutes = Number(typed.trim());
    if (!typed.trim() || !Number.isInteger(minutes)) {
      this.saving.reset();
      this.saving.fieldErrors = { onlineTimeframeMinutes: msg('Enter a whole number of minutes.') };
      return;
    }
    await this.saving.run(() => read(this.api.admin['account-policy'].$put({ json: { ...rest, onlineTimeframeMinutes: minutes } })), {
      fields: POLICY_FIELDS,
      done: (policy) => {
        this.draft.accept(draftOf(policy), { saved: true });
        this.emit('sk-account-policy-saved', { policy });
        // The admin's own /me may change (pending confirmations, 2FA requirement).
        void this.settings?.refresh();
        return msg('Saved. The policy applies to every account from now on.');
      },
    });
    if (this.saving.code === 'two_factor_setup_first') {
      this.saving.error = twoFactorFirstMessage(rest.twoFactorMethod);
      this.requestUpdate();
    }
  }
}

/** Why the server refused the policy (409 `two_factor_setup_first`): the admin would lock themselves out. */
function twoFactorFirstMessage(method: AccountPolicyValue['twoFactorMethod']) {
  return method === 'sms'
    ? msg('Set up text-message codes for your own account first (Security tab): requiring them now would lock you out of this page.')
    : msg('Set up two-factor authentication for your own account first (Security tab): requiring it now would lock you out of this page.');
}

declare global {
  interface HTMLElementTagNameMap {
    'account-policy': AccountPolicy;
  }
}
