import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { CountdownController } from '../internal/countdown-controller';
import { formatCountdown } from '../internal/format';
import { codeFieldTemplate, wrongCodeMessage } from '../two-factor-setup/code-field';
import { removeQueryParams } from '../internal/location';
import { getPasskey, passkeyCancelled, passkeysSupported } from '../user-passkeys/webauthn';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { signInFormStyles } from './sign-in-form.styles';
import { resetTokenFromLocation } from '../forgot-password/forgot-password';

type CodeMethod = 'totp' | 'sms' | 'passkey' | 'recovery_code';

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', microsoft: 'Microsoft', github: 'GitHub' };

/**
 * Email and password sign-in, with a switch to sign-up. Shows the server's errors next to their
 * fields, and a live countdown while the account is locked. For an account with two-factor
 * authentication the code step follows: authenticator code, "text me a code" when SMS is on, "use
 * a recovery code", and "trust this device for 30 days". The same code step opens when the page
 * comes back from a provider sign-in (`<oauth-sign-in>`) with `?oauth=two_factor_required`: the
 * provider stood for the password, the second factor is still asked.
 *
 * @fires sk-signed-in - `{ user }` after a successful sign-in or sign-up.
 * @slot providers - Other ways to sign in, shown under the password form, e.g. `<oauth-sign-in slot="providers">`.
 *   Hidden while creating an account, during the code step and password recovery.
 * @csspart form - The form.
 * @csspart submit - The submit button.
 * @csspart error - The error message.
 * @cssproperty --sk-accent - Accent colour of the submit button.
 */
@localized()
@customElement('sign-in-form')
export class SignInForm extends SkElement {
  static override styles = [tokens, controls, signInFormStyles];

  /** `sign-in` or `sign-up`. */
  @property({ reflect: true }) mode: 'sign-in' | 'sign-up' = 'sign-in';
  /** Hide the sign-up switch (hosts that create accounts themselves). */
  @property({ type: Boolean, attribute: 'no-sign-up' }) noSignUp = false;

  /** Showing `<forgot-password>` instead (its "Forgot password?" link, or an emailed reset link). */
  @state() private forgot = resetTokenFromLocation() !== null;
  @state() private pending = false;
  @state() private error: string | null = null;
  @state() private fieldErrors: Record<string, string> = {};
  @query('input[name=email]') private emailInput!: HTMLInputElement;

  /** `password`, or `code` after `two_factor_required`. */
  @state() protected step: 'password' | 'code' = 'password';
  @state() protected methods: CodeMethod[] = [];
  @state() protected codeMethod: CodeMethod = 'totp';
  @state() protected code = '';
  @state() protected trustDevice = false;
  @state() protected smsSent = false;

  /** The provider's name when the code step follows a provider sign-in (the methods are not known then). */
  @state() protected viaProvider: string | null = null;

  private readonly lock = new CountdownController(this);
  private readonly resend = new CountdownController(this);

  override connectedCallback() {
    super.connectedCallback();
    this.readOAuthOutcome();
  }

  /**
   * A provider sign-in for an account with two-factor authentication comes back with
   * `?oauth=two_factor_required&provider=…` and a pending challenge (10 minutes): ask for the code.
   * The redirect does not say which methods the account has, so the authenticator code comes
   * first, with texting a code and a recovery code as the other ways.
   */
  private readOAuthOutcome() {
    const params = new URLSearchParams(globalThis.location?.search ?? '');
    if (params.get('oauth') !== 'two_factor_required') return;
    const provider = params.get('provider') ?? '';
    removeQueryParams('oauth', 'provider');
    this.forgot = false;
    this.viaProvider = PROVIDER_NAMES[provider] ?? msg('your provider');
    this.handleSignInResult({ status: 'two_factor_required', methods: ['totp', 'sms', 'recovery_code'] });
  }

