import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { SecurityOverview } from '../api/types';

/** Fewer recovery codes than this left: the count turns amber and a warning asks for a new set. */
const LOW_CODES = 3;

export interface StatusCardView {
  twoFactor: SecurityOverview['twoFactor'];
  /** The administrator requires SMS and this user has none yet: only the SMS setup is offered. */
  smsOnly: boolean;
  /** The policy asks for SMS (then the "an app is safer" note would only confuse). */
  smsRequired: boolean;
  /** When the recovery codes were made, already formatted for the user. */
  codesMadeAt: string | null;
  error: string | null;
  onSetUpTotp: () => void;
  onSetUpSms: () => void;
  onTurnOff: (method?: 'totp' | 'sms') => void;
  onNewCodes: () => void;
}

/** A method's "On"/"Off", in words as well as colour. */
const onOff = (on: boolean) => html`<span class="badge ${on ? 'success' : ''}">${on ? msg('On') : msg('Off')}</span>`;

/** The card's title with the status badge beside it (issue #13.18: a clear badge, text not colour alone). */
function titleRow(enabled: boolean) {
  return html`<div class="title-row">
    <h3 id="tfa-title">${msg('Two-factor authentication')}</h3>
    <span class="badge state-badge ${enabled ? 'success' : 'neutral'}" part="status-badge">
      <span class="state-icon" aria-hidden="true">${enabled ? '✓' : '○'}</span>${enabled ? msg('On') : msg('Off')}
    </span>
  </div>`;
}

/** Where the user can turn 2FA off (with another method left, one method alone) and get new codes. */
function methodList(v: StatusCardView) {
  const tf = v.twoFactor;
  const low = tf.recoveryCodesRemaining <= LOW_CODES;
  const turnOff = (method: 'totp' | 'sms') => html`<button type="button" class="link" @click=${() => v.onTurnOff(method)}>${msg('Turn off')}</button>`;
  return html`<ul class="methods" aria-label=${msg('Methods')}>
      <li>
        <span class="method-name">${msg('Authenticator app')}</span>
        ${onOff(tf.totp)}
        <span class="spacer"></span>
        ${tf.totp ? (tf.sms ? turnOff('totp') : nothing) : v.smsOnly ? nothing : html`<button type="button" @click=${v.onSetUpTotp}>${msg('Set up')}</button>`}
      </li>
      <li>
        <span class="method-name">${msg('Text message')}${tf.sms && tf.phone ? html` <span class="muted">${tf.phone}</span>` : nothing}</span>
        ${onOff(tf.sms)}
        <span class="spacer"></span>
        ${tf.sms ? (tf.totp ? turnOff('sms') : nothing) : html`<button type="button" @click=${v.onSetUpSms}>${msg('Set up')}</button>`}
      </li>
      <li>
        <span class="method-name">${msg('Recovery codes')}</span>
        <span class="badge ${low ? 'warning' : ''}">${msg(str`${tf.recoveryCodesRemaining} left`)}</span>
        <span class="spacer"></span>
        <button type="button" @click=${v.onNewCodes}>${msg('Get new codes')}</button>
      </li>
    </ul>
    ${v.codesMadeAt ? html`<p class="muted small">${msg(str`Recovery codes made ${v.codesMadeAt}.`)}</p>` : nothing}
    ${low ? html`<div class="alert warning">${msg('You are running out of recovery codes. Get a new set and keep it somewhere safe.')}</div>` : nothing}
    ${v.smsOnly
      ? html`<div class="alert warning sms-required">${msg('Your administrator requires a code by text message at every sign-in. Set up text messages to continue.')}</div>`
      : !tf.totp && !v.smsRequired
        ? html`<p class="muted small">${msg('Text messages can be intercepted; an authenticator app is safer.')}</p>`
        : nothing}
    <div class="row">
      <button type="button" class="danger" @click=${() => v.onTurnOff()}>${msg('Turn off two-factor authentication')}</button>
    </div>`;
}

/** 2FA off: the ways to set it up (only SMS when the policy requires it). */
function setUpChoices(v: StatusCardView) {
  if (v.smsOnly)
    return html`<p class="sms-required">${msg('Your administrator requires a code by text message at every sign-in.')}</p>
      <div class="row">
        <button type="button" class="primary" @click=${v.onSetUpSms}>${msg('Set up text messages')}</button>
      </div>`;
  return html`<div class="row">
      <button type="button" class="primary" @click=${v.onSetUpTotp}>${msg('Set up an authenticator app')}</button>
      <button type="button" @click=${v.onSetUpSms}>${msg('Use text messages instead')}</button>
    </div>
    <p class="muted small">${msg('An authenticator app (Google Authenticator, Authy, 1Password…) is the safer choice.')}</p>`;
}

/** The status card: title and badge, what 2FA does, the methods or the ways to set it up. */
export function statusCardTemplate(v: StatusCardView) {
  const enabled = v.twoFactor.enabled;
  return html`<div class="stack">
    <div class="status" part="status">
      ${titleRow(enabled)}
      <p class="text">
        ${enabled
          ? msg('A code is asked for after your password when you sign in.')
          : msg('Add a second step to sign-in: a code from an app on your phone, or a text message.')}
      </p>
    </div>
    ${enabled ? methodList(v) : setUpChoices(v)}
    ${v.error ? html`<div class="alert error" role="alert">${v.error}</div>` : nothing}
  </div>`;
}
