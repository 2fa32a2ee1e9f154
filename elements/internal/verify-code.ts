import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, errorMessage } from '../api/client';
import { CountdownController } from './countdown-controller';
import { field } from './field';
import { inputControl } from './input-control';
import { formatCountdown } from './format';

export interface VerifyCodeOptions {
  /** Sends (or re-sends) a code; resolves with the seconds until another may be sent. */
  send: () => Promise<number | undefined>;
  /** Checks the code; throws the API's error when it is wrong. */
  confirm: (code: string) => Promise<void>;
}

/**
 * "We sent you a 6-digit code": sending and re-sending (with the server's wait as a countdown, a 429
 * included), the code field with its own error, and checking. Shared by the contact verification
 * dialog and the phone step of account confirmation.
 */
export class VerifyCodeController implements ReactiveController {
  sent = false;
  pending: 'send' | 'confirm' | null = null;
  error: string | null = null;
  /** The error is about the code itself (shown at the field, which is marked invalid). */
  codeError = false;
  readonly resend: CountdownController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: VerifyCodeOptions,
  ) {
    host.addController(this);
    this.resend = new CountdownController(host);
  }

  hostConnected() {}

  reset() {
    this.sent = false;
    this.pending = null;
    this.error = null;
    this.codeError = false;
    this.resend.stop();
  }

  async send() {
    this.pending = 'send';
    this.error = null;
    this.codeError = false;
    this.host.requestUpdate();
    try {
      const wait = await this.options.send();
      this.sent = true;
      if (wait) this.resend.start(wait);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        // A code went out a moment ago: the one already sent still works.
        this.sent = true;
        this.resend.start(error.retryAfter ?? 30);
      } else this.error = errorMessage(error);
    } finally {
      this.pending = null;
      this.host.requestUpdate();
    }
  }

  /** Checks the code typed in `input`; true when it was accepted. */
  async submit(input: HTMLInputElement | null | undefined): Promise<boolean> {
    if (!input || this.pending) return false;
    const code = input.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.error = msg('Enter the 6 digits of the code.');
      this.codeError = true;
      this.host.requestUpdate();
      input.focus();
      return false;
    }
    this.pending = 'confirm';
    this.error = null;
    this.codeError = false;
    this.host.requestUpdate();
    try {
      await this.options.confirm(code);
      this.resend.stop();
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      this.codeError = error instanceof ApiError && (error.code === 'invalid_code' || error.code === 'wrong_code' || Boolean(error.fields?.code));
      input.select();
      return false;
    } finally {
      this.pending = null;
      this.host.requestUpdate();
    }
  }

  /** The general error (not about the code), or nothing. */
  renderError() {
    return this.error && !this.codeError ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing;
  }

  /** The code field, its error tied by aria-describedby. */
  renderCodeField(label: string = msg('Verification code'), id = 'code') {
    return field({
      id,
      label,
      error: this.codeError ? this.error : null,
      control: inputControl({
        name: 'code',
        class: 'code-input',
        part: 'code-input',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        maxlength: 6,
        pattern: '[0-9]{6}',
      }),
    });
  }

  /** "Send a new code", disabled with the countdown while the server asks to wait. */
  renderResend(): TemplateResult {
    return html`<button type="button" class="link" ?disabled=${this.resend.running || this.pending !== null} @click=${() => this.send()}>
      ${this.resend.running ? msg(str`Send a new code in ${formatCountdown(this.resend.remaining)}`) : msg('Send a new code')}
    </button>`;
  }
}
