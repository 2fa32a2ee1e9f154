import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { formatCountdown, formatDateTime } from '../internal/format';
import { formatPhone, loadPhoneNumbers } from '../internal/phone';
import type { ProfileAnswer } from '../api/types';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { accountConfirmationStyles } from './account-confirmation.styles';
import { PhoneConfirmationController } from './phone-confirmation';

/** The fragment of the emailed confirmation link. */
export const CONFIRM_EMAIL_FRAGMENT = 'sk-confirm-email';
const RESEND_SECONDS = 60;

/** What `/me` says about the account's state (seed 002). */
interface AccountState {
  email: string;
  displayName?: string;
  status: string;
  pendingConfirmations?: ('email' | 'phone')[];
  twoFactorSetupRequired?: boolean;
}

/** True when `<account-confirmation>` has something to show for this user. */
export function needsAccountAttention(user: AccountState | null | undefined): boolean {
  return !!user && (user.status !== 'active' || !!user.twoFactorSetupRequired || !!user.pendingConfirmations?.length);
}

/** True when the account may use nothing but this element (pending, suspended, 2FA setup required). */
export function accountGated(user: AccountState | null | undefined): boolean {
  return !!user && (user.status !== 'active' || !!user.twoFactorSetupRequired);
}

/**
 * The account's standing as the administrator's policy sees it (seed 002), shown above every
 * settings tab: a pending account waits for activation, a suspended one is told so, a user who
 * must set up two-factor authentication gets `<two-factor-setup>` right here, and an unconfirmed
 * email or phone gets its banner and flow — resend the email link, or enter a phone (no other
 * account's) and the texted code. Opening the emailed link (`#sk-confirm-email=…`) on a page with
 * this element confirms the email. Hidden when there is nothing to do.
 *
 * @fires sk-account-confirmed - `{ what: 'email' | 'phone' }` after a confirmation.
 * @csspart banner - Each banner.
 * @csspart code-input - The SMS code input.
 * @cssproperty --sk-warning - Colour of the banners.
 */
@localized()
@customElement('account-confirmation')
export class AccountConfirmation extends SkElement {
  static override styles = [tokens, controls, accountConfirmationStyles];

  @state() protected emailSent = false;
  @state() protected done: string | null = null;
  /** "Send the link again": pending, its error, and the resend countdown (also after `rate_limited`). */
  protected readonly emailSending = new ActionController(this);
  /** The emailed link being confirmed on arrival. */
  protected readonly linkConfirming = new ActionController(this);
  /** The phone number and its texted code (phone-confirmation.ts). */
  protected readonly phoneConfirmation = new PhoneConfirmationController(this, async () => {
    this.done = msg('Thank you: your phone number is confirmed.');
    this.emit('sk-account-confirmed', { what: 'phone' });
    await this.settings?.refresh();
  });

  override connectedCallback() {
    super.connectedCallback();
    void this.confirmFromLink();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private onHash = () => void this.confirmFromLink();

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    const user = this.settings?.user as AccountState | null | undefined;
    this.hidden = !needsAccountAttention(user) && !this.done && !this.linkConfirming.error && !this.linkConfirming.pending;
  }

  /** Confirms the email with the token of an emailed link in `location.hash`, then removes it. */
  protected async confirmFromLink() {
    const match = new RegExp(`${CONFIRM_EMAIL_FRAGMENT}=([^&]+)`).exec(location.hash);
    if (!match || this.linkConfirming.pending) return;
    const token = decodeURIComponent(match[1]!);
    history.replaceState(null, '', location.pathname + location.search);
    this.emailSending.reset();
    await this.linkConfirming.run(async () => {
      await read(this.api.confirmation.email.confirm.$post({ json: { token } }));
      this.done = msg('Thank you: your email address is confirmed.');
      this.emit('sk-account-confirmed', { what: 'email' });
      await this.settings?.refresh();
    });
  }

  override render() {
    const user = this.settings?.user as AccountState | null | undefined;
    return html`<div class="stack">
      ${this.done ? html`<div class="alert success" role="status">${this.done}</div>` : nothing}
      ${this.linkConfirming.pending ? html`<div class="alert warning" role="status">${msg('Confirming your email…')}</div>` : nothing}
      ${this.linkConfirming.renderError()}
      ${user ? this.renderState(user) : nothing}
    </div>`;
  }

