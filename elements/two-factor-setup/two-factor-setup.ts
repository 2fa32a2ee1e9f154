import { localized, msg } from '@lit/localize';
import { showConfirmDialog, closeConfirmDialog } from '../internal/confirm-dialog';
import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { formatDateTime } from '../internal/format';
import { hasNoPassword, missingPassword, passwordBody } from '../internal/password-confirmation';
import { ReauthenticateController } from '../internal/reauthenticate';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { copyText, RecoveryCodesController, type CodesReason } from './recovery-codes';
import { smsSetupTemplate, smsVerifyTemplate } from './sms-enrolment';
import { statusCardTemplate } from './status-card';
import { StepAction } from './step-action';
import { totpPasswordStepTemplate, totpScanTemplate, type CodeStepView, type StepView, type TotpSetup } from './totp-enrolment';
import { twoFactorDialogsTemplate, type TwoFactorDialog } from './two-factor-dialogs';
import { twoFactorSetupStyles } from './two-factor-setup.styles';

export type { SecurityOverview } from '../api/types';

/** Where the element is: the status card, a step of a setup, or the recovery codes screen. */
export type TwoFactorView = 'status' | 'totp-password' | 'totp-scan' | 'sms-setup' | 'sms-verify' | 'codes';

const RESEND_SECONDS = 30;

