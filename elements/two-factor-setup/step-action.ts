import { msg } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { ActionController } from '../internal/action-controller';
import { formatCountdown } from '../internal/format';
import { wrongCodeMessage } from './code-field';

/** The server's field errors that the setup steps show at their fields. */
const FIELDS = ['password', 'phone', 'code'] as const;

/**
 * The action controller as the two-factor steps use it: the form's own complaints at the fields,
 * a refused code in the kit's wording, and the lock alert with its countdown in the step.
 */
export class StepAction extends ActionController {
  constructor(private readonly stepHost: ReactiveControllerHost & EventTarget) {
    super(stepHost);
  }

  /** Shows the form's own complaints at the fields (an empty object clears them). */
  invalid(fields: Record<string, string>) {
    this.fieldErrors = fields;
    this.stepHost.requestUpdate();
  }

  /** Runs a step's request; `onCodeRefused` runs when the server refused the code (to empty and focus the field). */
  async step(request: () => Promise<void>, onCodeRefused?: () => void) {
    // The reauthenticate controller already asked "Confirm it's you"; a refusal here is a cancel.
    await this.run(request, { fields: FIELDS, announceReauthentication: false });
    if (this.code === 'invalid_code' && this.fieldErrors.code) this.invalid({ code: wrongCodeMessage() });
    if (this.fieldErrors.code) onCodeRefused?.();
  }

  /** The error alert; while locked, the lock with its live countdown instead. */
  renderStepError() {
    if (this.lock.running) {
      return html`<div class="alert error" role="alert">
        ${msg('Too many failed attempts. You can try again in')} <span class="countdown">${formatCountdown(this.lock.remaining)}</span>.
      </div>`;
    }
    return this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing;
  }
}