  override render() {
    if (this.forgot)
      return html`<forgot-password .email=${this.emailInput?.value ?? ''} @sk-back-to-sign-in=${() => (this.forgot = false)}></forgot-password>`;
    if (this.step === 'code') return this.renderCodeStep();
    const signUp = this.mode === 'sign-up';
    const locked = this.lock.running;
    return html`
      <form class="card" part="form" novalidate @submit=${this.submit} aria-busy=${this.pending ? 'true' : 'false'}>
        <h2>${signUp ? msg('Create your account') : msg('Sign in')}</h2>
        ${this.renderAlert(locked)}
        ${signUp
          ? html`<div class="field">
              <label for="name">${msg('Display name')}</label>
              <input id="name" name="displayName" autocomplete="name" maxlength="100" />
            </div>`
          : nothing}
        <div class="field">
          <label for="email">${msg('Email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete=${signUp ? 'email' : 'username'}
            required
            aria-invalid=${this.fieldErrors.email ? 'true' : 'false'}
            aria-describedby=${this.fieldErrors.email ? 'email-error' : nothing}
          />
          ${this.fieldErrors.email ? html`<div id="email-error" class="field-error">${this.fieldErrors.email}</div>` : nothing}
        </div>
        <div class="field">
          <label for="password">${msg('Password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete=${signUp ? 'new-password' : 'current-password'}
            required
            aria-invalid=${this.fieldErrors.password ? 'true' : 'false'}
            aria-describedby=${signUp ? 'password-hint' : this.fieldErrors.password ? 'password-error' : nothing}
          />
          ${this.fieldErrors.password ? html`<div id="password-error" class="field-error">${this.fieldErrors.password}</div>` : nothing}
          ${signUp ? html`<div id="password-hint" class="hint">${msg('At least 8 characters. A few unrelated words make a strong password.')}</div>` : nothing}
          ${signUp ? nothing : html`<div class="hint"><button type="button" class="link" @click=${() => (this.forgot = true)}>${msg('Forgot password?')}</button></div>`}
        </div>
        <button type="submit" class="primary" part="submit" ?disabled=${this.pending || locked}>
          ${this.pending ? msg('Please wait…') : signUp ? msg('Create account') : msg('Sign in')}
        </button>
        ${signUp || !passkeysSupported()
          ? nothing
          : html`<button type="button" part="passkey" ?disabled=${this.pending || locked} @click=${this.signInWithPasskey}>${msg('Sign in with a passkey')}</button>`}
        ${signUp ? nothing : html`<slot name="providers"></slot>`}
        ${this.noSignUp
          ? nothing
          : html`<div class="switch">
              ${signUp ? msg('Already have an account?') : msg('New here?')}
              <button type="button" class="link" @click=${this.toggleMode}>${signUp ? msg('Sign in') : msg('Create an account')}</button>
            </div>`}
      </form>
    `;
  }

  private renderAlert(locked: boolean) {
    if (locked) {
      return html`<div class="alert error" role="alert" part="error">
        ${msg('Too many failed attempts. You can try again in')}
        <span class="countdown" aria-live="off">${formatCountdown(this.lock.remaining)}</span>.
      </div>`;
    }
    return this.error ? html`<div class="alert error" role="alert" part="error">${this.error}</div>` : nothing;
  }

