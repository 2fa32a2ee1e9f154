import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { ApiError, errorMessage, read } from '../api/client';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { CountdownController } from '../internal/countdown-controller';
import { formatCountdown, formatDateTime } from '../internal/format';
import { ReauthenticateController } from '../internal/reauthenticate';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { codeFieldTemplate, groupKey, wrongCodeMessage } from './code-field';
import { twoFactorSetupStyles } from './two-factor-setup.styles';

/** `GET /security` as this element reads it. */
export interface SecurityOverview {
  twoFactor: {
    enabled: boolean;
    totp: boolean;
    sms: boolean;
    phone: string | null;
    recoveryCodesRemaining: number;
    recoveryCodesCreatedAt: string | null;
    totpPending?: boolean;
  };
  passwordChangedAt: string | null;
}

/** Where the element is: the status card, a step of a setup, or the recovery codes screen. */
export type TwoFactorView = 'status' | 'totp-password' | 'totp-scan' | 'sms-setup' | 'sms-verify' | 'codes';

const RESEND_SECONDS = 30;
const LOW_CODES = 3;

/**
 * Two-factor authentication: status, authenticator-app setup (password, QR code and grouped manual
 * key, 6-digit code), SMS setup (phone, texted code, resend countdown), the recovery codes screen
 * (copy, download, print, "I have saved these codes"), and turning 2FA off or regenerating codes
 * behind a password confirmation (for a host user without a password: "Confirm it's you", see
 * internal/reauthenticate.ts). Works inside `<profile-settings>` or alone on a page.
 *
 * @fires sk-two-factor-enabled - `{ method: 'totp' | 'sms' }` when a method was turned on.
 * @fires sk-two-factor-disabled - `{ method?: 'totp' | 'sms' }` when 2FA (or one method) was turned off.
 * @fires sk-reauthenticate - A host user chose "Confirm it's you" (the server wants a fresh re-authentication).
 * @csspart card - The outer card.
 * @csspart status - The status line with its badge.
 * @csspart qr - The QR code image.
 * @csspart key - The manual setup key.
 * @csspart code-input - The one-time code input.
 * @csspart codes - The list of recovery codes.
 * @csspart dialog - Confirmation dialogs.
 * @cssproperty --sk-accent - Accent colour of primary buttons.
 * @cssproperty --sk-success - Colour of the "On" badge.
 */
@localized()
@customElement('two-factor-setup')
export class TwoFactorSetup extends SkElement {
  static override styles = [tokens, controls, twoFactorSetupStyles];

  /** Opens the print dialog for the recovery-codes frame (replaceable in tests). */
  static printWindow = (w: Window) => w.print();

  @state() protected view: TwoFactorView = 'status';
  @state() protected overview: SecurityOverview | null = null;
  @state() protected loadError: string | null = null;
  @state() protected pending = false;
  @state() protected error: string | null = null;
  @state() protected fieldErrors: Record<string, string> = {};
  @state() protected setup: { secret: string; otpauthUri: string; qrSvg: string } | null = null;
  @state() protected code = '';
  @state() protected phoneShown = '';
  @state() protected recoveryCodes: string[] = [];
  @state() protected saved = false;
  @state() protected copied: 'key' | 'codes' | null = null;
  @state() protected dialog: 'disable' | 'regenerate' | null = null;
  @state() protected disableMethod: 'totp' | 'sms' | undefined;
  @state() protected dialogError: string | null = null;
  @state() protected status: string | null = null;
  /** After which setup the codes screen is shown (decides the event on "Done"). */
  private codesFor: 'totp' | 'sms' | 'regenerate' = 'totp';
  private phone = '';

  protected readonly resend = new CountdownController(this);
  protected readonly lock = new CountdownController(this);
  /** A host user confirms it is them through the host instead of a password. */
  protected readonly reauth = new ReauthenticateController(this);

  /** A user signed in by the host has no password to type: the fields go, the server checks re-authentication. */
  protected get noPassword() {
    return this.settings?.user?.hasPassword === false;
  }

  protected override apiChanged() {
    void this.load();
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    this.toggleAttribute('sk-dirty', this.view !== 'status');
    if (changed.has('view')) this.focusView();
  }