/**
 * Two-factor authentication: the status card (status-card.ts), authenticator-app setup
 * (totp-enrolment.ts: password, QR code and grouped manual key, 6-digit code), SMS setup
 * (sms-enrolment.ts: phone, texted code, resend countdown), the recovery codes screen
 * (recovery-codes.ts: copy, download, print, "I have saved these codes"), and turning 2FA off or
 * regenerating codes behind a password confirmation (two-factor-dialogs.ts; for a host user without
 * a password: "Confirm it's you", see internal/reauthenticate.ts). This element holds the state and
 * the requests; the parts are templates. Works inside `<profile-settings>` or alone on a page.
 *
 * @fires sk-two-factor-enabled - `{ method: 'totp' | 'sms' }` when a method was turned on.
 * @fires sk-two-factor-disabled - `{ method?: 'totp' | 'sms' }` when 2FA (or one method) was turned off.
 * @fires sk-reauthenticate - A host user chose "Confirm it's you" (the server wants a fresh re-authentication).
 * @csspart card - The outer card.
 * @csspart status - The status line with its badge.
 * @csspart status-badge - The "On"/"Off" badge beside the card's title.
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
  @state() protected setup: TotpSetup | null = null;
  @state() protected code = '';
  @state() protected phoneShown = '';
  @state() protected keyCopied = false;
  @state() protected dialog: TwoFactorDialog | null = null;
  @state() protected disableMethod: 'totp' | 'sms' | undefined;
  @state() protected status: string | null = null;
  private phone = '';
  /** Kept only while the SMS step is on screen, to resend without asking again. */
  private lastPassword = '';

  /** `GET /security`: the status card's facts. */
  protected readonly security = apiTask(this, (api) => read(api.security.$get()));
  /** Pending state, field errors, the lock countdown and the SMS resend countdown. */
  protected readonly action = new StepAction(this);
  /** The recovery codes screen (shown once, after a setup or "Get new codes"). */
  protected readonly codes = new RecoveryCodesController(this, {
    email: () => this.settings?.user?.email,
    announce: (text) => (this.status = text),
    print: (w) => TwoFactorSetup.printWindow(w),
    done: (reason) => void this.finish(reason),
  });
  /** A host user confirms it is them through the host instead of a password. */
  protected readonly reauth = new ReauthenticateController(this);

  /** A user signed in by the host has no password to type: the fields go, the server checks re-authentication. */
  protected get noPassword() {
    return hasNoPassword(this.settings);
  }

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    this.toggleAttribute('sk-dirty', this.view !== 'status');
    if (changed.has('view')) this.focusView();
  }

  /** Reads `GET /security` again. */
  async load() {
    await this.security.run();
  }

  /** What `GET /security` said, once it answered (and its last reading did not fail). */
  protected get overview() {
    return this.security.status === TaskStatus.ERROR ? undefined : this.security.value;
  }

  override render() {
    const statusCard = this.overview && this.view === 'status';
    return html`<section class="card" part="card" aria-labelledby="tfa-title" aria-busy=${taskLoading(this.security) ? 'true' : 'false'}>
      ${statusCard ? nothing : html`<h3 id="tfa-title">${msg('Two-factor authentication')}</h3>`} ${this.renderBody()}
      <div class="sr-only" role="status" aria-live="polite">${this.status ?? ''}</div>
    </section>
    ${this.renderDialogs()} ${this.reauth.render()}`;
  }

  private renderBody() {
    return renderTask(this.security, { complete: () => this.renderView() });
  }

  private renderView() {
    switch (this.view) {
      case 'totp-password':
        return totpPasswordStepTemplate({ ...this.stepView(), onSubmit: this.submitPassword });
      case 'totp-scan':
        return totpScanTemplate(this.setup!, {
          ...this.codeStepView(() => this.submitTotp()),
          keyCopied: this.keyCopied,
          onCopyKey: () => void this.copyKey(),
          onCancel: this.cancelTotp,
        });
      case 'sms-setup':
        return smsSetupTemplate({ ...this.stepView(), phone: this.phone, noPassword: this.noPassword, onSubmit: this.submitSmsSetup });
      case 'sms-verify':
        return smsVerifyTemplate({
          ...this.codeStepView(() => this.submitSms()),
          phoneShown: this.phoneShown,
          resendIn: this.action.resend.running ? this.action.resend.remaining : null,
          onResend: this.resendSms,
        });
      case 'codes':
        return this.codes.render();
      default:
        return this.renderStatus();
    }
  }

  private stepView(): StepView {
    return { pending: this.action.pending, locked: this.action.lock.running, fieldErrors: this.action.fieldErrors, error: this.action.renderStepError(), onCancel: this.cancel };
  }

  private codeStepView(submit: () => void): CodeStepView {
    return {
      ...this.stepView(),
      code: this.code,
      onCodeInput: (v) => {
        this.code = v;
        if (this.action.fieldErrors.code) this.action.invalid({});
      },
      onSubmit: submit,
    };
  }

  /**
   * The administrator requires text-message codes (policy `twoFactorMethod: "sms"`) and this user has
   * none yet: only the SMS setup is offered, since an authenticator app would not open the gate.
   */
  protected get smsOnly() {
    return this.settings?.user?.requiredTwoFactorMethod === 'sms' && !this.overview?.twoFactor.sms;
  }

  private renderStatus() {
    const tf = this.overview!.twoFactor;
    return statusCardTemplate({
      twoFactor: tf,
      smsOnly: this.smsOnly,
      smsRequired: this.settings?.user?.requiredTwoFactorMethod === 'sms',
      codesMadeAt: tf.recoveryCodesCreatedAt ? formatDateTime(tf.recoveryCodesCreatedAt, this.preferences) : null,
      // While a dialog is open its errors show in the dialog.
      error: this.dialog ? null : this.action.error,
      onSetUpTotp: this.startTotp,
      onSetUpSms: () => this.go('sms-setup'),
      onTurnOff: (method) => this.openDialog('disable', method),
      onNewCodes: () => this.openDialog('regenerate'),
    });
  }

  /* ------------------------------------------------------------ TOTP */

  private startTotp = () => (this.noPassword ? void this.beginTotp() : this.go('totp-password'));

  private submitPassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    if (!password) return this.action.invalid({ password: msg('Enter your password.') });
    await this.beginTotp(password);
  };

  private async beginTotp(password?: string) {
    await this.action.step(async () => {
      this.setup = await this.reauth.run(() => read(this.api.security['two-factor'].totp.setup.$post({ json: passwordBody(password) })));
      this.code = '';
      this.view = 'totp-scan';
    });
  }

  private async submitTotp() {
    if (this.action.pending) return;
    if (this.code.length !== 6) return this.action.invalid({ code: msg('Enter the 6 digits from your app.') });
    await this.action.step(async () => {
      const { recoveryCodes } = await read(this.api.security['two-factor'].totp.enable.$post({ json: { code: this.code } }));
      this.showCodes(recoveryCodes, 'totp');
    }, this.codeRefused);
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

  private submitSmsSetup = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const phone = String(data.get('phone') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.phone = phone;
    const fields: Record<string, string> = {};
    if (!phone) fields.phone = msg('Enter your mobile number.');
    else if (!/^\+[\d\s().-]{7,}$/.test(phone)) fields.phone = msg('Start with + and the country code, like +14155550100.');
    const missing = missingPassword(password, this.noPassword);
    if (missing) fields.password = missing;
    this.action.invalid(fields);
    if (Object.keys(fields).length) return;
    this.lastPassword = password;
    await this.action.step(async () => {
      await this.sendSmsCode(password);
      this.phoneShown = phone;
      this.code = '';
      this.view = 'sms-verify';
    });
  };

  private async sendSmsCode(password: string) {
    await this.reauth.run(() => read(this.api.security['two-factor'].sms.setup.$post({ json: { ...passwordBody(password), phone: this.phone } })));
    this.action.resend.start(RESEND_SECONDS);
  }

  private resendSms = async () => {
    await this.action.step(async () => {
      await this.sendSmsCode(this.lastPassword);
      this.status = msg('A new code is on its way.');
    });
  };

  private async submitSms() {
    if (this.action.pending) return;
    if (this.code.length !== 6) return this.action.invalid({ code: msg('Enter the 6 digits from the text message.') });
    await this.action.step(async () => {
      const result = await read(this.api.security['two-factor'].sms.enable.$post({ json: { code: this.code } }));
      this.lastPassword = '';
      if (result.recoveryCodes?.length) this.showCodes(result.recoveryCodes, 'sms');
      else await this.finish('sms');
    }, this.codeRefused);
  }

  private showCodes(codes: string[], reason: CodesReason) {
    this.codes.show(codes, reason);
    this.view = 'codes';
  }

  private async copyKey() {
    if (!(await copyText(this.setup!.secret))) return void (this.status = msg('Copying is not allowed here. Select the text and copy it yourself.'));
    this.keyCopied = true;
    this.status = msg('Setup key copied.');
    setTimeout(() => (this.keyCopied = false), 2000);
  }

  /* ------------------------------------------------------------ dialogs */

  private openDialog(which: TwoFactorDialog, method?: 'totp' | 'sms') {
    this.dialog = which;
    this.disableMethod = which === 'disable' ? method : undefined;
    this.action.reset();
    void this.updateComplete.then(() => showConfirmDialog(this.renderRoot, `${which}-dialog`, 'input[type=password]'));
  }

  private closeDialog = () => {
    closeConfirmDialog(this.renderRoot);
    this.dialog = null;
    this.action.reset();
  };

  private renderDialogs() {
    return twoFactorDialogsTemplate({
      open: this.dialog,
      method: this.disableMethod,
      pending: this.action.pending,
      error: this.action.error,
      passwordError: this.action.fieldErrors.password,
      noPassword: this.noPassword,
      passwordOf: (id) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '',
      onCancel: this.closeDialog,
      onDisable: (password) => void this.confirmDisable(password),
      onRegenerate: (password) => void this.confirmRegenerate(password),
    });
  }

  private async confirmDisable(password: string) {
    const missing = missingPassword(password, this.noPassword);
    if (missing) return this.action.invalid({ password: missing });
    const method = this.disableMethod;
    await this.action.step(async () => {
      await this.reauth.run(() => read(this.api.security['two-factor'].disable.$post({ json: { ...passwordBody(password), ...(method ? { method } : {}) } })));
      this.closeDialog();
      await this.load();
      await this.settings?.refresh();
      this.status = msg('Two-factor authentication was turned off.');
      this.emit('sk-two-factor-disabled', { method });
    });
  }

  private async confirmRegenerate(password: string) {
    const missing = missingPassword(password, this.noPassword);
    if (missing) return this.action.invalid({ password: missing });
    await this.action.step(async () => {
      const { recoveryCodes } = await this.reauth.run(() => read(this.api.security['two-factor']['recovery-codes'].$post({ json: passwordBody(password) })));
      this.closeDialog();
      this.showCodes(recoveryCodes, 'regenerate');
    });
  }

  /** A refused code: the field empties and takes focus for the next try. */
  private codeRefused = () => {
    this.code = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus());
  };

  private async finish(method: CodesReason) {
    this.codes.clear();
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
    this.action.resend.stop();
    this.go('status');
  };

  private go(view: TwoFactorView) {
    this.action.reset();
    this.view = view;
  }

  /** Moves focus to the heading of a new step, so screen readers announce it and Tab starts there. */
  private focusView() {
    void this.updateComplete.then(() => {
      if (this.view === 'status') return;
      const target =
        this.view === 'totp-scan' || this.view === 'sms-verify'
          ? this.renderRoot.querySelector<HTMLElement>('input[name=code]')
          : this.view === 'codes'
            ? this.renderRoot.querySelector<HTMLElement>('.step-title')
            : this.renderRoot.querySelector<HTMLElement>('input:not([type=checkbox])');
      target?.focus();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'two-factor-setup': TwoFactorSetup;
  }
}
