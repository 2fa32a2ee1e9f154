import { msg } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { ApiError, errorMessage } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { formatCountdown } from '../internal/format';
import { passkeyCancelled } from '../user-passkeys/webauthn';

/**
 * The action controller as the sign-in form uses it: a lock of 5 minutes unless the server says
 * otherwise, the server's field errors beside email and password (and its message too when it
 * names other fields), the sign-in's own wording for a disabled account, a concurrent sign-in and a
 * cancelled passkey, and the lock alert with its countdown in `part="error"`.
 */
export class SignInAction extends ActionController {
  constructor(private readonly formHost: ReactiveControllerHost & EventTarget) {
    super(formHost);
  }

  /** Shows the form's own complaints at the fields and clears the general error. */
  invalid(fields: Record<string, string>) {
    this.error = null;
    this.fieldErrors = fields;
    this.formHost.requestUpdate();
  }

  override fail(error: unknown) {
    this.code = error instanceof ApiError ? error.code : null;
    if (passkeyCancelled(error)) this.error = msg('No passkey was used. Try again, or sign in with your password.');
    else if (error instanceof ApiError && error.code === 'account_locked') this.lock.start(error.retryAfter ?? 300);
    else if (error instanceof ApiError && error.code === 'account_disabled') this.error = msg('This account is disabled. Ask your administrator to turn it back on.');
    else if (error instanceof ApiError && error.code === 'try_again') this.error = msg('Another sign-in to this account is being checked right now. Try again in a moment.');
    else if (error instanceof ApiError && error.fields) {
      this.fieldErrors = error.fields;
      if (Object.keys(error.fields).length > 1 || !('email' in error.fields || 'password' in error.fields)) this.error = error.message;
    } else this.error = errorMessage(error);
    this.formHost.requestUpdate();
  }

  /** The lock with its live countdown, or the error, or nothing. */
  renderAlert() {
    if (this.lock.running) {
      return html`<div class="alert error" role="alert" part="error">
        ${msg('Too many failed attempts. You can try again in')}
        <span class="countdown" aria-live="off">${formatCountdown(this.lock.remaining)}</span>.
      </div>`;
    }
    return this.error ? html`<div class="alert error" role="alert" part="error">${this.error}</div>` : nothing;
  }
}