  /** Reads `GET /security`. */
  async load() {
    this.loadError = null;
    try {
      this.overview = (await read(this.api.security.$get())) as SecurityOverview;
    } catch (e) {
      this.loadError = errorMessage(e);
    }
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="tfa-title">
      <h3 id="tfa-title">${msg('Two-factor authentication')}</h3>
      ${this.renderBody()}
      <div class="sr-only" role="status" aria-live="polite">${this.status ?? ''}</div>
    </section>
    ${this.renderDialogs()} ${this.reauth.render()}`;
  }

  private renderBody() {
    if (this.loadError) {
      return html`<div class="alert error" role="alert">${this.loadError}</div>
        <div class="row"><button type="button" @click=${() => this.load()}>${msg('Try again')}</button></div>`;
    }
    if (!this.overview) return html`<p class="muted" aria-busy="true">${msg('Loading…')}</p>`;
    switch (this.view) {
      case 'totp-password':
        return this.renderPassword();
      case 'totp-scan':
        return this.renderScan();
      case 'sms-setup':
        return this.renderSmsSetup();
      case 'sms-verify':
        return this.renderSmsVerify();
      case 'codes':
        return this.renderCodes();
      default:
        return this.renderStatus();
    }
  }

  /* ------------------------------------------------------------ status */

  /**
   * The administrator requires text-message codes (policy `twoFactorMethod: "sms"`) and this user has
   * none yet: only the SMS setup is offered, since an authenticator app would not open the gate.
   */
  protected get smsOnly() {
    return this.settings?.user?.requiredTwoFactorMethod === 'sms' && !this.overview?.twoFactor.sms;
  }

  private renderStatus() {
    const tf = this.overview!.twoFactor;
    const smsOnly = this.smsOnly;
    const low = tf.enabled && tf.recoveryCodesRemaining <= LOW_CODES;
    return html`<div class="stack">
      <p class="status" part="status">
        <span class="badge ${tf.enabled ? 'success' : ''}">${tf.enabled ? msg('On') : msg('Off')}</span>
        <span class="text"
          >${tf.enabled
            ? msg('A code is asked for after your password when you sign in.')
            : msg('Add a second step to sign-in: a code from an app on your phone, or a text message.')}</span
        >
      </p>
      ${tf.enabled
        ? html`<ul class="methods" aria-label=${msg('Methods')}>
            <li>
              <span class="method-name">${msg('Authenticator app')}</span>
              <span class="badge ${tf.totp ? 'success' : ''}">${tf.totp ? msg('On') : msg('Off')}</span>
              <span class="spacer"></span>
              ${tf.totp
                ? tf.sms
                  ? html`<button type="button" class="link" @click=${() => this.openDialog('disable', 'totp')}>${msg('Turn off')}</button>`
                  : nothing
                : smsOnly
                  ? nothing
                  : html`<button type="button" @click=${this.startTotp}>${msg('Set up')}</button>`}
            </li>
            <li>
              <span class="method-name">${msg('Text message')}${tf.sms && tf.phone ? html` <span class="muted">${tf.phone}</span>` : nothing}</span>
              <span class="badge ${tf.sms ? 'success' : ''}">${tf.sms ? msg('On') : msg('Off')}</span>
              <span class="spacer"></span>
              ${tf.sms
                ? tf.totp
                  ? html`<button type="button" class="link" @click=${() => this.openDialog('disable', 'sms')}>${msg('Turn off')}</button>`
                  : nothing
                : html`<button type="button" @click=${this.startSms}>${msg('Set up')}</button>`}
            </li>
            <li>
              <span class="method-name">${msg('Recovery codes')}</span>
              <span class="badge ${low ? 'warning' : ''}">${msg(str`${tf.recoveryCodesRemaining} left`)}</span>
              <span class="spacer"></span>
              <button type="button" @click=${() => this.openDialog('regenerate')}>${msg('Get new codes')}</button>
            </li>
          </ul>
          ${tf.recoveryCodesCreatedAt
            ? html`<p class="muted small">${msg(str`Recovery codes made ${formatDateTime(tf.recoveryCodesCreatedAt, this.preferences)}.`)}</p>`
            : nothing}
          ${low
            ? html`<div class="alert warning">${msg('You are running out of recovery codes. Get a new set and keep it somewhere safe.')}</div>`
            : nothing}
          ${smsOnly
            ? html`<div class="alert warning sms-required">${msg('Your administrator requires a code by text message at every sign-in. Set up text messages to continue.')}</div>`
            : !tf.totp && this.settings?.user?.requiredTwoFactorMethod !== 'sms'
              ? html`<p class="muted small">${msg('Text messages can be intercepted; an authenticator app is safer.')}</p>`
              : nothing}
          <div class="row">
            <button type="button" class="danger" @click=${() => this.openDialog('disable')}>${msg('Turn off two-factor authentication')}</button>
          </div>`
        : smsOnly
          ? html`<p class="sms-required">${msg('Your administrator requires a code by text message at every sign-in.')}</p>
              <div class="row">
                <button type="button" class="primary" @click=${this.startSms}>${msg('Set up text messages')}</button>
              </div>`
          : html`<div class="row">
              <button type="button" class="primary" @click=${this.startTotp}>${msg('Set up an authenticator app')}</button>
              <button type="button" @click=${this.startSms}>${msg('Use text messages instead')}</button>
            </div>
            <p class="muted small">${msg('An authenticator app (Google Authenticator, Authy, 1Password…) is the safer choice.')}</p>`}
      ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
    </div>`;
  }

  /* ------------------------------------------------------------ TOTP */

  private startTotp = () => (this.noPassword ? void this.beginTotp() : this.go('totp-password'));
  private startSms = () => this.go('sms-setup');

  private renderPassword() {
    return html`<form class="stack" novalidate @submit=${this.submitPassword}>
      <h4 tabindex="-1" class="step-title">${msg('Confirm your password')}</h4>
      <p class="muted">${msg('For your security, enter your password before changing two-factor authentication.')}</p>
      ${this.passwordField('tfa-password')}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending || this.lock.running}>${this.pending ? msg('Checking…') : msg('Continue')}</button>
        <button type="button" @click=${this.cancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private passwordField(id: string) {
    if (this.noPassword) return nothing;
    const error = this.fieldErrors.password;
    return html`<div class="field">
      <label for=${id}>${msg('Password')}</label>
      <input
        id=${id}
        name="password"
        type="password"
        autocomplete="current-password"
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
      />
      ${error ? html`<div id="${id}-error" class="field-error">${error}</div>` : nothing}
    </div>`;
  }

  private submitPassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    if (!password) return void (this.fieldErrors = { password: msg('Enter your password.') });
    await this.beginTotp(password);
  };

