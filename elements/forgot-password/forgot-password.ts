import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { checkField, field } from '../internal/field';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask } from '../internal/api-task';
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

  @state() protected method: 'email' | 'sms' = 'email';
  @state() protected token: string | null = null;
  /** Asking for a link or code, and setting the new password: one form at a time, so one action. Its `resend` counts down "Send again". */
  protected readonly action = new ActionController(this);
  /** The ways the server offers; a failed read leaves email, which always works. */
  protected readonly recovery = apiTask(this, (api) =>
    read(api.auth['password-recovery'].$get()).then(
      (r) => r.methods,
      (): ('email' | 'sms')[] => ['email'],
    ),
  );

  /** Email only until the server said more. */
  protected get methods() {
    return this.recovery.value ?? ['email'];
  }

  override connectedCallback() {
    super.connectedCallback();
    const token = resetTokenFromLocation();
    if (token) {
      this.token = token;
      this.step = 'reset';
      history.replaceState(null, '', location.pathname + location.search);
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

  protected field(name: string, label: string, attrs: { type?: string; autocomplete?: string; inputmode?: string; hint?: string; cls?: string; value?: string; maxlength?: number }) {
    return field({
      id: name,
      label,
      hint: attrs.hint,
      error: this.action.fieldErrors[name],
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
    const pending = this.action.pending;
    const choice = (value: 'email' | 'sms', label: string) =>
      checkField({
        id: `by-${value}`,
        label,
        control: (a) => html`<input type="radio" id=${a.id} name="method" value=${value} .checked=${this.method === value} @change=${() => (this.method = value)} />`,
      });
    return html`<form part="form" novalidate @submit=${this.request} aria-busy=${pending ? 'true' : 'false'}>
      <h2>${msg('Reset your password')}</h2>
      <p class="muted">
        ${sms ? msg('Enter the email of your account. We will send you a link, or a code to the phone you confirmed.') : msg('Enter the email of your account and we will send you a link to choose a new password.')}
      </p>
      ${this.action.renderError()} ${this.field('email', msg('Email'), { type: 'email', autocomplete: 'username', value: this.email })}
      ${sms
        ? html`<fieldset>
            <legend>${msg('Send me')}</legend>
            ${choice('email', msg('A link by email'))} ${choice('sms', msg('A code by SMS'))}
          </fieldset>`
        : nothing}
      <button type="submit" class="primary" part="submit" ?disabled=${pending}>
        ${pending ? msg('Please wait…') : this.method === 'sms' ? msg('Send code') : msg('Send link')}
      </button>
      <div class="back"><button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button></div>
    </form>`;
  }

  protected renderSent() {
    const resend = this.action.resend;
    return html`<div class="stack">
      <h2>${msg('Check your email')}</h2>
      <div class="alert success" role="status">${msg(str`If an account exists for ${this.email}, we sent it a link to choose a new password. The link works for one hour.`)}</div>
      <p class="muted">${msg('No message? Look in your spam folder, or ask again in a minute.')}</p>
      ${this.action.renderError()}
      <div class="row">
        <button type="button" ?disabled=${resend.running || this.action.pending} @click=${() => this.send()}>
          ${resend.running ? msg(str`Send again in ${formatCountdown(resend.remaining)}`) : msg('Send again')}
        </button>
        <span class="spacer"></span>
        <button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button>
      </div>
    </div>`;
  }

  protected renderPasswordForm() {
    const bySms = this.step === 'sent';
    const pending = this.action.pending;
    return html`<form part="form" novalidate @submit=${this.reset} aria-busy=${pending ? 'true' : 'false'}>
      <h2>${msg('Choose a new password')}</h2>
      ${bySms
        ? html`<div class="alert success" role="status">${msg(str`If ${this.email} has a confirmed phone, we texted it a 6-digit code. It works for 10 minutes.`)}</div>`
        : nothing}
      ${this.action.renderError()}
      ${bySms ? this.field('code', msg('Code'), { inputmode: 'numeric', autocomplete: 'one-time-code', cls: 'code', maxlength: 6 }) : nothing}
      ${this.field('newPassword', msg('New password'), {
        type: 'password',
        autocomplete: 'new-password',
        hint: msg('At least 8 characters. A few unrelated words make a strong password.'),
      })}
      <button type="submit" class="primary" part="submit" ?disabled=${pending}>${pending ? msg('Please wait…') : msg('Set new password')}</button>
      <div class="back"><button type="button" class="link" @click=${this.back}>${msg('Back to sign in')}</button></div>
    </form>`;
  }

  protected async request(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.email = String(data.get('email') ?? '').trim();
    if (!this.email) return this.refuse({ email: msg('Enter your email address.') });
    await this.send();
  }

  /** Asks for the link or code again; "Send again" waits a minute, or as long as the server says when it refuses. */
  protected async send() {
    await this.action.run(() => read(this.api.auth['password-recovery'].$post({ json: { email: this.email, method: this.method } })), {
      fields: ['email'],
      done: () => {
        this.step = 'sent';
        this.action.resend.start(60);
      },
    });
  }

  protected async reset(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const newPassword = String(data.get('newPassword') ?? '');
    const code = String(data.get('code') ?? '').replace(/\s+/g, '');
    const fieldErrors: Record<string, string> = {};
    if (this.step === 'sent' && !/^\d{6}$/.test(code)) fieldErrors.code = msg('Enter the 6 digits of the code.');
    if (!newPassword) fieldErrors.newPassword = msg('Enter a new password.');
    if (Object.keys(fieldErrors).length) return this.refuse(fieldErrors);
    const json = this.step === 'sent' ? { email: this.email, code, newPassword } : { token: this.token ?? '', newPassword };
    await this.action.run(() => read(this.api.auth['password-recovery'].reset.$post({ json })), {
      fields: ['code', 'newPassword'],
      done: () => {
        this.step = 'done';
        this.emit('sk-password-reset');
      },
    });
  }

  /** Field errors found before asking the server. */
  protected refuse(fieldErrors: Record<string, string>) {
    this.action.reset();
    this.action.fieldErrors = fieldErrors;
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
