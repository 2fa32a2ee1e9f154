import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { connectedAccountsStyles } from './connected-accounts.styles';

type Provider = 'google' | 'microsoft' | 'github';
interface Account {
  provider: Provider;
  name: string;
  available: boolean;
  sandbox: boolean;
  connected: boolean;
  email: string | null;
  displayName: string | null;
  connectedAt: string | null;
  lastSignInAt: string | null;
}

/** What the popup's result page posts to its opener. */
interface OAuthMessage {
  source: 'settings-kit';
  type: 'sk-oauth';
  provider: Provider;
  purpose: 'link' | 'sign_in' | null;
  status: 'linked' | 'signed_in' | 'two_factor_required' | 'error';
  code?: string;
  message?: string;
}

const LOGOS: Record<Provider, string> = { google: 'G', microsoft: 'M', github: 'GH' };

/**
 * Seed 001 "Connected Accounts": Google, Microsoft and GitHub, each with Connect or Disconnect.
 * Connect opens the provider in a popup (OAuth 2.0 code + PKCE on the server); the popup's last
 * page posts the outcome back, accepted only from the API's origin, from that popup, and in the
 * expected shape. Email and password always remain a way to sign in.
 *
 * @fires sk-account-connected - `{ provider }` after a provider was linked.
 * @fires sk-account-disconnected - `{ provider }` after a provider was unlinked.
 * @csspart card - The card.
 * @csspart row - Each provider's row.
 */
@localized()
@customElement('connected-accounts')
export class ConnectedAccounts extends SkElement {
  static override styles = [tokens, controls, connectedAccountsStyles];

