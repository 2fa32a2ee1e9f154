import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement } from '../internal/define';
import { field } from '../internal/field';
import { read } from '../api/client';
import { parseMethods, type TwoFactorMethod } from '../two-factor-challenge/two-factor-challenge';
import { removeQueryParams } from '../internal/location';
import { getPasskey, passkeysSupported } from '../user-passkeys/webauthn';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { signInFormStyles } from './sign-in-form.styles';
import { authColumnStyles } from '../internal/layout.styles';
import { resetTokenFromLocation } from '../forgot-password/forgot-password';
import { PasskeyAutofill } from './passkey-autofill';
import { SignInAction } from './sign-in-action';

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', microsoft: 'Microsoft', github: 'GitHub' };

/**
 * Email and password sign-in, with a switch to sign-up. Shows the server's errors next to their
 * fields, and a live countdown while the account is locked. For an account with two-factor
 * authentication the code step follows: a `<two-factor-challenge>` (authenticator code, "text me a
 * code" when SMS is on, a recovery code or a passkey, "trust this device for 30 days"), whose
 * `sk-two-factor-*` events bubble out of this element too. The same code step opens when the page
 * comes back from a provider sign-in (`<oauth-sign-in>`) with `?oauth=two_factor_required`: the
 * provider stood for the password, the second factor is still asked.
 *
 * @fires sk-signed-in - `{ user }` after a successful sign-in or sign-up.
 * The card sits centred in its column, vertically too: give the element a height (or set
 * `--sk-auth-min-height`) and the card stays in the middle of it.
 *
 * @slot brand - The product's identity above the heading, e.g. `<img slot="brand" src="logo.svg" alt="Acme">`.
 * @slot providers - Other ways to sign in or sign up, shown under the password form, e.g. `<oauth-sign-in slot="providers">`.
 *   Hidden during the code step and password recovery.
 * @csspart form - The form.
 * @csspart brand - The box around the `brand` slot.
 * @csspart submit - The submit button.
 * @csspart error - The error message.
 * @csspart code-input - The code field of the code step.
 * @cssproperty --sk-accent - Accent colour of the submit button.
 * @cssproperty --sk-auth-min-height - Least height of the element, the card centred in it (default: none).
 */
@localized()
@customElement('sign-in-form')
export class SignInForm extends SkElement {
  static override styles = [tokens, controls, authColumnStyles, signInFormStyles];

  /** `sign-in` or `sign-up`. */
  @property({ reflect: true }) mode: 'sign-in' | 'sign-up' = 'sign-in';
  /** The product's name, shown in the heading: "Sign in to Acme", "Create your Acme account". */
  @property({ attribute: 'app-name' }) appName = '';
  /** Hide the sign-up switch (hosts that create accounts themselves). */
  @property({ type: Boolean, attribute: 'no-sign-up' }) noSignUp = false;

  /** Showing `<forgot-password>` instead (its "Forgot password?" link, or an emailed reset link). */
  @state() private forgot = resetTokenFromLocation() !== null;
  /** Something sits in the `brand` slot (an empty box would add a gap above the heading). */
  @state() private hasBrand = false;
  @query('input[name=email]') private emailInput!: HTMLInputElement;

  /** `password`, or `code` after `two_factor_required`. */
  @state() protected step: 'password' | 'code' = 'password';
  @state() protected methods: TwoFactorMethod[] = [];

  /** The provider's name when the code step follows a provider sign-in. */
  @state() protected viaProvider: string | null = null;

  /** Sign-in, sign-up and passkey requests: one at a time, with their errors and the lock. */
  private readonly action = new SignInAction(this);
  /** The email of the pending sign-in, put back when going back to the password step. */
  private emailForCode = '';

  override connectedCallback() {
    super.connectedCallback();
    this.readOAuthOutcome();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.autofill.stop();
  }