  private async beginTotp(password?: string) {
    await this.run(async () => {
      this.setup = await this.reauth.run(() => read(this.api.security['two-factor'].totp.setup.$post({ json: passwordBody(password) })));
      this.code = '';
      this.view = 'totp-scan';
    });
  }

  private renderScan() {
    const setup = this.setup!;
    const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`;
    return html`<form class="stack" novalidate @submit=${(e: Event) => (e.preventDefault(), this.submitTotp())}>
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
            <button type="button" @click=${() => this.copy(setup.secret, 'key')}>${this.copied === 'key' ? msg('Copied') : msg('Copy key')}</button>
          </div>
          <p class="hint">${msg('Time-based, 6 digits, every 30 seconds.')}</p>
        </div>
      </div>
      ${codeFieldTemplate({
        id: 'totp-code',
        label: msg('6-digit code'),
        value: this.code,
        error: this.fieldErrors.code,
        onInput: (v) => {
          this.code = v;
          if (this.fieldErrors.code) this.fieldErrors = {};
        },
        onComplete: () => void this.submitTotp(),
      })}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending}>${this.pending ? msg('Checking…') : msg('Verify and turn on')}</button>
        <button type="button" @click=${this.cancelTotp}>${msg('Cancel setup')}</button>
      </div>
    </form>`;
  }

  private async submitTotp() {
    if (this.pending) return;
    if (this.code.length !== 6) return void (this.fieldErrors = { code: msg('Enter the 6 digits from your app.') });
    await this.run(
      async () => {
        const { recoveryCodes } = await read(this.api.security['two-factor'].totp.enable.$post({ json: { code: this.code } }));
        this.showCodes(recoveryCodes, 'totp');
      },
      { codeError: true },
    );
  }

  private cancelTotp = async () => {
    try {
      await read(this.api.security['two-factor'].totp.setup.$delete());
    } catch {
      // The pending secret expires by itself; leaving the flow is what matters here.
    }
    this.cancel();
  };

  /* ------------------------------------------------------------ SMS */

  private renderSmsSetup() {
    const phoneError = this.fieldErrors.phone;
    return html`<form class="stack" novalidate @submit=${this.submitSmsSetup}>
      <h4 tabindex="-1" class="step-title">${msg('Get codes by text message')}</h4>
      <p class="muted">${msg('We will text a code to this number now, and each time you sign in.')}</p>
      <div class="field">
        <label for="sms-phone">${msg('Mobile number')}</label>
        <input
          id="sms-phone"
          name="phone"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          placeholder="+1 415 555 0100"
          .value=${this.phone}
          required
          aria-invalid=${phoneError ? 'true' : 'false'}
          aria-describedby=${phoneError ? 'sms-phone-hint sms-phone-error' : 'sms-phone-hint'}
        />
        <div id="sms-phone-hint" class="hint">${msg('Start with + and your country code, e.g. +44 for the UK, +1 for the US.')}</div>
        ${phoneError ? html`<div id="sms-phone-error" class="field-error">${phoneError}</div>` : nothing}
      </div>
      ${this.passwordField('sms-password')}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending || this.lock.running}>${this.pending ? msg('Sending…') : msg('Send code')}</button>
        <button type="button" @click=${this.cancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private submitSmsSetup = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const phone = String(data.get('phone') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.phone = phone;
    const fields: Record<string, string> = {};
    if (!phone) fields.phone = msg('Enter your mobile number.');
    else if (!/^\+[\d\s().-]{7,}$/.test(phone)) fields.phone = msg('Start with + and the country code, like +14155550100.');
    if (!password && !this.noPassword) fields.password = msg('Enter your password.');
    this.fieldErrors = fields;
    if (Object.keys(fields).length) return;
    this.lastPassword = password;
    await this.run(async () => {
      await this.reauth.run(() => read(this.api.security['two-factor'].sms.setup.$post({ json: { ...passwordBody(password), phone } })));
      this.phoneShown = phone;
      this.code = '';
      this.resend.start(RESEND_SECONDS);
      this.view = 'sms-verify';
    });
  };
  /** Kept only while the SMS step is on screen, to resend without asking again. */
  private lastPassword = '';

  private renderSmsVerify() {
    return html`<form class="stack" novalidate @submit=${(e: Event) => (e.preventDefault(), this.submitSms())}>
      <h4 tabindex="-1" class="step-title">${msg('Enter the code we texted you')}</h4>
      <p class="muted">${msg(str`We sent a 6-digit code to ${this.phoneShown}. It expires in 10 minutes.`)}</p>
      ${codeFieldTemplate({
        id: 'sms-code',
        label: msg('6-digit code'),
        value: this.code,
        error: this.fieldErrors.code,
        onInput: (v) => {
          this.code = v;
          if (this.fieldErrors.code) this.fieldErrors = {};
        },
        onComplete: () => void this.submitSms(),
      })}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending}>${this.pending ? msg('Checking…') : msg('Verify and turn on')}</button>
        <button type="button" class="resend" ?disabled=${this.resend.running || this.pending} @click=${this.resendSms}>
          ${this.resend.running ? msg(str`Resend code in ${formatCountdown(this.resend.remaining)}`) : msg('Resend code')}
        </button>
        <button type="button" @click=${this.cancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private resendSms = async () => {
    await this.run(async () => {
      await this.reauth.run(() => read(this.api.security['two-factor'].sms.setup.$post({ json: { ...passwordBody(this.lastPassword), phone: this.phone } })));
      this.resend.start(RESEND_SECONDS);
      this.status = msg('A new code is on its way.');
    });
  };

  private async submitSms() {
    if (this.pending) return;
    if (this.code.length !== 6) return void (this.fieldErrors = { code: msg('Enter the 6 digits from the text message.') });
    await this.run(
      async () => {
        const result = (await read(this.api.security['two-factor'].sms.enable.$post({ json: { code: this.code } }))) as { recoveryCodes?: string[] };
        this.lastPassword = '';
        if (result.recoveryCodes?.length) this.showCodes(result.recoveryCodes, 'sms');
        else await this.finish('sms');
      },
      { codeError: true },
    );
  }

  /* ------------------------------------------------------------ recovery codes */

  private showCodes(codes: string[], reason: 'totp' | 'sms' | 'regenerate') {
    this.recoveryCodes = codes;
    this.codesFor = reason;
    this.saved = false;
    this.view = 'codes';
  }

  private renderCodes() {
    return html`<div class="stack">
      <h4 tabindex="-1" class="step-title">${msg('Save your recovery codes')}</h4>
      <p>${msg('If you lose your phone, each of these codes lets you sign in once. They are shown only now: keep them somewhere safe, like a password manager.')}</p>
      <ol part="codes" class="codes" aria-label=${msg('Recovery codes')}>
        ${this.recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}
      </ol>
      <div class="row">
        <button type="button" @click=${() => this.copy(this.recoveryCodes.join('\n'), 'codes')}>${this.copied === 'codes' ? msg('Copied') : msg('Copy')}</button>
        <button type="button" @click=${this.download}>${msg('Download .txt')}</button>
        <button type="button" @click=${this.print}>${msg('Print')}</button>
      </div>
      <label class="check">
        <input type="checkbox" name="saved" .checked=${this.saved} @change=${(e: Event) => (this.saved = (e.target as HTMLInputElement).checked)} />
        ${msg('I have saved these codes')}
      </label>
      <div class="row">
        <button type="button" class="primary" ?disabled=${!this.saved} @click=${() => this.finish(this.codesFor)}>${msg('Done')}</button>
      </div>
    </div>`;
  }

  private codesText() {
    const email = this.settings?.user?.email;
    return [
      msg('Recovery codes') + (email ? ` — ${email}` : ''),
      msg('Each code works once. Keep them somewhere safe.'),
      '',
      ...this.recoveryCodes,
      '',
      new Date().toISOString().slice(0, 10),
    ].join('\n');
  }

  private download = () => {
    const url = URL.createObjectURL(new Blob([this.codesText() + '\n'], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'recovery-codes.txt';
    a.rel = 'noopener';
    a.style.display = 'none';
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.status = msg('Downloaded recovery-codes.txt.');
  };

  private print = () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;left:-9999px'; // rtl-ok: off-screen print frame
    document.body.appendChild(frame);
    const doc = frame.contentDocument!;
    const pre = doc.createElement('pre');
    pre.style.cssText = 'font:16px/1.8 ui-monospace,monospace';
    pre.textContent = this.codesText();
    doc.body.appendChild(pre);
    frame.contentWindow!.focus();
    TwoFactorSetup.printWindow(frame.contentWindow!);
    setTimeout(() => frame.remove(), 1000);
  };

  private async copy(text: string, what: 'key' | 'codes') {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = what;
      this.status = what === 'key' ? msg('Setup key copied.') : msg('Recovery codes copied.');
      setTimeout(() => {
        if (this.copied === what) this.copied = null;
      }, 2000);
    } catch {
      this.status = msg('Copying is not allowed here. Select the text and copy it yourself.');
    }
  }

  /* ------------------------------------------------------------ dialogs */

  private openDialog(which: 'disable' | 'regenerate', method?: 'totp' | 'sms') {
    this.dialog = which;
    this.disableMethod = which === 'disable' ? method : undefined;
    this.dialogError = null;
    this.fieldErrors = {};
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>(`#${which}-dialog`);
      if (dialog && !dialog.open) dialog.showModal();
      dialog?.querySelector<HTMLInputElement>('input[type=password]')?.focus();
    });
  }

  private closeDialog = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog[open]')?.close();
    this.dialog = null;
    this.dialogError = null;
    this.fieldErrors = {};
  };

  private renderDialogs() {
    const passwordOf = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
    const method = this.disableMethod;
    const disableTitle = method === 'totp' ? msg('Turn off the authenticator app?') : method === 'sms' ? msg('Turn off text-message codes?') : msg('Turn off two-factor authentication?');
    return html`${confirmDialogTemplate({
      id: 'disable-dialog',
      title: disableTitle,
      body: html`<p>
          ${method
            ? msg('Your other method will still protect your account.')
            : msg('Your account will be protected by your password alone. Your recovery codes and trusted devices will stop working.')}
        </p>
        ${this.dialog === 'disable' ? this.passwordField('disable-password') : nothing}`,
      confirmLabel: msg('Turn off'),
      danger: true,
      pending: this.pending,
      error: this.dialogError,
      onCancel: this.closeDialog,
      onConfirm: () => void this.confirmDisable(passwordOf('disable-password')),
    })}
    ${confirmDialogTemplate({
      id: 'regenerate-dialog',
      title: msg('Get new recovery codes?'),
      body: html`<p>${msg('Your current recovery codes will stop working at once.')}</p>
        ${this.dialog === 'regenerate' ? this.passwordField('regenerate-password') : nothing}`,
      confirmLabel: msg('Get new codes'),
      pending: this.pending,
      error: this.dialogError,
      onCancel: this.closeDialog,
      onConfirm: () => void this.confirmRegenerate(passwordOf('regenerate-password')),
    })}`;
  }

  private async confirmDisable(password: string) {
    if (!password && !this.noPassword) return void (this.fieldErrors = { password: msg('Enter your password.') });
    const method = this.disableMethod;
    await this.run(
      async () => {
        await this.reauth.run(() => read(this.api.security['two-factor'].disable.$post({ json: { ...passwordBody(password), ...(method ? { method } : {}) } })));
        this.closeDialog();
        await this.load();
        await this.settings?.refresh();
        this.status = msg('Two-factor authentication was turned off.');
        this.emit('sk-two-factor-disabled', { method });
      },
      { inDialog: true },
    );
  }

  private async confirmRegenerate(password: string) {
    if (!password && !this.noPassword) return void (this.fieldErrors = { password: msg('Enter your password.') });
    await this.run(
      async () => {
        const { recoveryCodes } = await this.reauth.run(() => read(this.api.security['two-factor']['recovery-codes'].$post({ json: passwordBody(password) })));
        this.closeDialog();
        this.showCodes(recoveryCodes, 'regenerate');
      },
      { inDialog: true },
    );
  }

  /* ------------------------------------------------------------ plumbing */

  private renderError() {
    if (this.lock.running) {
      return html`<div class="alert error" role="alert">
        ${msg('Too many failed attempts. You can try again in')} <span class="countdown">${formatCountdown(this.lock.remaining)}</span>.
      </div>`;
    }
    return this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing;
  }

  /** Runs an API action: pending state, field errors next to fields, the rest in an alert. */
  private async run(action: () => Promise<void>, options: { codeError?: boolean; inDialog?: boolean } = {}) {
    if (this.pending) return;
    this.pending = true;
    this.error = null;
    this.dialogError = null;
    this.fieldErrors = {};
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'account_locked') {
        this.lock.start(e.retryAfter ?? 300);
        if (options.inDialog) this.dialogError = e.message;
      } else if (e instanceof ApiError && e.code === 'rate_limited') {
        this.resend.start(e.retryAfter ?? RESEND_SECONDS);
        this.error = e.message;
      } else if (e instanceof ApiError && e.fields && Object.keys(e.fields).some((f) => ['password', 'phone', 'code'].includes(f))) {
        this.fieldErrors = e.code === 'invalid_code' ? { code: wrongCodeMessage() } : e.fields;
        if (options.codeError) {
          this.code = '';
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus());
        }
      } else if (options.inDialog) {
        this.dialogError = errorMessage(e);
      } else {
        this.error = errorMessage(e);
      }
    } finally {
      this.pending = false;
    }
  }

  private async finish(method: 'totp' | 'sms' | 'regenerate') {
    this.recoveryCodes = [];
    this.setup = null;
    this.code = '';
    this.view = 'status';
    await this.load();
    if (method !== 'regenerate') {
      await this.settings?.refresh();
      this.status = msg('Two-factor authentication is on.');
      this.emit('sk-two-factor-enabled', { method });
    } else {
      this.status = msg('Your new recovery codes are ready.');
    }
  }

  private cancel = () => {
    this.setup = null;
    this.code = '';
    this.lastPassword = '';
    this.error = null;
    this.fieldErrors = {};
    this.resend.stop();
    this.go('status');
  };

  private go(view: TwoFactorView) {
    this.error = null;
    this.fieldErrors = {};
    this.view = view;
  }

  /** Moves focus to the heading of a new step, so screen readers announce it and Tab starts there. */
  private focusView() {
    void this.updateComplete.then(() => {
      if (this.view === 'status') return;
      const target = this.view === 'totp-scan' || this.view === 'sms-verify'
        ? this.renderRoot.querySelector<HTMLElement>('input[name=code]')
        : this.view === 'codes'
          ? this.renderRoot.querySelector<HTMLElement>('.step-title')
          : this.renderRoot.querySelector<HTMLElement>('input:not([type=checkbox])');
      target?.focus();
    });
  }
}

/** The password when there is one (a host user has none: the server checks its re-authentication). */
const passwordBody = (password?: string) => (password ? { password } : {});

declare global {
  interface HTMLElementTagNameMap {
    'two-factor-setup': TwoFactorSetup;
  }
}
