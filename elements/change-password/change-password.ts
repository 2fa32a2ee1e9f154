import { localized, msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { checkField, field } from '../internal/field';
import { FormDraft } from '../internal/form-draft';
import { managedBy } from '../internal/settings-root';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { changePasswordStyles } from './change-password.styles';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
type Values = Record<Field, string>;

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

  // Nothing is saved to compare against: an empty form is the clean state.
  private readonly draft = new FormDraft<Values>(this, { currentPassword: '', newPassword: '', confirmPassword: '' });
  private readonly change = new ActionController(this);
  @state() private show = false;

  override render() {
    if (this.settings?.user?.hasPassword === false)
      return html`<p class="card muted" part="managed">${msg(str`Sign-in is managed by ${managedBy(this.settings)}: there is no password to change here.`)}</p>`;
    const v = this.draft.value;
    const strength = passwordStrength(v.newPassword);
    const labels = [msg('Too short'), msg('Weak'), msg('Fair'), msg('Strong')];
    const pending = this.change.pending;
    return html`<form class="card" part="form" novalidate @submit=${this.submit} aria-busy=${pending ? 'true' : 'false'}>
      <div>
        <h3>${msg('Change password')}</h3>
        <p class="muted" style="margin:0">${msg('Changing your password signs you out everywhere else.')}</p>
      </div>
      ${this.change.error ? html`<div class="alert error" role="alert">${this.change.error} ${this.draft.keptMessage ?? ''}</div>` : nothing}
      ${this.field('currentPassword', msg('Current password'), 'current-password')}
      ${this.field(
        'newPassword',
        msg('New password'),
        'new-password',
        html`<span class="strength">
          ${v.newPassword
            ? html`<span class="bar" aria-hidden="true"><span class="s${strength}"></span></span><span>${msg('Strength:')} ${labels[strength]}</span>`
            : html`<span class="muted">${msg('At least 8 characters. A few unrelated words make a strong, memorable password.')}</span>`}
        </span>`,
      )}
      ${this.field('confirmPassword', msg('Confirm new password'), 'new-password')}
      ${checkField({
        id: 'show-passwords',
        label: msg('Show passwords'),
        class: 'show',
        control: (a) => html`<input id=${a.id} type="checkbox" .checked=${this.show} @change=${(e: Event) => (this.show = (e.target as HTMLInputElement).checked)} />`,
      })}
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${pending}>${pending ? msg('Changing…') : msg('Change password')}</button>
      </div>
      <div role="status">${this.change.notice ? html`<div class="alert success">${this.change.notice}</div>` : nothing}</div>
    </form>`;
  }

  private field(name: Field, label: string, autocomplete: string, hint?: TemplateResult) {
    return field({
      id: name,
      label,
      hint,
      error: this.change.fieldErrors[name],
      control: (a) => html`<input
        id=${a.id}
        name=${name}
        type=${this.show ? 'text' : 'password'}
        autocomplete=${autocomplete}
        .value=${this.draft.value[name]}
        required
        aria-invalid=${a.invalid}
        aria-describedby=${ifDefined(a.describedBy)}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
      />`,
    });
  }

  private set(name: Field, value: string) {
    this.draft.set(name, value);
    this.change.notice = null;
    if (this.change.fieldErrors[name]) {
      const { [name]: _gone, ...rest } = this.change.fieldErrors;
      this.change.fieldErrors = rest;
    }
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.change.pending) return;
    const { currentPassword, newPassword, confirmPassword } = this.draft.value;
    const errors: Partial<Record<Field, string>> = {};
    if (!currentPassword) errors.currentPassword = msg('Enter your current password.');
    if (!newPassword) errors.newPassword = msg('Enter a new password.');
    else if ([...newPassword].length < 8) errors.newPassword = msg('Use at least 8 characters.');
    if (newPassword && confirmPassword !== newPassword) errors.confirmPassword = msg('The two new passwords do not match.');
    if (Object.keys(errors).length) {
      this.change.reset();
      this.change.fieldErrors = errors as Record<string, string>;
      return this.focusFirstError();
    }
    let changed = false; // the answer is a 204, so `run` resolves undefined either way
    await this.change.run(() => read(this.api.security.password.$post({ json: { currentPassword, newPassword } })), {
      fields: ['currentPassword', 'newPassword'],
      done: () => {
        changed = true;
        this.draft.discard();
        return msg('Your password was changed. Your other sessions were signed out; this one stays signed in.');
      },
    });
    // Told after the success notice is in place, so a listener sees the finished form.
    if (changed) this.emit('sk-password-changed');
    if (Object.keys(this.change.fieldErrors).length) await this.focusFirstError();
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
