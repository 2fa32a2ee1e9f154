import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { passwordConfirmationField } from '../internal/password-confirmation';
import { codeFieldTemplate, groupKey } from './code-field';

/** What every step form shares: pending state, the code typed so far, field errors, the error alert. */
export interface StepView {
  pending: boolean;
  locked: boolean;
  fieldErrors: Record<string, string>;
  /** The error alert (or the lock countdown), rendered by the host. */
  error: TemplateResult | typeof import('lit').nothing;
  onCancel: () => void;
}

export interface CodeStepView extends StepView {
  code: string;
  onCodeInput: (code: string) => void;
  onSubmit: () => void;
}

/** "Confirm your password" before the authenticator app's secret is made. */
export function totpPasswordStepTemplate(v: StepView & { onSubmit: (e: SubmitEvent) => void }) {
  return html`<form class="stack" novalidate @submit=${v.onSubmit}>
    <h4 tabindex="-1" class="step-title">${msg('Confirm your password')}</h4>
    <p class="muted">${msg('For your security, enter your password before changing two-factor authentication.')}</p>
    ${passwordConfirmationField({ id: 'tfa-password', error: v.fieldErrors.password })}
    ${v.error}
    <div class="row">
      <button type="submit" class="primary" ?disabled=${v.pending || v.locked}>${v.pending ? msg('Checking…') : msg('Continue')}</button>
      <button type="button" @click=${v.onCancel}>${msg('Cancel')}</button>
    </div>
  </form>`;
}

/** The one-time code field of a setup step; all six digits in submits it. */
export function setupCodeField(id: string, v: CodeStepView) {
  return codeFieldTemplate({
    id,
    label: msg('6-digit code'),
    value: v.code,
    error: v.fieldErrors.code,
    onInput: v.onCodeInput,
    onComplete: v.onSubmit,
  });
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Scan the QR code (or type the grouped key), then enter the app's code. */
export function totpScanTemplate(setup: TotpSetup, v: CodeStepView & { keyCopied: boolean; onCopyKey: () => void }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`;
  return html`<form class="stack" novalidate @submit=${(e: Event) => (e.preventDefault(), v.onSubmit())}>
    <h4 tabindex="-1" class="step-title">${msg('Scan the QR code')}</h4>
    <ol class="steps">
      <li>${msg('Open your authenticator app and add a new account.')}</li>
      <li>${msg('Scan this QR code, or type the key below.')}</li>
      <li>${msg('Enter the 6-digit code the app shows.')}</li>
    </ol>
    <div class="scan">
      <img part="qr" class="qr" src=${src} width="184" height="184" alt=${msg('QR code for your authenticator app. If you cannot scan it, use the setup key.')} />
      <div class="stack key-box">
        <span class="label" id="key-label">${msg('Setup key')}</span>
        <code part="key" class="key" aria-labelledby="key-label">${groupKey(setup.secret)}</code>
        <div class="row">
          <button type="button" @click=${v.onCopyKey}>${v.keyCopied ? msg('Copied') : msg('Copy key')}</button>
        </div>
        <p class="hint">${msg('Time-based, 6 digits, every 30 seconds.')}</p>
      </div>
    </div>
    ${setupCodeField('totp-code', v)}
    ${v.error}
    <div class="row">
      <button type="submit" class="primary" ?disabled=${v.pending}>${v.pending ? msg('Checking…') : msg('Verify and turn on')}</button>
      <button type="button" @click=${v.onCancel}>${msg('Cancel setup')}</button>
    </div>
  </form>`;
}
