import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { CountdownController } from '../internal/countdown-controller';
import { formatCountdown } from '../internal/format';
import { field } from '../internal/field';
import { inputControl } from '../internal/input-control';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { codeFieldTemplate, wrongCodeMessage } from '../two-factor-setup/code-field';
import { getPasskey, passkeyCancelled, passkeysSupported } from '../user-passkeys/webauthn';
import { twoFactorChallengeStyles } from './two-factor-challenge.styles';
import { authColumnStyles } from '../internal/layout.styles';

export type TwoFactorMethod = 'totp' | 'sms' | 'recovery_code' | 'passkey';
const KNOWN: TwoFactorMethod[] = ['totp', 'sms', 'recovery_code', 'passkey'];

/** `methods="totp,sms,recovery_code"` (commas or spaces) or a JSON array; unknown names are dropped. */
export function parseMethods(value: string | null): TwoFactorMethod[] {
  if (!value) return [];
  const list: unknown = value.trim().startsWith('[') ? JSON.parse(value) : value.split(/[\s,]+/);
  return Array.isArray(list) ? list.filter((m): m is TwoFactorMethod => KNOWN.includes(m as TwoFactorMethod)) : [];
}

/** What a host answers `sk-two-factor-code` or `sk-two-factor-sms-requested` with, through `fail()`. */
export type ChallengeFailure =
  | string
  | { code: 'invalid_code' | 'account_locked' | 'rate_limited' | 'challenge_expired' | (string & {}); message?: string; retryAfter?: number | null };

/**
 * The second step of a sign-in: the authenticator code, "text me a code" (with a resend
 * countdown), a recovery code or a passkey, and "trust this device for 30 days"; a live countdown
 * while the account is locked. It offers only the account's `methods`.
 *
 * Two modes:
 * - `mode="kit"` (default; what `<sign-in-form>` uses): it posts to the kit's
 *   `/auth/sign-in/two-factor` (and `/sms`) and emits `sk-signed-in`.
 * - `mode="host"`: on a host's own login page. It emits `sk-two-factor-code` and
 *   `sk-two-factor-sms-requested` for the host's server (`kit.twoFactor.verify` / `sendSmsCode`)
 *   and waits: the host answers with `el.succeed()` or `el.fail(reason)`. For passkeys give
 *   `passkeyOptions` (what `kit.twoFactor.passkeyOptions()` returns, or a function fetching it).
 * In kit mode, calling `preventDefault()` on `sk-two-factor-code` takes over the same way.
 *
 * @fires sk-two-factor-code - `{ method, code, trustDevice }` before a code is checked; cancelable.
 * @fires sk-two-factor-sms-requested - `{}` when the user asks for a text message; cancelable.
 * @fires sk-two-factor-cancelled - `{ reason: "back" | "expired" }`: "Back to sign in", or the challenge expired.
 * @fires sk-signed-in - `{ user }` (kit mode) once the code is accepted.
 * @csspart form - The form.
 * @csspart submit - The Verify button.
 * @csspart error - The error message.
 * @csspart code-input - The code field.
 */
@localized()
@customElement('two-factor-challenge')
export class TwoFactorChallenge extends SkElement {
  static override styles = [tokens, controls, authColumnStyles, twoFactorChallengeStyles];

  /** The account's methods, e.g. `methods="totp,sms,recovery_code"` (a property takes an array). */
  @property({ converter: { fromAttribute: parseMethods, toAttribute: (v: TwoFactorMethod[]) => v.join(',') } })
  methods: TwoFactorMethod[] = [];
  /** The provider's name when this follows a provider sign-in ("Google confirmed who you are"). */
  @property({ attribute: 'via-provider' }) viaProvider: string | null = null;
  /** `kit`: the element asks the kit's API. `host`: it emits events and waits for `succeed()` / `fail()`. */
  @property({ reflect: true }) mode: 'kit' | 'host' = 'kit';
  /** Host mode: the first text message was already sent when the page was rendered (starts the resend countdown). */
  @property({ type: Boolean, attribute: 'sms-sent' }) smsSent = false;
  /** Host mode, passkeys: `PublicKeyCredentialRequestOptionsJSON`, or a function that fetches fresh options. */
  @property({ attribute: false }) passkeyOptions?: object | (() => Promise<object>);

  @state() protected method: TwoFactorMethod = 'totp';
  @state() protected code = '';
  @state() protected trustDevice = false;
  @state() protected pending = false;
  @state() protected done = false;
  @state() protected error: string | null = null;
  @state() protected codeError: string | null = null;