  protected override updated() {
    // Passkey autofill runs while the password step of sign-in shows, and stops when it goes.
    if (this.mode === 'sign-in' && this.step === 'password' && !this.forgot) this.autofill.start();
    else this.autofill.reset();
  }

  /** Passkeys offered in the email field's autofill (conditional mediation), where the browser can. */
  private readonly autofill = new PasskeyAutofill(this, (response) => this.finishPasskeySignIn(response));

  /**
   * A provider sign-in for an account with two-factor authentication comes back with
   * `?oauth=two_factor_required&provider=…&methods=totp,sms,recovery_code` and a pending challenge
   * (10 minutes): ask for the code with the account's methods. Without `methods` (a server from
   * before they were carried) the authenticator code comes first, texting and a recovery code after.
   */
  private readOAuthOutcome() {
    const params = new URLSearchParams(globalThis.location?.search ?? '');
    if (params.get('oauth') !== 'two_factor_required') return;
    const provider = params.get('provider') ?? '';
    const methods = parseMethods(params.get('methods'));
    removeQueryParams('oauth', 'provider', 'methods');
    this.forgot = false;
    this.viaProvider = PROVIDER_NAMES[provider] ?? msg('your provider');
    this.handleSignInResult({ status: 'two_factor_required', methods: methods.length ? methods : ['totp', 'sms', 'recovery_code'] });
  }

