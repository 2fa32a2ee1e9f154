import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { managedBy } from '../internal/settings-root';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { changePasswordStyles } from './change-password.styles';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

/**
 * A rough strength estimate for the hint: length and variety, no composition rules (SECURITY.md 2).
 * 0 too short, 1 weak, 2 fair, 3 strong. The server decides what is accepted.
 */
export function passwordStrength(password: string): 0 | 1 | 2 | 3 {
  const chars = [...password];
  if (chars.length < 8) return 0;
  const distinct = new Set(chars).size;
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/\d/.test(password)) pool += 10;
  if (/[^A-Za-z0-9]/.test(password)) pool += 33;
  // Repeats add little: count distinct characters fully, repeats at a quarter.
  const bits = Math.log2(Math.max(pool, 2)) * (distinct + (chars.length - distinct) / 4);
  return bits < 40 ? 1 : bits < 65 ? 2 : 3;
}

/**
 * Change the password (seed 001 "Change Password"): current, new and confirmation. A strength hint
 * without composition rules; the server's reason when it refuses a password; on success the other
 * sessions are signed out (the server does that) and the message says so. A user without a password
 * (signed in by the host, API.md "Host identity") sees one line instead: sign-in is managed by the host.
 *
 * @csspart managed - The line shown instead of the form for a user without a password.
 * @fires sk-password-changed - After the password was changed.
 * @csspart form - The form.
 * @csspart submit - The Change password button.
 * @cssproperty --sk-accent - Colour of the submit button.
 */
@localized()
@customElement('change-password')
export class ChangePassword extends SkElement {
  static override styles = [tokens, controls, changePasswordStyles];

  @state() private values: Record<Field, string> = { currentPassword: '', newPassword: '', confirmPassword: '' };
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private error: string | null = null;
  @state() private pending = false;
  @state() private done = false;
  @state() private show = false;

  override render() {
    if (this.settings?.user?.hasPassword === false)
      return html`<p class="card muted" part="managed">${msg(str`Sign-in is managed by ${managedBy(this.settings)}: there is no password to change here.`)}</p>`;
    const strength = passwordStrength(this.values.newPassword);
    const labels = [msg('Too short'), msg('Weak'), msg('Fair'), msg('Strong')];
    return html`<form class="card" part="form" novalidate @submit=${this.submit} aria-busy=${this.pending ? 'true' : 'false'}>
      <div>
        <h3>${msg('Change password')}</h3>
        <p class="muted" style="margin:0">${msg('Changing your password signs you out everywhere else.')}</p>
      </div>
      ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
      ${this.field('currentPassword', msg('Current password'), 'current-password')}
      ${this.field(
        'newPassword',
        msg('New password'),
        'new-password',
        html`<div class="strength" id="newPassword-hint">
          ${this.values.newPassword
            ? html`<span class="bar" aria-hidden="true"><span class="s${strength}"></span></span><span>${msg('Strength:')} ${labels[strength]}</span>`
            : html`<span class="muted">${msg('At least 8 characters. A few unrelated words make a strong, memorable password.')}</span>`}
        </div>`,
      )}
      ${this.field('confirmPassword', msg('Confirm new password'), 'new-password')}
      <label class="show">
        <input type="checkbox" .checked=${this.show} @change=${(e: Event) => (this.show = (e.target as HTMLInputElement).checked)} />
        ${msg('Show passwords')}
      </label>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${this.pending}>${this.pending ? msg('Changing…') : msg('Change password')}</button>
      </div>
      <div role="status">${this.done ? html`<div class="alert success">${msg('Your password was changed. Your other sessions were signed out; this one stays signed in.')}</div>` : nothing}</div>
    </form>`;
  }

  private field(name: Field, label: string, autocomplete: string, hint?: unknown) {
    const error = this.fieldErrors[name];
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type=${this.show ? 'text' : 'password'}
        autocomplete=${autocomplete}
        .value=${this.values[name]}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
      />
      ${error ? html`<div id="${name}-error" class="field-error">${error}</div>` : nothing}
      ${hint ?? nothing}
    </div>`;
  }

  private set(name: Field, value: string) {
    this.values = { ...this.values, [name]: value };
    this.done = false;
    if (this.fieldErrors[name]) this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
    this.toggleAttribute('sk-dirty', Object.values(this.values).some(Boolean));
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.pending) return;
    const { currentPassword, newPassword, confirmPassword } = this.values;
    const errors: Partial<Record<Field, string>> = {};
    if (!currentPassword) errors.currentPassword = msg('Enter your current password.');
    if (!newPassword) errors.newPassword = msg('Enter a new password.');
    else if ([...newPassword].length < 8) errors.newPassword = msg('Use at least 8 characters.');
    if (newPassword && confirmPassword !== newPassword) errors.confirmPassword = msg('The two new passwords do not match.');
    this.fieldErrors = errors;
    this.error = null;
    this.done = false;
    if (Object.keys(errors).length) return this.focusFirstError();
    this.pending = true;
    try {
      await read(this.api.security.password.$post({ json: { currentPassword, newPassword } }));
      this.values = { currentPassword: '', newPassword: '', confirmPassword: '' };
      this.toggleAttribute('sk-dirty', false);
      this.done = true;
      this.emit('sk-password-changed');
    } catch (error) {
      if (error instanceof ApiError && error.fields && ('currentPassword' in error.fields || 'newPassword' in error.fields)) {
        this.fieldErrors = error.fields as Partial<Record<Field, string>>;
        await this.focusFirstError();
      } else this.error = errorMessage(error);
    } finally {
      this.pending = false;
    }
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'change-password': ChangePassword;
  }
}