  private readonly lock = new CountdownController(this);
  private readonly resend = new CountdownController(this);

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (changed.has('methods')) {
      const first = this.methods.includes('totp') ? 'totp' : this.methods.includes('sms') ? 'sms' : 'recovery_code';
      this.choose(first, this.mode === 'kit');
    }
    if (changed.has('smsSent') && this.smsSent && !this.resend.running) this.resend.start(30);
  }

  override render() {
    const locked = this.lock.running;
    const method = this.method;
    const busy = this.pending || this.done;
    const title = method === 'recovery_code' ? msg('Use a recovery code') : method === 'sms' ? msg('Check your phone') : msg('Two-factor authentication');
    return html`
      <form class="card" part="form" novalidate @submit=${this.submit} aria-busy=${busy ? 'true' : 'false'}>
        <h2 id="code-title">${title}</h2>
        <p class="muted">${this.intro(method)}</p>
        ${this.renderAlert(locked)}
        ${method === 'recovery_code'
          ? field({
              id: 'recovery-code',
              label: msg('Recovery code'),
              error: this.codeError,
              errorRole: 'alert',
              control: inputControl({
                name: 'code',
                part: 'code-input',
                autocomplete: 'off',
                autocapitalize: 'none',
                spellcheck: false,
                placeholder: 'xxxxx-xxxxx',
                value: this.code,
                onInput: (e) => (this.code = (e.target as HTMLInputElement).value),
              }),
            })
          : codeFieldTemplate({
              id: 'one-time-code',
              label: method === 'sms' ? msg('Code from the text message') : msg('Authentication code'),
              value: this.code,
              error: this.codeError,
              onInput: (value) => {
                this.code = value;
                this.codeError = null;
              },
              onComplete: () => void this.verify(),
            })}
        <label class="check">
          <input type="checkbox" name="trustDevice" .checked=${this.trustDevice} @change=${(e: Event) => (this.trustDevice = (e.target as HTMLInputElement).checked)} />
          ${msg('Trust this device for 30 days')}
        </label>
        <button type="submit" class="primary" part="submit" ?disabled=${busy || locked}>${this.pending ? msg('Please wait…') : msg('Verify')}</button>
        <div class="other-ways">${this.renderOtherWays(method, busy || locked)}</div>
      </form>
    `;
  }

  private renderOtherWays(method: TwoFactorMethod, blocked: boolean) {
    const offered = (m: TwoFactorMethod) => method !== m && this.methods.includes(m);
    const passkey = this.methods.includes('passkey') && passkeysSupported() && (this.mode === 'kit' || this.passkeyOptions !== undefined);
    return html`
      ${method === 'sms'
        ? html`<button type="button" class="link resend" ?disabled=${this.resend.running || blocked} @click=${() => this.sendSms()}>
            ${this.resend.running ? msg(str`Send a new code in ${formatCountdown(this.resend.remaining)}`) : this.smsSent ? msg('Send a new code') : msg('Text me a code')}
          </button>`
        : nothing}
      ${offered('totp') ? html`<button type="button" class="link" @click=${() => this.choose('totp')}>${msg('Use your authenticator app')}</button>` : nothing}
      ${offered('sms') ? html`<button type="button" class="link" @click=${() => this.choose('sms', true)}>${msg('Text me a code')}</button>` : nothing}
      ${passkey ? html`<button type="button" class="link" ?disabled=${blocked} @click=${this.usePasskey}>${msg('Use a passkey')}</button>` : nothing}
      ${method !== 'recovery_code' ? html`<button type="button" class="link" @click=${() => this.choose('recovery_code')}>${msg('Use a recovery code')}</button>` : nothing}
      <button type="button" class="link" @click=${() => this.emit('sk-two-factor-cancelled', { reason: 'back' })}>${msg('Back to sign in')}</button>
    `;
  }

  private renderAlert(locked: boolean) {
    if (locked)
      return html`<div class="alert error" role="alert" part="error">
        ${msg('Too many failed attempts. You can try again in')}
        <span class="countdown" aria-live="off">${formatCountdown(this.lock.remaining)}</span>.
      </div>`;
    if (this.done) return html`<div class="alert success" role="status">${msg('Verified. Signing you in…')}</div>`;
    return this.error ? html`<div class="alert error" role="alert" part="error">${this.error}</div>` : nothing;
  }

  /** The sentence under the title. */
  private intro(method: TwoFactorMethod) {
    if (method === 'recovery_code')
      return msg('Enter one of the recovery codes you saved when you turned on two-factor authentication. Each code works once.');
    if (method === 'sms')
      return this.smsSent ? msg('We texted a 6-digit code to your phone. It expires in 10 minutes.') : msg('We will text a 6-digit code to your phone.');
    if (this.viaProvider)
      return msg(str`${this.viaProvider} confirmed who you are. To finish signing in, open your authenticator app and enter the 6-digit code for this account.`);
    return msg('Open your authenticator app and enter the 6-digit code for this account.');
  }

  private choose(method: TwoFactorMethod, send = false) {
    this.method = method;
    this.code = '';
    this.codeError = null;
    this.error = null;
    void this.updateComplete.then(() => this.focus());
    if (method === 'sms' && send && !this.smsSent) void this.sendSms();
  }

  /** Moves focus to the code field. */
  override focus() {
    this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus();
  }

  private async sendSms() {
    if (this.resend.running) return;
    const own = this.emit('sk-two-factor-sms-requested', {}) && this.mode === 'kit';
    if (!own) {
      this.smsSent = true;
      this.resend.start(30);
      return;
    }
    try {
      await read(this.api.auth['sign-in']['two-factor'].sms.$post());
      this.smsSent = true;
      this.resend.start(30);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'sms_not_enabled') {
        // The methods were guessed (a provider sign-in without them): take SMS off, go to the next one.
        this.methods = this.methods.filter((m) => m !== 'sms');
        await this.updateComplete;
        this.error = msg('Text-message codes are not set up for this account. Use your authenticator app or a recovery code.');
        return;
      }
      this.fail(error instanceof ApiError ? { code: error.code, message: error.message, retryAfter: error.retryAfter } : errorMessage(error));
    }
  }

  private submit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.verify();
  };

  private async verify() {
    if (this.pending || this.done || this.lock.running) return;
    const code = this.code.trim();
    if (!code) {
      this.codeError = this.method === 'recovery_code' ? msg('Enter a recovery code.') : msg('Enter the 6-digit code.');
      return;
    }
    await this.check(this.method, code);
  }

  /** The code step answered with one of the account's passkeys instead of a code. */
  private usePasskey = async () => {
    if (this.pending || this.done || this.lock.running) return;
    this.pending = true;
    this.error = null;
    let code: string;
    try {
      const options =
        this.mode === 'kit' ? await read(this.api.auth.passkey.options.$post()) : typeof this.passkeyOptions === 'function' ? await this.passkeyOptions() : this.passkeyOptions;
      code = JSON.stringify(await getPasskey(options));
    } catch (error) {
      this.pending = false;
      this.error = passkeyCancelled(error) ? msg('No passkey was used. Enter a code instead, or try again.') : errorMessage(error);
      return;
    }
    this.pending = false;
    await this.check('passkey', code);
  };

  /** Emits `sk-two-factor-code`; in kit mode (not cancelled) posts it, else waits for `succeed()` / `fail()`. */
  private async check(method: TwoFactorMethod, code: string) {
    this.pending = true;
    this.error = null;
    this.codeError = null;
    const own = this.emit('sk-two-factor-code', { method, code, trustDevice: this.trustDevice }) && this.mode === 'kit';
    if (!own) return;
    try {
      const result = await read(this.api.auth['sign-in']['two-factor'].$post({ json: { method, code, trustDevice: this.trustDevice } }));
      this.pending = false;
      if (result.status === 'signed_in') this.emit('sk-signed-in', { user: (result as { user?: unknown }).user });
    } catch (error) {
      if (method === 'passkey' && error instanceof ApiError && error.code === 'invalid_code') this.fail(msg('That passkey does not belong to this account.'));
      else this.fail(error instanceof ApiError ? { code: error.code, message: error.message, retryAfter: error.retryAfter } : errorMessage(error));
    }
  }

  /** The host accepted the code: the form stays disabled and says so while the host moves on. */
  succeed() {
    this.pending = false;
    this.done = true;
    this.error = null;
  }

  /**
   * The host refused the code (or the text message). No argument or `{code: "invalid_code"}`: "That
   * code did not work" next to the field; `account_locked` with `retryAfter` seconds: the lock
   * countdown; `rate_limited`: the resend countdown; `challenge_expired`: `sk-two-factor-cancelled`
   * `{reason: "expired"}`; a string: that message.
   */
  fail(reason: ChallengeFailure = { code: 'invalid_code' }) {
    this.pending = false;
    this.done = false;
    const failure = typeof reason === 'string' ? { code: '', message: reason } : reason;
    if (failure.code === 'invalid_code') {
      this.code = '';
      this.codeError = this.method === 'recovery_code' ? msg('That recovery code did not work. It may have been used already.') : wrongCodeMessage();
      void this.updateComplete.then(() => this.focus());
    } else if (failure.code === 'account_locked') this.lock.start(failure.retryAfter ?? 300);
    else if (failure.code === 'rate_limited') {
      this.smsSent = true;
      this.resend.start(failure.retryAfter ?? 30);
    } else if (failure.code === 'challenge_expired') this.emit('sk-two-factor-cancelled', { reason: 'expired' });
    else if (failure.code === 'account_disabled') this.error = msg('This account is disabled. Ask your administrator to turn it back on.');
    else if (failure.code === 'try_again') this.error = msg('Another sign-in to this account is being checked right now. Try again in a moment.');
    else this.error = failure.message ?? msg('Something went wrong. Try again.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'two-factor-challenge': TwoFactorChallenge;
  }
}