  override render() {
    if (this.forgot)
      return html`<forgot-password .email=${this.emailInput?.value ?? ''} @sk-back-to-sign-in=${() => (this.forgot = false)}></forgot-password>`;
    if (this.step === 'code')
      return html`<two-factor-challenge
        exportparts="form, submit, error, code-input"
        .theme=${this.theme}
        .methods=${this.methods}
        .viaProvider=${this.viaProvider}
        @sk-signed-in=${() => (this.step = 'password')}
        @sk-two-factor-cancelled=${this.onCodeStepCancelled}
      ></two-factor-challenge>`;
    const signUp = this.mode === 'sign-up';
    const locked = this.action.lock.running;
    const name = this.appName;
    return html`
      <form class="card" part="form" novalidate @submit=${this.submit} aria-busy=${this.action.pending ? 'true' : 'false'}>
        <div class="brand" part="brand" ?hidden=${!this.hasBrand}><slot name="brand" @slotchange=${this.onBrandChange}></slot></div>
        <h2>${signUp ? (name ? msg(str`Create your ${name} account`) : msg('Create your account')) : name ? msg(str`Sign in to ${name}`) : msg('Sign in')}</h2>
        ${this.action.renderAlert()}
        ${signUp
          ? field({
              id: 'name',
              label: msg('Display name'),
              control: (a) => html`<input id=${a.id} name="displayName" autocomplete="name" maxlength="100" />`,
            })
          : nothing}
        ${field({
          id: 'email',
          label: msg('Email'),
          error: this.action.fieldErrors.email,
          control: (a) =>
            html`<input id=${a.id} name="email" type="email" autocomplete=${signUp ? 'email' : 'username webauthn'} required aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)} />`,
        })}
        ${field({
          id: 'password',
          label: msg('Password'),
          error: this.action.fieldErrors.password,
          hint: signUp
            ? msg('At least 8 characters. A few unrelated words make a strong password.')
            : html`<button type="button" class="link" @click=${() => (this.forgot = true)}>${msg('Forgot password?')}</button>`,
          control: (a) =>
            html`<input
              id=${a.id}
              name="password"
              type="password"
              autocomplete=${signUp ? 'new-password' : 'current-password'}
              required
              aria-invalid=${a.invalid}
              aria-describedby=${ifDefined(signUp ? a.describedBy : a.invalid === 'true' ? 'password-error' : undefined)}
            />`,
        })}
        <button type="submit" class="primary" part="submit" ?disabled=${this.action.pending || locked}>
          ${this.action.pending ? msg('Please wait…') : signUp ? msg('Create account') : msg('Sign in')}
        </button>
        ${signUp || !passkeysSupported()
          ? nothing
          : html`<button type="button" part="passkey" ?disabled=${this.action.pending || locked} @click=${this.signInWithPasskey}>${msg('Sign in with a passkey')}</button>`}
        <slot name="providers"></slot>
        ${this.noSignUp
          ? nothing
          : html`<div class="switch">
              ${signUp ? msg('Already have an account?') : msg('New here?')}
              <button type="button" class="link" @click=${this.toggleMode}>${signUp ? msg('Sign in') : msg('Create an account')}</button>
            </div>`}
      </form>
    `;
  }

  private onBrandChange(e: Event) {
    // Flattened: a page that forwards its own `brand` slot into this one counts only if that is filled.
    this.hasBrand = (e.target as HTMLSlotElement).assignedElements({ flatten: true }).length > 0;
  }

  private toggleMode() {
    this.mode = this.mode === 'sign-in' ? 'sign-up' : 'sign-in';
    this.action.reset();
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.action.pending || this.action.lock.running) return;
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const fieldErrors: Record<string, string> = {};
    if (!email) fieldErrors.email = msg('Enter your email address.');
    if (!password) fieldErrors.password = msg('Enter your password.');
    this.action.invalid(fieldErrors);
    if (Object.keys(fieldErrors).length) return;
    this.autofill.stop();
    await this.action.run(async () => {
      if (this.mode === 'sign-up') {
        const displayName = String(data.get('displayName') ?? '').trim() || undefined;
        const { user } = await read(this.api.auth['sign-up'].$post({ json: { email, password, displayName } }));
        this.emit('sk-signed-in', { user });
      } else {
        const result = await read(this.api.auth['sign-in'].$post({ json: { email, password } }));
        this.handleSignInResult(result);
      }
    });
  }

  /** A discoverable passkey: the browser lists this site's passkeys, no email needed. */
  private signInWithPasskey = async () => {
    if (this.action.pending) return;
    this.autofill.stop();
    await this.action.run(async () => {
      const options = await read(this.api.auth.passkey.options.$post());
      const response = await getPasskey(options);
      this.handleSignInResult(await read(this.api.auth.passkey.$post({ json: { response: response as never } })));
    });
  };

  /** The passkey the user picked in the email field's autofill. */
  private async finishPasskeySignIn(response: unknown) {
    await this.action.run(async () => this.handleSignInResult(await read(this.api.auth.passkey.$post({ json: { response: response as never } }))));
  }

  /** Signed in, or the code step when the account has two-factor authentication. */
  protected handleSignInResult(result: { status: string; user?: unknown; methods?: string[] }) {
    if (result.status === 'signed_in') {
      this.step = 'password';
      this.emit('sk-signed-in', { user: result.user });
      return;
    }
    if (result.status === 'two_factor_required') {
      this.emailForCode = this.emailInput?.value ?? this.emailForCode;
      this.methods = parseMethods((result.methods ?? []).join(','));
      this.step = 'code';
      this.action.error = null;
    }
  }

  /** Back from the code step: "Back to sign in", or the challenge expired (10 minutes). */
  private onCodeStepCancelled = (event: CustomEvent<{ reason: 'back' | 'expired' }>) => {
    const provider = this.viaProvider;
    this.step = 'password';
    this.viaProvider = null;
    this.methods = [];
    this.action.reset();
    this.action.error =
      event.detail.reason === 'expired'
        ? provider
          ? msg(str`Your sign-in took too long. Sign in with ${provider} again, or with your email and password.`)
          : msg('Your sign-in took too long. Sign in again.')
        : null;
    void this.updateComplete.then(() => {
      if (this.emailInput) this.emailInput.value = this.emailForCode;
      this.focus();
    });
  };

  /** Moves focus to the email field. */
  override focus() {
    this.emailInput?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-form': SignInForm;
  }
}
