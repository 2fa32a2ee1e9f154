import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { field } from '../internal/field';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { managedBy } from '../internal/settings-root';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { blockHostStyles } from '../internal/host.styles';

/**
 * The sign-in email in the profile, and changing it: the new address and the current password, then
 * a link to the new address (a notice with an undo link goes to the old one). While the link is out,
 * says where it went and offers "Send again" and "Cancel change". Nothing changes until the link is
 * opened. Used by `<profile-form>`; the links themselves are opened by `<profile-settings>`. Under host
 * identity the email is the host's: shown read-only, "Your email is managed by …", no change.
 *
 * @fires sk-email-change-requested - `{ pendingEmail }` after the link was sent (also after "Send again").
 * @fires sk-email-change-cancelled - After "Cancel change".
 * @csspart field - The email field.
 * @csspart current - The current email, shown as text (read-only).
 */
@localized()
@customElement('email-change')
export class EmailChange extends SkElement {
  static override styles = [
    tokens,
    controls,
    blockHostStyles,
    css`
      .row {
        gap: calc(var(--_space) * 0.5);
      }
      /* Plain text, not a box: the address changes only through "Change email" and its link. */
      .current {
        flex: 1;
        min-width: 12rem;
        overflow-wrap: anywhere;
        min-block-size: 2.25rem;
        display: flex;
        align-items: center;
      }
      form {
        margin-top: calc(var(--_space) * 0.5);
      }
    `,
  ];

  /** The current sign-in email. */
  @property() email = '';
  /** A new address waiting for its link to be opened. */
  @property({ attribute: 'pending-email' }) pendingEmail: string | null = null;

  @state() private editing = false;
  /** Send, send again and cancel: one request at a time; the form's field errors. */
  private readonly action = new ActionController(this);
  @state() private notice: string | null = null;

  override render() {
    const managed = this.settings?.user?.identity === 'host';
    return html`<div class="field" part="field">
      <span class="label" id="ec-label">${msg('Email')}</span>
      <div class="row" role="group" aria-labelledby="ec-label" aria-describedby="ec-hint">
        <span id="ec-current" class="current" part="current" dir="ltr">${this.email}</span>
        ${this.editing || managed ? nothing : html`<button type="button" @click=${this.startEditing}>${msg('Change email')}</button>`}
      </div>
      <div id="ec-hint" class="hint">${managed ? msg(str`Your email is managed by ${managedBy(this.settings)}.`) : msg('Your sign-in email.')}</div>
      ${managed ? nothing : this.pendingEmail && !this.editing
        ? html`<div class="alert warning" role="status">
            ${msg(str`We sent a link to ${this.pendingEmail}. Open it to sign in with that address from then on.`)}
            <div class="row">
              <button type="button" ?disabled=${this.action.pending} @click=${this.resend}>${msg('Send again')}</button>
              <button type="button" ?disabled=${this.action.pending} @click=${this.cancel}>${msg('Cancel change')}</button>
            </div>
          </div>`
        : nothing}
      ${this.editing && !managed
        ? html`<form class="stack" novalidate @submit=${this.submit} aria-label=${msg('Change email')}>
            ${field({
              id: 'ec-new',
              label: msg('New email'),
              error: this.action.fieldErrors.newEmail,
              control: (a) => html`<input id=${a.id} name="newEmail" type="email" autocomplete="email" required aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)} />`,
            })}
            ${field({
              id: 'ec-password',
              label: msg('Current password'),
              error: this.action.fieldErrors.password,
              control: (a) => html`<input id=${a.id} name="password" type="password" autocomplete="current-password" required aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)} />`,
            })}
            ${this.action.renderError()}
            <div class="row">
              <button type="submit" class="primary" ?disabled=${this.action.pending}>${this.action.pending ? msg('Sending…') : msg('Send link')}</button>
              <button type="button" @click=${() => ((this.editing = false), this.action.reset())}>${msg('Cancel')}</button>
            </div>
          </form>`
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.notice ?? ''}</div>
    </div>`;
  }

  private startEditing = () => {
    this.editing = true;
    this.action.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#ec-new')?.focus());
  };

  private submit = async (event: SubmitEvent) => {
    event.preventDefault();
    event.stopPropagation(); // not the profile form's save
    const data = new FormData(event.target as HTMLFormElement);
    const newEmail = String(data.get('newEmail') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const missing: Record<string, string> | null = !newEmail ? { newEmail: msg('Enter the new email address.') } : !password ? { password: msg('Enter your current password.') } : null;
    if (missing) {
      this.action.reset(); // asks for the render that shows the field error set next
      this.action.fieldErrors = missing;
      return;
    }
    await this.run(async () => {
      const { pendingEmail } = await read(this.api.profile.email.$post({ json: { newEmail, password } }));
      this.editing = false;
      this.pendingEmail = pendingEmail;
      this.notice = msg(str`We sent a link to ${pendingEmail}.`);
      this.emit('sk-email-change-requested', { pendingEmail });
    });
  };

  private resend = () =>
    this.run(async () => {
      const { pendingEmail } = await read(this.api.profile.email.resend.$post());
      this.notice = msg(str`We sent a new link to ${pendingEmail}.`);
      this.emit('sk-email-change-requested', { pendingEmail });
    });

  private cancel = () =>
    this.run(async () => {
      await read(this.api.profile.email.$delete());
      this.pendingEmail = null;
      this.notice = msg('The email change was cancelled.');
      this.emit('sk-email-change-cancelled');
    });

  private async run(request: () => Promise<void>) {
    await this.action.run(request, { fields: ['newEmail', 'password'] });
    // Without the form, the outcome is said where the notices are.
    const failure = this.action.error ?? Object.values(this.action.fieldErrors)[0];
    if (!this.editing && failure) this.notice = failure;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'email-change': EmailChange;
  }
}