  private toggleMode() {
    this.mode = this.mode === 'sign-in' ? 'sign-up' : 'sign-in';
    this.error = null;
    this.fieldErrors = {};
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.pending || this.lock.running) return;
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const fieldErrors: Record<string, string> = {};
    if (!email) fieldErrors.email = msg('Enter your email address.');
    if (!password) fieldErrors.password = msg('Enter your password.');
    this.fieldErrors = fieldErrors;
    this.error = null;
    if (Object.keys(fieldErrors).length) return;
    this.pending = true;
    try {
      if (this.mode === 'sign-up') {
        const displayName = String(data.get('displayName') ?? '').trim() || undefined;
        const { user } = await read(this.api.auth['sign-up'].$post({ json: { email, password, displayName } }));
        this.emit('sk-signed-in', { user });
      } else {
        const result = await read(this.api.auth['sign-in'].$post({ json: { email, password } }));
        this.handleSignInResult(result);
      }
    } catch (error) {
      this.showError(error);
    } finally {
      this.pending = false;
    }
  }

  /** A discoverable passkey: the browser lists this site's passkeys, no email needed. */
  private signInWithPasskey = async () => {
    if (this.pending) return;
    this.pending = true;
    this.error = null;
    this.fieldErrors = {};
    try {
      const options = await read(this.api.auth.passkey.options.$post());
      const response = await getPasskey(options);
      this.handleSignInResult(await read(this.api.auth.passkey.$post({ json: { response: response as never } })));
    } catch (error) {
      if (passkeyCancelled(error)) this.error = msg('No passkey was used. Try again, or sign in with your password.');
      else this.showError(error);
    } finally {
      this.pending = false;
    }
  };

  /** Signed in, or the code step when the account has two-factor authentication. */
  protected handleSignInResult(result: { status: string; user?: unknown; methods?: string[] }) {
    if (result.status === 'signed_in') {
      this.step = 'password';
      this.emit('sk-signed-in', { user: result.user });
      return;
    }
    if (result.status === 'two_factor_required') {
      this.emailForCode = this.emailInput?.value ?? this.emailForCode;
      this.methods = (result.methods ?? []) as CodeMethod[];
      this.step = 'code';
      this.smsSent = false;
      this.error = null;
      this.chooseMethod(this.methods.includes('totp') ? 'totp' : this.methods.includes('sms') ? 'sms' : 'recovery_code');
      if (this.codeMethod === 'sms') void this.sendSms();
    }
  }

  /** The sentence under the code step's title. */
  private codeIntro(method: CodeMethod) {
    if (method === 'recovery_code')
      return msg('Enter one of the recovery codes you saved when you turned on two-factor authentication. Each code works once.');
    if (method === 'sms')
      return this.smsSent ? msg('We texted a 6-digit code to your phone. It expires in 10 minutes.') : msg('We will text a 6-digit code to your phone.');
    if (this.viaProvider)
      return msg(str`${this.viaProvider} confirmed who you are. To finish signing in, open your authenticator app and enter the 6-digit code for this account.`);
    return msg('Open your authenticator app and enter the 6-digit code for this account.');
  }

  private renderCodeStep() {
    const locked = this.lock.running;
    const method = this.codeMethod;
    const title = method === 'recovery_code' ? msg('Use a recovery code') : method === 'sms' ? msg('Check your phone') : msg('Two-factor authentication');
    const intro = this.codeIntro(method);
    const codeError = this.fieldErrors.code;
    return html`
      <form class="card" part="form" novalidate @submit=${this.submitCode} aria-busy=${this.pending ? 'true' : 'false'}>
        <h2 id="code-title">${title}</h2>
        <p class="muted">${intro}</p>
        ${this.renderAlert(locked)}
        ${method === 'recovery_code'
          ? html`<div class="field">
              <label for="recovery-code">${msg('Recovery code')}</label>
              <input
                id="recovery-code"
                name="code"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                placeholder="xxxxx-xxxxx"
                .value=${this.code}
                @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
                aria-invalid=${codeError ? 'true' : 'false'}
                aria-describedby=${codeError ? 'recovery-code-error' : nothing}
              />
              ${codeError ? html`<div id="recovery-code-error" class="field-error" role="alert">${codeError}</div>` : nothing}
            </div>`
          : codeFieldTemplate({
              id: 'one-time-code',
              label: method === 'sms' ? msg('Code from the text message') : msg('Authentication code'),
              value: this.code,
              error: codeError,
              onInput: (value) => {
                this.code = value;
                if (this.fieldErrors.code) this.fieldErrors = {};
              },
              onComplete: () => void this.verifyCode(),
            })}
        <label class="check">
          <input type="checkbox" name="trustDevice" .checked=${this.trustDevice} @change=${(e: Event) => (this.trustDevice = (e.target as HTMLInputElement).checked)} />
          ${msg('Trust this device for 30 days')}
        </label>
        <button type="submit" class="primary" part="submit" ?disabled=${this.pending || locked}>${this.pending ? msg('Please wait…') : msg('Verify')}</button>
        <div class="other-ways">
          ${method === 'sms'
            ? html`<button type="button" class="link resend" ?disabled=${this.resend.running || locked} @click=${() => this.sendSms()}>
                ${this.resend.running ? msg(str`Send a new code in ${formatCountdown(this.resend.remaining)}`) : this.smsSent ? msg('Send a new code') : msg('Text me a code')}
              </button>`
            : nothing}
          ${method !== 'totp' && this.methods.includes('totp')
            ? html`<button type="button" class="link" @click=${() => this.chooseMethod('totp')}>${msg('Use your authenticator app')}</button>`
            : nothing}
          ${method !== 'sms' && this.methods.includes('sms')
            ? html`<button type="button" class="link" @click=${() => this.chooseMethod('sms', true)}>${msg('Text me a code')}</button>`
            : nothing}
          ${this.methods.includes('passkey') && passkeysSupported()
            ? html`<button type="button" class="link" ?disabled=${this.pending || locked} @click=${this.passkeyForCode}>${msg('Use a passkey')}</button>`
            : nothing}
          ${method !== 'recovery_code'
            ? html`<button type="button" class="link" @click=${() => this.chooseMethod('recovery_code')}>${msg('Use a recovery code')}</button>`
            : nothing}
          <button type="button" class="link" @click=${this.startOver}>${msg('Back to sign in')}</button>
        </div>
      </form>
    `;
  }

  private chooseMethod(method: CodeMethod, send = false) {
    this.codeMethod = method;
    this.code = '';
    this.fieldErrors = {};
    this.error = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus());
    if (send && !this.smsSent) void this.sendSms();
  }

  private startOver = () => {
    this.step = 'password';
    this.viaProvider = null;
    this.methods = [];
    this.code = '';
    this.error = null;
    this.fieldErrors = {};
    this.resend.stop();
    void this.updateComplete.then(() => {
      if (this.emailInput) this.emailInput.value = this.emailForCode;
      this.focus();
    });
  };
  /** The email of the pending sign-in, put back when going back to the password step. */
  private emailForCode = '';

  private async sendSms() {
    if (this.resend.running) return;
    try {
      await read(this.api.auth['sign-in']['two-factor'].sms.$post());
      this.smsSent = true;
      this.resend.start(30);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'rate_limited') {
        this.smsSent = true;
        this.resend.start(error.retryAfter ?? 30);
        return;
      }
      if (error instanceof ApiError && error.code === 'sms_not_enabled') {
        // Only after a provider sign-in are the methods guessed: take SMS off and go back to the first one left.
        this.methods = this.methods.filter((m) => m !== 'sms');
        this.chooseMethod(this.methods.includes('totp') ? 'totp' : 'recovery_code');
        this.error = msg('Text-message codes are not set up for this account. Use your authenticator app or a recovery code.');
        return;
      }
      this.handleCodeError(error);
    }
  }

  private submitCode = (event: SubmitEvent) => {
    event.preventDefault();
    void this.verifyCode();
  };

  private async verifyCode() {
    if (this.pending || this.lock.running) return;
    const code = this.code.trim();
    if (!code) {
      this.fieldErrors = { code: this.codeMethod === 'recovery_code' ? msg('Enter a recovery code.') : msg('Enter the 6-digit code.') };
      return;
    }
    this.pending = true;
    this.error = null;
    this.fieldErrors = {};
    try {
      const result = await read(this.api.auth['sign-in']['two-factor'].$post({ json: { method: this.codeMethod, code, trustDevice: this.trustDevice } }));
      this.handleSignInResult(result);
    } catch (error) {
      this.handleCodeError(error);
    } finally {
      this.pending = false;
    }
  }

  /** The code step answered with one of the account's passkeys instead of a code. */
  private passkeyForCode = async () => {
    if (this.pending || this.lock.running) return;
    this.pending = true;
    this.error = null;
    this.fieldErrors = {};
    try {
      const options = await read(this.api.auth.passkey.options.$post());
      const code = JSON.stringify(await getPasskey(options));
      this.handleSignInResult(await read(this.api.auth['sign-in']['two-factor'].$post({ json: { method: 'passkey', code, trustDevice: this.trustDevice } })));
    } catch (error) {
      if (passkeyCancelled(error)) this.error = msg('No passkey was used. Enter a code instead, or try again.');
      else if (error instanceof ApiError && error.code === 'invalid_code') this.error = msg('That passkey does not belong to this account.');
      else this.handleCodeError(error);
    } finally {
      this.pending = false;
    }
  };

  private handleCodeError(error: unknown) {
    if (error instanceof ApiError && error.code === 'invalid_code') {
      this.code = '';
      this.fieldErrors = { code: this.codeMethod === 'recovery_code' ? msg('That recovery code did not work. It may have been used already.') : wrongCodeMessage() };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus());
      return;
    }
    if (error instanceof ApiError && error.code === 'challenge_expired') {
      const provider = this.viaProvider;
      this.startOver();
      this.error = provider ? msg(str`Your sign-in took too long. Sign in with ${provider} again, or with your email and password.`) : error.message;
      return;
    }
    this.showError(error);
  }

  protected showError(error: unknown) {
    if (error instanceof ApiError && error.code === 'account_locked') {
      this.lock.start(error.retryAfter ?? 300);
      return;
    }
    if (error instanceof ApiError && error.code === 'account_disabled') {
      this.error = msg('This account is disabled. Ask your administrator to turn it back on.');
      return;
    }
    if (error instanceof ApiError && error.code === 'try_again') {
      this.error = msg('Another sign-in to this account is being checked right now. Try again in a moment.');
      return;
    }
    if (error instanceof ApiError && error.fields) {
      this.fieldErrors = error.fields;
      if (Object.keys(error.fields).length > 1 || !('email' in error.fields || 'password' in error.fields)) this.error = error.message;
      return;
    }
    this.error = errorMessage(error);
  }

  /** Moves focus to the email field. */
  override focus() {
    this.emailInput?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-form': SignInForm;
  }
}
