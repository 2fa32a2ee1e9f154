import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import type { ActivityRow } from '../api/types';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { countryLabel, deviceLabel } from '../internal/device';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { whenStyles, whenTemplate } from '../internal/when';
import { loginActivityStyles } from './login-activity.styles';
import { cardHeadStyles } from '../internal/layout.styles';

/**
 * Every attempt to sign in to the account, newest first (seed 001 "Login Activity"; the server's
 * `login-activity/` feature): time (exact time in the user's timezone on hover or focus), device,
 * location and result; failed attempts stand out, sign-ins with a passkey say "Passkey". Pages
 * with "Load more". The "email me on a new device" toggle shows when the server offers it.
 *
 * @csspart activity - The card.
 * @csspart attempt - Each row of the table.
 * @cssproperty --sk-danger - Colour of failed attempts.
 */
@localized()
@customElement('login-activity')
export class LoginActivity extends SkElement {
  static override styles = [tokens, controls, cardHeadStyles, whenStyles, loginActivityStyles];

  /** How many rows each page loads (1–100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Rows of the pages after the first ("Load more"), and the cursor of the next page. */
  @state() private more: ActivityRow[] = [];
  @state() private cursor: string | null = null;
  @state() private loadingMore = false;
  @state() private moreError: string | null = null;
  @state() private alertsOn: boolean | null = null;
  @state() private alertsError: string | null = null;

  private readonly firstPage = apiTask(this, async (api) => {
    const page = await read(api.security['login-activity'].$get({ query: { limit: String(this.pageSize) } }));
    this.more = [];
    this.moreError = null;
    this.cursor = page.nextCursor;
    return page.items;
  });

  // The toggle simply does not show when the server does not answer.
  private readonly alerts = apiTask(this, async (api) => {
    try {
      this.alertsOn = (await read(api.security['login-alerts'].$get())).newLoginEmail;
    } catch {
      this.alertsOn = null;
    }
    return this.alertsOn;
  });

  /** Re-reads the first page of activity. */
  async reload() {
    await Promise.all([this.firstPage.run(), this.alerts.run()]);
  }

  private get locale() {
    return this.preferences.locale || (this.settings?.user?.language as string | undefined) || undefined;
  }

  override render() {
    return html`<section class="card" part="activity" aria-labelledby="activity-title" aria-busy=${taskLoading(this.firstPage) ? 'true' : 'false'}>
      <div class="head"><h3 id="activity-title">${msg('Login activity')}</h3></div>
      <p class="muted">${msg('Every attempt to sign in to your account, newest first.')}</p>
      ${this.alertsOn === null
        ? nothing
        : html`<label class="toggle">
            <input type="checkbox" .checked=${this.alertsOn} @change=${this.toggleAlerts} />
            ${msg('Email me when my account is signed in from a new device or browser')}
          </label>`}
      ${this.alertsError ? html`<div class="alert error" role="alert">${this.alertsError}</div>` : nothing}
      ${renderTask(this.firstPage, {
        loadingLabel: msg('Loading activity…'),
        isEmpty: (items) => items.length === 0,
        empty: () => html`<p class="empty">${msg('No sign-in attempts yet.')}</p>`,
        complete: (items) => this.renderTable([...items, ...this.more]),
      })}
    </section>`;
  }

  private renderTable(rows: ActivityRow[]) {
    return html`<div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${msg('Time')}</th>
              <th scope="col">${msg('Device')}</th>
              <th scope="col">${msg('Location')}</th>
              <th scope="col">${msg('Result')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((row) => this.renderAttempt(row))}
          </tbody>
        </table>
      </div>
      ${this.moreError ? html`<div class="alert error" role="alert">${this.moreError}</div>` : nothing}
      ${this.cursor
        ? html`<div class="more">
            <button @click=${this.loadMore} ?disabled=${this.loadingMore}>${this.loadingMore ? msg('Loading…') : msg('Load more')}</button>
          </div>`
        : nothing}`;
  }

  private renderAttempt(row: ActivityRow) {
    return html`<tr class=${row.success ? 'success' : 'failure'} part="attempt">
      <td>${whenTemplate(row.at, this.preferences, this.locale)}</td>
      <td>${deviceLabel(row)}${row.device ? html`<div class="muted">${row.device}</div>` : nothing}</td>
      <td>${countryLabel(row.country, this.locale)}<div class="muted">${row.ip ?? ''}</div></td>
      <td class="result">
        ${row.success
          ? html`<span class="badge success">${msg('Signed in')}</span>`
          : html`<span class="badge danger">${msg('Failed')}</span><div class="muted">${reasonLabel(row.reason)}</div>`}
        ${row.method === 'passkey' ? html`<div class="muted method">${msg('Passkey')}</div>` : nothing}
      </td>
    </tr>`;
  }

  private async loadMore() {
    const items = this.firstPage.value;
    if (!this.cursor || !items) return;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await read(this.api.security['login-activity'].$get({ query: { limit: String(this.pageSize), cursor: this.cursor } }));
      const before = items.length + this.more.length;
      this.more = [...this.more, ...page.items];
      this.cursor = page.nextCursor;
      await this.updateComplete;
      // Keep keyboard users in place: focus the first new row's time.
      this.renderRoot.querySelectorAll<HTMLElement>('tbody tr')[before]?.querySelector<HTMLElement>('.when')?.focus();
    } catch (error) {
      this.moreError = errorMessage(error);
    } finally {
      this.loadingMore = false;
    }
  }

  private async toggleAlerts(event: Event) {
    const input = event.target as HTMLInputElement;
    this.alertsError = null;
    try {
      this.alertsOn = (await read(this.api.security['login-alerts'].$put({ json: { newLoginEmail: input.checked } }))).newLoginEmail;
    } catch (error) {
      input.checked = !input.checked;
      this.alertsError = errorMessage(error);
    }
  }
}

function reasonLabel(reason: ActivityRow['reason']) {
  switch (reason) {
    case 'wrong_code':
      return msg('Wrong code');
    case 'locked':
      return msg('Account locked');
    case 'account_disabled':
      return msg('Account disabled');
    default:
      return msg('Wrong password');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-activity': LoginActivity;
  }
}
