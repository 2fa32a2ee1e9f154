import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { field } from '../internal/field';
import { inputControl } from '../internal/input-control';
import { formatCountdown } from '../internal/format';
import { passwordConfirmationField } from '../internal/password-confirmation';
import { setupCodeField, type CodeStepView, type StepView } from './totp-enrolment';

/** The mobile number and the password; "Send code" texts the first code. */
export function smsSetupTemplate(v: StepView & { phone: string; noPassword: boolean; onSubmit: (e: SubmitEvent) => void }) {
  return html`<form class="stack" novalidate @submit=${v.onSubmit}>
    <h4 tabindex="-1" class="step-title">${msg('Get codes by text message')}</h4>
    <p class="muted">${msg('We will text a code to this number now, and each time you sign in.')}</p>
    ${field({
      id: 'sms-phone',
      label: msg('Mobile number'),
      hint: msg('Start with + and your country code, e.g. +44 for the UK, +1 for the US.'),
      error: v.fieldErrors.phone,
      control: inputControl({ name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', placeholder: '+1 415 555 0100', value: v.phone, required: true }),
    })}
    ${passwordConfirmationField({ id: 'sms-password', error: v.fieldErrors.password, noPassword: v.noPassword })}
    ${v.error}
    <div class="row">
      <button type="submit" class="primary" ?disabled=${v.pending || v.locked}>${v.pending ? msg('Sending…') : msg('Send code')}</button>
      <button type="button" @click=${v.onCancel}>${msg('Cancel')}</button>
    </div>
  </form>`;
}

/** The texted code, with "Resend code" waiting out the server's countdown. */
export function smsVerifyTemplate(v: CodeStepView & { phoneShown: string; resendIn: number | null; onResend: () => void }) {
  return html`<form class="stack" novalidate @submit=${(e: Event) => (e.preventDefault(), v.onSubmit())}>
    <h4 tabindex="-1" class="step-title">${msg('Enter the code we texted you')}</h4>
    <p class="muted">${msg(str`We sent a 6-digit code to ${v.phoneShown}. It expires in 10 minutes.`)}</p>
    ${setupCodeField('sms-code', v)}
    ${v.error}
    <div class="row">
      <button type="submit" class="primary" ?disabled=${v.pending}>${v.pending ? msg('Checking…') : msg('Verify and turn on')}</button>
      <button type="button" class="resend" ?disabled=${v.resendIn !== null || v.pending} @click=${v.onResend}>
        ${v.resendIn !== null ? msg(str`Resend code in ${formatCountdown(v.resendIn)}`) : msg('Resend code')}
      </button>
      <button type="button" @click=${v.onCancel}>${msg('Cancel')}</button>
    </div>
  </form>`;
}
