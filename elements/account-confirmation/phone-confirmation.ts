import { msg, str } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError, read, type ApiClient } from '../api/client';
import { field } from '../internal/field';
import { inputControl } from '../internal/input-control';
import { VerifyCodeController } from '../internal/verify-code';

/** Seconds before another code may be asked for, when the server does not say. */
const RESEND_SECONDS = 60;

type Host = ReactiveControllerHost & HTMLElement & { readonly api: ApiClient; renderRoot: ParentNode; updateComplete: Promise<boolean> };

/**
 * "Confirm your phone number": the number (no other account's), then the texted code through the
 * verify-code controller the contact verification uses too (send, resend countdown, code field).
 */
export class PhoneConfirmationController implements ReactiveController {
  phone = '';
  sentTo: string | null = null;
  /** The complaint about the number (empty, malformed, another account's), shown at its field. */
  phoneError: string | null = null;
  /** The last error `confirm` threw, to tell a number taken meanwhile from a wrong code. */
  #confirmError: unknown = null;

  readonly verify: VerifyCodeController;

  constructor(
    private readonly host: Host,
    private readonly confirmed: () => Promise<void>,
  ) {
    host.addController(this);
    this.verify = new VerifyCodeController(host, {
      send: async () => {
        this.sentTo = (await read(host.api.confirmation.phone.send.$post({ json: { phone: this.phone.trim() } }))).sentTo;
        return RESEND_SECONDS;
      },
      confirm: async (code) => {
        this.#confirmError = null;
        try {
          await read(host.api.confirmation.phone.confirm.$post({ json: { code } }));
        } catch (error) {
          this.#confirmError = error;
          throw error;
        }
      },
    });
  }

  hostConnected() {}

  /** The code step shows once a code went out (a 429 means the one sent before still works). */
  get codeStep() {
    return this.verify.sent;
  }

  send = async (event?: Event) => {
    event?.preventDefault();
    if (!this.phone.trim()) {
      this.phoneError = msg('Enter your phone number.');
      return this.host.requestUpdate();
    }
    this.phoneError = null;
    await this.verify.send();
    if (!this.verify.sent) {
      // Refused before any code went out: the reason is about the number.
      this.phoneError = this.verify.error;
      this.verify.error = null;
      return this.host.requestUpdate();
    }
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  };

  confirm = async (event: Event) => {
    event.preventDefault();
    if (await this.verify.submit(this.host.renderRoot.querySelector<HTMLInputElement>('#code'))) {
      this.verify.reset();
      return this.confirmed();
    }
    const error = this.#confirmError;
    if (error instanceof ApiError && error.code === 'phone_taken') {
      // Someone else confirmed this number meanwhile: back to the number, with the reason there.
      this.changeNumber();
      this.phoneError = error.message;
    }
  };

  changeNumber = () => {
    this.verify.reset();
    this.phoneError = null;
    this.host.requestUpdate();
  };

  render() {
    const v = this.verify;
    return html`<div class="alert warning banner" part="banner">
      <h3>${msg('Confirm your phone number')}</h3>
      ${!this.codeStep
        ? html`<p>${msg('Enter your mobile number with its country code. We will text you a 6-digit code. The number must not belong to another account.')}</p>
            <form class="inline" novalidate @submit=${this.send}>
              ${field({
                id: 'phone',
                label: msg('Phone number'),
                error: this.phoneError,
                control: inputControl({
                  name: 'phone',
                  type: 'tel',
                  autocomplete: 'tel',
                  placeholder: '+14155550100',
                  value: this.phone,
                  onInput: (ev) => (this.phone = (ev.target as HTMLInputElement).value),
                }),
              })}
              <button type="submit" class="primary" ?disabled=${v.pending === 'send'}>${v.pending === 'send' ? msg('Sending…') : msg('Send code')}</button>
            </form>`
        : html`<p>${msg(str`We texted a code to ${this.sentTo ?? this.phone}. It works for 10 minutes.`)}</p>
            <form class="inline" novalidate @submit=${this.confirm}>
              ${v.renderCodeField(msg('Code'), 'code')}
              <button type="submit" class="primary" ?disabled=${v.pending === 'confirm'}>${v.pending === 'confirm' ? msg('Checking…') : msg('Confirm')}</button>
            </form>
            ${v.renderError()}
            <div class="row">${v.renderResend()} <button type="button" class="link" @click=${this.changeNumber}>${msg('Use another number')}</button></div>`}
    </div>`;
  }
}
