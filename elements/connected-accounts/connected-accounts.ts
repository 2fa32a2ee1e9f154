import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import type { ConnectedAccount } from '../api/types';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { confirmDialogTemplate, showConfirmDialog, closeConfirmDialog } from '../internal/confirm-dialog';
import { formatDateTime } from '../internal/format';
import { PopupFlowController } from '../internal/popup-flow';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { connectedAccountsStyles } from './connected-accounts.styles';
import { PROVIDER_LOGOS } from './provider-logos';

type Provider = ConnectedAccount['provider'];

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

/** Only our result page's message, for the provider being connected, for linking. */
const isLinkMessage = (data: unknown, provider: string): data is OAuthMessage => {
  const m = data as Partial<OAuthMessage> | null;
  return !!m && m.source === 'settings-kit' && m.type === 'sk-oauth' && m.provider === provider && m.purpose === 'link';
};

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

  private readonly accounts = apiTask(this, async (api) => (await read(api['connected-accounts'].$get())).accounts);
  private readonly disconnecting = new ActionController(this);
  /** SECURITY: a message counts only from the API's origin, from our popup, in the expected shape. */
  private readonly flow = new PopupFlowController<OAuthMessage>(this, {
    name: 'sk-oauth',
    accept: isLinkMessage,
    onMessage: (message) => void this.finished(message),
    onClosed: () => (this.notice = null),
  });
  @state() private error: string | null = null;
  @state() private notice: string | null = null;
  @state() private confirming: ConnectedAccount | null = null;

  /** The origin the popup's result page is served from: the API's. */
  private get apiOrigin(): string {
    return new URL(this.api['connected-accounts'].$url().toString(), location.href).origin;
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="ca-title">
        <h3 id="ca-title">${msg('Connected accounts')}</h3>
        <p class="muted">${msg('Link third-party accounts for faster sign-in. You will always be able to sign in with your email and password.')}</p>
        ${renderTask(this.accounts, {
          skeletons: 3,
          complete: (accounts) => html`<ul>
            ${accounts.map((a) => this.renderRow(a))}
          </ul>`,
        })}
        ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
        <div role="status" class=${this.notice ? 'alert success' : ''}>${this.notice ?? ''}</div>
      </section>
      ${confirmDialogTemplate({
        id: 'disconnect-dialog',
        title: this.confirming ? msg(str`Disconnect ${this.confirming.name}?`) : '',
        body: msg('You will no longer be able to sign in with it. You can still sign in with your email and password, and connect it again at any time.'),
        confirmLabel: msg('Disconnect'),
        danger: true,
        pending: this.disconnecting.pending,
        error: this.disconnecting.error,
        onConfirm: () => void this.disconnect(),
        onCancel: () => this.closeDialog(),
      })}`;
  }

  private renderRow(a: ConnectedAccount) {
    const connecting = this.flow.active(a.provider);
    // One sign-in window at a time: the other Connect buttons wait, and say why.
    const otherOpen = this.flow.active() && !connecting;
    return html`<li part="row" data-provider=${a.provider}>
      <span class="logo" aria-hidden="true">${PROVIDER_LOGOS[a.provider] ?? a.name.slice(0, 1)}</span>
      <div class="who">
        <div class="name">
          ${a.name} ${a.sandbox ? html`<span class="badge sandbox" title=${msg('A local test provider, not the real one')}>${msg('Sandbox')}</span>` : nothing}
          ${a.connected ? html`<span class="badge success connected">${msg('Connected')}</span>` : nothing}
        </div>
        <div class="detail" id="ca-detail-${a.provider}">
          ${a.connected
            ? html`${a.email ?? a.displayName ?? ''}${a.connectedAt ? html` · ${msg(str`since ${formatDateTime(a.connectedAt, this.preferences, false)}`)}` : nothing}`
            : connecting
              ? msg(str`Finish signing in with ${a.name} in the window that opened.`)
              : otherOpen && a.available
                ? msg('Finish or cancel the sign-in window that is open first.')
                : a.available
                  ? msg(str`Sign in with your ${a.name} account`)
                  : msg('Not available on this server')}
        </div>
      </div>
      ${a.connected
        ? html`<button class="danger" aria-label=${msg(str`Disconnect ${a.name}`)} @click=${() => this.askDisconnect(a)}>${msg('Disconnect')}</button>`
        : connecting
          ? html`<button aria-label=${msg(str`Cancel connecting ${a.name}`)} @click=${this.cancelConnect}>${msg('Cancel')}</button>`
          : html`<button ?disabled=${!a.available || otherOpen} aria-label=${msg(str`Connect ${a.name}`)} aria-describedby="ca-detail-${a.provider}" @click=${() => this.connect(a)}>
              ${msg('Connect')}
            </button>`}
    </li>`;
  }

  private async connect(a: ConnectedAccount) {
    this.error = null;
    this.notice = null;
    // Open the popup in the click itself, so popup blockers let it through; navigate it once the URL is known.
    if (!this.flow.open(a.provider)) {
      this.error = msg('Your browser blocked the sign-in window. Allow popups for this site and try again.');
      return;
    }
    try {
      const { authorizeUrl } = await read(this.api['connected-accounts'][':provider'].connect.$post({ param: { provider: a.provider } }));
      this.flow.navigate(authorizeUrl, this.apiOrigin);
    } catch (error) {
      this.flow.cancel();
      this.error = errorMessage(error);
    }
  }

  private cancelConnect = () => {
    this.flow.cancel();
    this.notice = null;
  };

  private async finished(message: OAuthMessage) {
    const name = this.accounts.value?.find((a) => a.provider === message.provider)?.name ?? message.provider;
    if (message.status === 'linked') {
      this.notice = msg(str`${name} is connected.`);
      this.emit('sk-account-connected', { provider: message.provider });
      await this.accounts.run();
    } else {
      this.error = typeof message.message === 'string' ? message.message : msg('The connection did not complete. Please try again.');
    }
  }

  private async askDisconnect(a: ConnectedAccount) {
    this.confirming = a;
    this.error = null;
    this.notice = null;
    this.disconnecting.reset();
    await this.updateComplete;
    showConfirmDialog(this.renderRoot, 'disconnect-dialog');
  }

  private closeDialog() {
    closeConfirmDialog(this.renderRoot, 'disconnect-dialog');
    this.confirming = null;
  }

  private async disconnect() {
    const a = this.confirming;
    if (!a) return;
    const done = await this.disconnecting.run(async () => {
      await read(this.api['connected-accounts'][':provider'].$delete({ param: { provider: a.provider } }));
      return true;
    });
    if (!done) return; // the reason shows in the dialog
    this.notice = msg(str`${a.name} is disconnected.`);
    this.emit('sk-account-disconnected', { provider: a.provider });
    this.closeDialog();
    await this.accounts.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connected-accounts': ConnectedAccounts;
  }
}
