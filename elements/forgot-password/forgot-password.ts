import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { field } from '../internal/field';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { CountdownController } from '../internal/countdown-controller';
import { formatCountdown } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { forgotPasswordStyles } from './forgot-password.styles';
import { authColumnStyles } from '../internal/layout.styles';

/** The fragment of the emailed reset link. */
export const RESET_FRAGMENT = 'sk-reset-password';

export type ForgotPasswordStep = 'request' | 'sent' | 'reset' | 'done';

/** Reads a reset token from `#sk-reset-password=…`, if the page was opened from the emailed link. */
export function resetTokenFromLocation(): string | null {
  const match = new RegExp(`${RESET_FRAGMENT}=([^&]+)`).exec(globalThis.location?.hash ?? '');
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * Password recovery (seed 002): ask for a link by email, or — when the administrator turned phone
 * confirmation on — for a code by SMS to the account's confirmed phone; then choose a new password.
 * Opened from the emailed link (`#sk-reset-password=…`) it goes straight to the new password. The
 * answer never tells whether an account exists. After a reset every device is signed out, and
 * two-factor authentication is asked for at the next sign-in as before.
 *
 * @fires sk-back-to-sign-in - `{ email }` when the user goes back to the sign-in form (also after a reset).
 * @fires sk-password-reset - After the new password was set.
 * @csspart form - Each form.
 * @csspart submit - The submit buttons.
 * @cssproperty --sk-accent - Accent colour of the submit buttons.
 */
@localized()
@customElement('forgot-password')
export class ForgotPassword extends SkElement {
  static override styles = [tokens, controls, authColumnStyles, forgotPasswordStyles];

  /** The email to start with (e.g. what was typed in the sign-in form). */
  @property() email = '';
  /** The current step; starts at `reset` when the page has a reset link token. */
  @property({ reflect: true }) step: ForgotPasswordStep = 'request';

  @state() protected methods: ('email' | 'sms')[] = ['email'];
  @state() protected method: 'email' | 'sms' = 'email';
  @state() protected token: string | null = null;
  @state() protected pending = false;
  @state() protected error: string | null = null;
  @state() protected fieldErrors: Record<string, string> = {};
  protected readonly resend = new CountdownController(this);

  override connectedCallback() {
    super.connectedCallback();
    const token = resetTokenFromLocation();
    if (token) {
      this.token = token;
      this.step = 'reset';
      history.replaceState(null, '', location.pathname + location.search);
    }
    void this.loadMethods();
  }

  protected async loadMethods() {
    try {
      const { methods } = await read(this.api.auth['password-recovery'].$get());
      this.methods = methods;
    } catch {
      this.methods = ['email'];
    }
  }

  override render() {
    return html`<div class="card">${this.renderStep()}</div>`;
  }

  protected renderStep() {
    switch (this.step) {
      case 'sent':
        return this.method === 'sms' ? this.renderPasswordForm() : this.renderSent();
      case 'reset':
        return this.renderPasswordForm();
      case 'done':
        return html`<div class="stack">
          <h2>${msg('Your password was changed')}</h2>
          <div class="alert success" role="status">${msg('Every device was signed out. Sign in with your new password.')}</div>
          <button class="primary" @click=${this.back}>${msg('Sign in')}</button>
        </div>`;
      default:
        return this.renderRequest();
    }
  }

  protected renderAlert() {
    return this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing;
  }

  protected field(name: string, label: string, attrs: { type?: string; autocomplete?: string; inputmode?: string; hint?: string; cls?: string; value?: string; maxlength?: number }) {
    return field({
      id: name,
      label,
      hint: attrs.hint,
      error: this.fieldErrors[name],
      control: (a) => html`<input
        id=${a.id}
        name=${name}
        class=${attrs.cls ?? ''}
        type=${attrs.type ?? 'text'}
        autocomplete=${attrs.autocomplete ?? 'off'}
        inputmode=${attrs.inputmode ?? nothing}
        maxlength=${attrs.maxlength ?? nothing}
        .value=${attrs.value ?? ''}
        required
        aria-invalid=${a.invalid}
        aria-describedby=${ifDefined(a.describedBy)}
      />`,
    });
  }

  protected renderRequest() {
    const sms = this.methods.includes('sms');
    return html`<form part="form" novalidate @submit=${this.request} aria-busy=${this.pending ? 'true' : 'false'}>
      <h2>${msg('Reset your password')}</h2>
      <p class="muted">
        ${sms ? msg('Enter the email of your account. We will send you a link, or a code to the phone you confirmed.') : msg('Enter the email of your account and we will send you a link to choose a new password.')}
      </p>
      ${this.renderAlert()} ${this.field('email', msg('Email'), { type: 'email', autocomplete: 'username', value: this.email })}
      ${sms
        ? html`<fieldset>
            <legend>${msg('Send me')}</legend>
            <span class="choice"
              ><input type="radio" id="by-email" name="method" value="email" .checked=${this.method === 'email'} @change=${() => (this.method = 'email')} /><label for="by-email"
                >${msg('A link by email')}</label
              ></span
            >
            <span class="choice"
              ><input type="radio" id="by-sms" name="method" value="sms" .checked=${this.method === 'sms'} @change=${() => (this.method = 'sms')} /><label for="by-sms"
                >${msg('A code by SMS')}</label
              ></span
            >
          </fieldset>`
        : nothing}
      <button type="submit" class="primary" part="submit" ?disabled=${this.pending}>
        ${this.pending ? msg('Please wait…') : this.method === 'sms' ? msg('Send code') : msg('Send link')}
      </button>
      <div class="back"><button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button></div>
    </form>`;
  }

  protected renderSent() {
    return html`<div class="stack">
      <h2>${msg('Check your email')}</h2>
      <div class="alert success" role="status">${msg(str`If an account exists for ${this.email}, we sent it a link to choose a new password. The link works for one hour.`)}</div>
      <p class="muted">${msg('No message? Look in your spam folder, or ask again in a minute.')}</p>
      <div class="row">
        <button type="button" ?disabled=${this.resend.running || this.pending} @click=${() => this.send()}>
          ${this.resend.running ? msg(str`Send again in ${formatCountdown(this.resend.remaining)}`) : msg('Send again')}
        </button>
        <span class="spacer"></span>
        <button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button>
      </div>
    </div>`;
  }

  protected renderPasswordForm() {
    const bySms = this.step === 'sent';
    return html`<form part="form" novalidate @submit=${this.reset} aria-busy=${this.pending ? 'true' : 'false'}>
      <h2>${msg('Choose a new password')}</h2>
      ${bySms
        ? html`<div class="alert success" role="status">${msg(str`If ${this.email} has a confirmed phone, we texted it a 6-digit code. It works for 10 minutes.`)}</div>`
        : nothing}
      ${this.renderAlert()}
      ${bySms ? this.field('code', msg('Code'), { inputmode: 'numeric', autocomplete: 'one-time-code', cls: 'code', maxlength: 6 }) : nothing}
      ${this.field('newPassword', msg('New password'), {
        type: 'password',
        autocomplete: 'new-password',
        hint: msg('At least 8 characters. A few unrelated words make a strong password.'),
      })}
      <button type="submit" class="primary" part="submit" ?disabled=${this.pending}>${this.pending ? msg('Please wait…') : msg('Set new password')}</button>
      <div class="back"><button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button></div>
    </form>`;
  }

  protected async request(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.email = String(data.get('email') ?? '').trim();
    if (!this.email) {
      this.fieldErrors = { email: msg('Enter your email address.') };
      return;
    }
    await this.send();
  }

  protected async send() {
    this.fieldErrors = {};
    this.error = null;
    this.pending = true;
    try {
      await read(this.api.auth['password-recovery'].$post({ json: { email: this.email, method: this.method } }));
      this.step = 'sent';
      this.resend.start(60);
    } catch (error) {
      if (error instanceof ApiError && error.fields) this.fieldErrors = error.fields;
      else this.error = errorMessage(error);
    } finally {
      this.pending = false;
    }
  }

  protected async reset(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const newPassword = String(data.get('newPassword') ?? '');
    const code = String(data.get('code') ?? '').replace(/\s+/g, '');
    const fieldErrors: Record<string, string> = {};
    if (this.step === 'sent' && !/^\d{6}$/.test(code)) fieldErrors.code = msg('Enter the 6 digits of the code.');
    if (!newPassword) fieldErrors.newPassword = msg('Enter a new password.');
    this.fieldErrors = fieldErrors;
    this.error = null;
    if (Object.keys(fieldErrors).length) return;
    this.pending = true;
    try {
      const json = this.step === 'sent' ? { email: this.email, code, newPassword } : { token: this.token ?? '', newPassword };
      await read(this.api.auth['password-recovery'].reset.$post({ json }));
      this.step = 'done';
      this.emit('sk-password-reset');
    } catch (error) {
      if (error instanceof ApiError && error.fields) this.fieldErrors = error.fields;
      else this.error = errorMessage(error);
    } finally {
      this.pending = false;
    }
  }

  protected back() {
    this.emit('sk-back-to-sign-in', { email: this.email });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forgot-password': ForgotPassword;
  }
}