  protected renderState(user: AccountState) {
    if (user.status === 'disabled')
      return html`<div class="alert error banner" part="banner" role="alert">
        <h3>${msg('This account is suspended')}</h3>
        <p>${msg('An administrator suspended this account. Contact them to restore it.')}</p>
      </div>`;
    const pendingList = user.pendingConfirmations ?? [];
    return html`
      ${user.status === 'pending'
        ? html`<div class="alert warning banner" part="banner">
            <h3>${msg('Your account is waiting for activation')}</h3>
            <p>${msg('An administrator has to activate it. Until then you can read your profile, finish the confirmation below and sign out.')}</p>
          </div>
          ${this.renderProfile(user)}`
        : nothing}
      ${user.twoFactorSetupRequired && user.status === 'active' ? this.renderTwoFactor() : nothing}
      ${pendingList.includes('email') ? this.renderEmail(user) : nothing}
      ${pendingList.includes('phone') ? this.phoneConfirmation.render() : nothing}
    `;
  }

  /** GET /profile, only for a pending account (what "you can read your profile" promises). */
  private readonly profile = apiTask(
    this,
    async (api): Promise<ProfileAnswer> => {
      const profile = await read(api.profile.$get());
      if (profile.phone) await loadPhoneNumbers().catch(() => {});
      return profile;
    },
    { when: () => (this.settings?.user as AccountState | null | undefined)?.status === 'pending' },
  );

  protected renderProfile(user: AccountState) {
    const p = this.profile.value;
    const none = html`<span class="muted">${msg('(none)')}</span>`;
    return html`<section class="card profile" part="profile" aria-labelledby="ac-profile-title" aria-busy=${taskLoading(this.profile) ? 'true' : 'false'}>
      <h3 id="ac-profile-title">${msg('Your profile')}</h3>
      <dl>
        <dt>${msg('Display name')}</dt>
        <dd>${(p?.displayName ?? user.displayName) || none}</dd>
        <dt>${msg('Email')}</dt>
        <dd>${user.email}</dd>
        ${p
          ? html`<dt>${msg('Phone')}</dt>
              <dd dir="ltr">${p.phone ? formatPhone(p.phone) : none}</dd>
              ${p.company ? html`<dt>${msg('Company')}</dt><dd>${p.company}</dd>` : nothing}
              <dt>${msg('Member since')}</dt>
              <dd>${formatDateTime(p.createdAt, this.preferences, false)}</dd>`
          : nothing}
      </dl>
      ${renderTask(this.profile, { skeletons: 1, complete: () => nothing })}
    </section>`;
  }

  protected renderTwoFactor() {
    return html`<div class="alert warning banner" part="banner">
        <h3>${msg('Set up two-factor authentication to continue')}</h3>
        <p>${msg('Your administrator requires a second step at sign-in for every account. Set it up now; the rest of your settings open as soon as it is on.')}</p>
      </div>
      ${customElements.get('two-factor-setup')
        ? html`<two-factor-setup @sk-two-factor-enabled=${() => this.settings?.refresh()}></two-factor-setup>`
        : this.twoFactorFailed
          ? html`<p class="muted">${msg('The two-factor setup is not loaded on this page.')}</p>`
          : (this.loadTwoFactor(), html`<p class="muted" role="status">${msg('Loading…')}</p>`)}`;
  }

  /** <two-factor-setup> is imported only for a user who must set it up before anything else. */
  @state() private twoFactorFailed = false;
  #twoFactorLoading?: Promise<unknown>;
  private loadTwoFactor() {
    this.#twoFactorLoading ??= import('../two-factor-setup/two-factor-setup').then(
      () => this.requestUpdate(),
      () => (this.twoFactorFailed = true),
    );
  }

  protected renderEmail(user: AccountState) {
    const { pending, resend } = this.emailSending;
    const wait = resend.running;
    return html`<div class="alert warning banner" part="banner">
      <h3>${msg('Confirm your email address')}</h3>
      <p>
        ${this.emailSent
          ? msg(str`We sent a new link to ${user.email}. Open it within 24 hours to confirm your account.`)
          : msg(str`We sent a link to ${user.email} when you registered. Open it to confirm your account.`)}
      </p>
      ${this.emailSending.error ? html`<div class="field-error" role="alert">${this.emailSending.error}</div>` : nothing}
      <div>
        <button type="button" @click=${this.sendEmail} ?disabled=${pending || wait}>
          ${pending
            ? msg('Sending…')
            : wait
              ? msg(str`Send the link again in ${formatCountdown(resend.remaining)}`)
              : msg('Send the link again')}
        </button>
      </div>
    </div>`;
  }

  protected async sendEmail() {
    this.linkConfirming.reset();
    // A refusal with `rate_limited` starts the resend countdown with the server's Retry-After.
    await this.emailSending.run(() => read(this.api.confirmation.email.send.$post()), {
      done: () => {
        this.emailSent = true;
        this.emailSending.resend.start(RESEND_SECONDS);
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-confirmation': AccountConfirmation;
  }
}