  @state() private accounts: Account[] | null = null;
  @state() private loadError: string | null = null;
  @state() private error: string | null = null;
  @state() private notice: string | null = null;
  @state() private busy: Provider | null = null;
  @state() private confirming: Account | null = null;
  private popup: Window | null = null;
  private expected: Provider | null = null;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
  }

  protected override apiChanged() {
    void this.load();
  }

  private async load() {
    this.loadError = null;
    try {
      this.accounts = (await read(this.api['connected-accounts'].$get())).accounts as Account[];
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  /** The origin the popup's result page is served from: the API's. */
  private get apiOrigin(): string {
    return new URL(this.api['connected-accounts'].$url().toString(), location.href).origin;
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="ca-title">
        <h3 id="ca-title">${msg('Connected accounts')}</h3>
        <p class="muted">${msg('Link third-party accounts for faster sign-in. You will always be able to sign in with your email and password.')}</p>
        ${this.loadError
          ? html`<div class="alert error" role="alert">${this.loadError} <button class="link" @click=${() => this.load()}>${msg('Try again')}</button></div>`
          : !this.accounts
            ? html`<p class="muted" role="status">${msg('Loading…')}</p>`
            : html`<ul>
                ${this.accounts.map((a) => this.renderRow(a))}
              </ul>`}
        ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
        <div role="status" class=${this.notice ? 'alert success' : ''}>${this.notice ?? ''}</div>
      </section>
      ${confirmDialogTemplate({
        id: 'disconnect-dialog',
        title: this.confirming ? msg(str`Disconnect ${this.confirming.name}?`) : '',
        body: msg('You will no longer be able to sign in with it. You can still sign in with your email and password, and connect it again at any time.'),
        confirmLabel: msg('Disconnect'),
        danger: true,
        pending: this.busy !== null,
        onConfirm: () => this.disconnect(),
        onCancel: () => this.closeDialog(),
      })}`;
  }

  private renderRow(a: Account) {
    const busy = this.busy === a.provider;
    return html`<li part="row" data-provider=${a.provider}>
      <span class="logo" aria-hidden="true">${LOGOS[a.provider]}</span>
      <div class="who">
        <div class="name">
          ${a.name} ${a.sandbox ? html`<span class="badge sandbox" title=${msg('A local test provider, not the real one')}>${msg('Sandbox')}</span>` : nothing}
          ${a.connected ? html`<span class="badge success connected">${msg('Connected')}</span>` : nothing}
        </div>
        <div class="detail">
          ${a.connected
            ? html`${a.email ?? a.displayName ?? ''}${a.connectedAt ? html` · ${msg(str`since ${formatDateTime(a.connectedAt, this.preferences, false)}`)}` : nothing}`
            : a.available
              ? msg(str`Sign in with your ${a.name} account`)
              : msg('Not available on this server')}
        </div>
      </div>
      ${a.connected
        ? html`<button class="danger" ?disabled=${busy} aria-label=${msg(str`Disconnect ${a.name}`)} @click=${() => this.askDisconnect(a)}>${msg('Disconnect')}</button>`
        : html`<button ?disabled=${!a.available || busy} aria-label=${msg(str`Connect ${a.name}`)} @click=${() => this.connect(a)}>
            ${busy ? msg('Connecting…') : msg('Connect')}
          </button>`}
    </li>`;
  }

  private async connect(a: Account) {
    this.error = null;
    this.notice = null;
    // Open the popup in the click itself, so popup blockers let it through; navigate it once the URL is known.
    const popup = window.open('about:blank', 'sk-oauth', 'popup,width=520,height=680');
    if (!popup) {
      this.error = msg('Your browser blocked the sign-in window. Allow popups for this site and try again.');
      return;
    }
    this.popup = popup;
    this.expected = a.provider;
    this.busy = a.provider;
    try {
      const { authorizeUrl } = await read(this.api['connected-accounts'][':provider'].connect.$post({ param: { provider: a.provider } }));
      popup.location.href = authorizeUrl;
      this.watchPopup(popup);
    } catch (error) {
      popup.close();
      this.busy = null;
      this.error = errorMessage(error);
    }
  }

  /** Clears the busy state when the user closes the popup without finishing. */
  private watchPopup(popup: Window) {
    const timer = setInterval(() => {
      if (popup.closed || this.popup !== popup) {
        clearInterval(timer);
        if (this.popup === popup) {
          this.popup = null;
          this.busy = null;
        }
      }
    }, 500);
  }

  private onMessage = async (event: MessageEvent) => {
    // SECURITY.md 25: only the API's origin, only our popup, only the expected shape.
    if (event.origin !== this.apiOrigin || !this.popup || event.source !== this.popup) return;
    const data = event.data as Partial<OAuthMessage> | null;
    if (!data || data.source !== 'settings-kit' || data.type !== 'sk-oauth' || data.provider !== this.expected || data.purpose !== 'link') return;
    const provider = data.provider as Provider;
    const name = this.accounts?.find((a) => a.provider === provider)?.name ?? provider;
    this.popup = null;
    this.expected = null;
    this.busy = null;
    if (data.status === 'linked') {
      this.notice = msg(str`${name} is connected.`);
      this.emit('sk-account-connected', { provider });
      await this.load();
    } else {
      this.error = typeof data.message === 'string' ? data.message : msg('The connection did not complete. Please try again.');
    }
  };

  private async askDisconnect(a: Account) {
    this.confirming = a;
    this.error = null;
    this.notice = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('#disconnect-dialog')?.showModal();
  }

  private closeDialog() {
    this.renderRoot.querySelector<HTMLDialogElement>('#disconnect-dialog')?.close();
    this.confirming = null;
  }

  private async disconnect() {
    const a = this.confirming;
    if (!a) return;
    this.busy = a.provider;
    try {
      await read(this.api['connected-accounts'][':provider'].$delete({ param: { provider: a.provider } }));
      this.notice = msg(str`${a.name} is disconnected.`);
      this.emit('sk-account-disconnected', { provider: a.provider });
      this.closeDialog();
      await this.load();
    } catch (error) {
      this.closeDialog();
      this.error = errorMessage(error);
    } finally {
      this.busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connected-accounts': ConnectedAccounts;
  }
}
