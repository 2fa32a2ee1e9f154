import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { formatDateTime, relativeTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { rowListStyles } from '../internal/row-list.styles';
import { controls, tokens } from '../internal/theme';
import { trustedDevicesStyles } from './trusted-devices.styles';

export interface TrustedDevice {
  id: string;
  device: string;
  browser: string | null;
  os: string | null;
  ip: string | null;
  country: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/**
 * Browsers that skip the two-factor code step for 30 days ("Trust this device" at sign-in): device,
 * IP, last use and expiry, with Revoke for one and Revoke all, each after a confirmation. Reloads by
 * itself when the password changes or two-factor authentication is turned off on the same page.
 * Hidden while the page's signed-in user has two-factor authentication off and nothing is trusted.
 *
 * @fires sk-trusted-device-revoked - `{ id }` after one device was revoked, or `{ all: true }` after "Revoke all".
 * @csspart card - The card.
 * @csspart device - Each device row.
 * @csspart dialog - The confirmation dialogs.
 * @cssproperty --sk-danger - Colour of the revoke buttons.
 */
@localized()
@customElement('trusted-devices')
export class TrustedDevices extends SkElement {
  static override styles = [tokens, controls, rowListStyles, trustedDevicesStyles];

  private readonly devices = apiTask(this, async (api) => (await read(api.security['trusted-devices'].$get())).devices as TrustedDevice[]);
  private readonly revoking = new ActionController(this);
  @state() private confirming: { kind: 'one'; device: TrustedDevice } | { kind: 'all' } | null = null;
  @state() private notice: string | null = null;

  #reload = () => void this.load();

  override connectedCallback() {
    super.connectedCallback();
    for (const name of ['sk-password-changed', 'sk-two-factor-disabled', 'sk-two-factor-enabled']) document.addEventListener(name, this.#reload);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const name of ['sk-password-changed', 'sk-two-factor-disabled', 'sk-two-factor-enabled']) document.removeEventListener(name, this.#reload);
  }

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    // Trusting a device only skips a two-factor code: with two-factor off (as the page's signed-in
    // user says) and nothing trusted, the card would promise something that does not happen.
    this.hidden = this.settings?.user?.twoFactorEnabled === false && (this.devices.value?.length ?? 0) === 0;
  }

  /** Re-reads the list. */
  async load() {
    await this.devices.run();
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="td-title">
        <div class="row head">
          <h3 id="td-title" tabindex="-1">${msg('Trusted devices')}</h3>
          <span class="spacer"></span>
          ${this.devices.value?.length
            ? html`<button type="button" class="danger" @click=${() => this.confirm({ kind: 'all' })}>${msg('Revoke all')}</button>`
            : nothing}
        </div>
        <p class="muted">${msg('These browsers skip the two-factor code when you sign in, for 30 days from when you chose "Trust this device".')}</p>
        ${renderTask(this.devices, {
          isEmpty: (devices) => devices.length === 0,
          empty: () => html`<p class="empty">${msg('No trusted devices. Every sign-in asks for a code.')}</p>`,
          complete: (devices) => this.renderList(devices),
        })}
        <div class="sr-only" role="status" aria-live="polite">${this.notice ?? ''}</div>
      </section>
      ${this.renderDialog()}`;
  }

  private renderList(devices: TrustedDevice[]) {
    const now = Date.now();
    return html`<ul class="list" aria-labelledby="td-title">
      ${devices.map(
        (device) => html`<li part="device">
          <div class="what">
            <span class="name">${[device.browser, device.os].filter(Boolean).join(msg(' on ')) || device.device}</span>
            <span class="muted small">
              ${device.device}${device.ip ? html` · <span class="ip">${device.ip}</span>` : nothing}${device.country ? ` · ${device.country}` : nothing}
            </span>
            <span class="muted small">
              ${msg('Last used')} <time datetime=${device.lastUsedAt} title=${formatDateTime(device.lastUsedAt, this.preferences)}>${relativeTime(device.lastUsedAt, now, this.preferences.locale)}</time>
              · ${msg('Expires')} <time datetime=${device.expiresAt}>${formatDateTime(device.expiresAt, this.preferences, false)}</time>
            </span>
          </div>
          <button type="button" class="danger" aria-label=${msg(str`Revoke ${device.browser ?? device.device}, last used ${relativeTime(device.lastUsedAt, now, this.preferences.locale)}`)} @click=${() => this.confirm({ kind: 'one', device })}>
            ${msg('Revoke')}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private confirm(what: NonNullable<TrustedDevices['confirming']>) {
    this.confirming = what;
    this.revoking.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('#revoke-dialog')?.showModal());
  }

  private close = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('#revoke-dialog')?.close();
    this.confirming = null;
  };

  private renderDialog() {
    const c = this.confirming;
    const all = c?.kind === 'all';
    return confirmDialogTemplate({
      id: 'revoke-dialog',
      title: all ? msg('Revoke all trusted devices?') : msg('Revoke this device?'),
      body: all
        ? msg('Every browser will ask for a two-factor code at its next sign-in.')
        : c?.kind === 'one'
          ? msg(str`${c.device.browser ?? c.device.device} will ask for a two-factor code at its next sign-in.`)
          : '',
      confirmLabel: all ? msg('Revoke all') : msg('Revoke'),
      danger: true,
      pending: this.revoking.pending,
      error: this.revoking.error,
      onCancel: this.close,
      onConfirm: () => void this.revoke(),
    });
  }

  private async revoke() {
    const c = this.confirming;
    if (!c) return;
    await this.revoking.run(
      () => (c.kind === 'all' ? read(this.api.security['trusted-devices'].$delete()) : read(this.api.security['trusted-devices'][':id'].$delete({ param: { id: c.device.id } }))),
      {
        done: async () => {
          this.notice = c.kind === 'all' ? msg('All trusted devices were revoked.') : msg('The device was revoked.');
          this.emit('sk-trusted-device-revoked', c.kind === 'all' ? { all: true } : { id: c.device.id });
          this.close();
          await this.load();
          this.renderRoot.querySelector<HTMLElement>('#td-title')?.focus();
        },
      },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trusted-devices': TrustedDevices;
  }
}
