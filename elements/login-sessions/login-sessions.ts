import { localized, msg, str } from '@lit/localize';
import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { formatDateTime, relativeTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { loginSessionsStyles } from './login-sessions.styles';

export interface SessionRow {
  id: string;
  current: boolean;
  device: string;
  browser: string;
  os: string;
  ip: string | null;
  country: string | null;
  createdAt: string;
  lastActiveAt: string;
}

export interface ActivityRow {
  id: string;
  at: string;
  success: boolean;
  reason: 'wrong_password' | 'wrong_code' | 'locked' | 'account_disabled' | null;
  method: string;
  ip: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
}

type Load<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/**
 * Where the account is signed in, and every sign-in attempt (seed 000 "View Login Sessions", seed
 * 001 "Active Sessions" and "Login Activity"). Each session shows its device type, browser and OS,
 * IP, country and when it was last active (exact time in the user's timezone on hover or focus);
 * "This device" marks the current one. Sign out one session or all the others, each after a
 * confirmation. The activity list pages with "Load more"; failed attempts stand out.
 *
 * @fires sk-session-revoked - `{ id }` after one session was signed out, or `{ others: true, count }` after "Sign out all other sessions".
 * @csspart sessions - The active sessions card.
 * @csspart session - Each session row.
 * @csspart activity - The login activity card.
 * @csspart dialog - The confirmation dialogs.
 * @cssproperty --sk-danger - Colour of failed attempts and sign-out buttons.
 * @cssproperty --sk-accent - Colour of the current device.
 */
@localized()
@customElement('login-sessions')
export class LoginSessions extends SkElement {
  static override styles = [tokens, controls, loginSessionsStyles];

  /** How many activity rows each page loads (1–100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Hide the login activity list (show active sessions only). */
  @property({ type: Boolean, attribute: 'no-activity' }) noActivity = false;

  @state() private sessions: Load<SessionRow[]> = { status: 'loading' };
  @state() private activity: Load<ActivityRow[]> = { status: 'loading' };
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private moreError: string | null = null;
  @state() private confirming: { kind: 'one'; session: SessionRow } | { kind: 'others'; count: number } | null = null;
  @state() private pending = false;
  @state() private dialogError: string | null = null;
  @state() private notice: string | null = null;
  @state() private alertsOn: boolean | null = null;
  @state() private alertsError: string | null = null;

  // A password change elsewhere on the page signs the other sessions out: show that at once.
  #onPasswordChanged = () => void this.reload();

  protected override apiChanged() {
    void this.reload();
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('sk-password-changed', this.#onPasswordChanged);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('sk-password-changed', this.#onPasswordChanged);
  }

  /** Re-reads the sessions and the first page of activity. */
  async reload() {
    await Promise.all([this.loadSessions(), this.noActivity ? null : this.loadActivity(), this.noActivity ? null : this.loadAlerts()]);
  }

  private async loadSessions() {
    if (this.sessions.status !== 'ready') this.sessions = { status: 'loading' };
    try {
      const { sessions } = await read(this.api.security.sessions.$get());
      this.sessions = { status: 'ready', value: sessions as SessionRow[] };
    } catch (error) {
      this.sessions = { status: 'error', message: errorMessage(error) };
    }
  }

  private async loadActivity() {
    this.activity = { status: 'loading' };
    this.moreError = null;
    try {
      const page = await read(this.api.security['login-activity'].$get({ query: { limit: String(this.pageSize) } }));
      this.activity = { status: 'ready', value: page.items as ActivityRow[] };
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.activity = { status: 'error', message: errorMessage(error) };
    }
  }

  private async loadAlerts() {
    try {
      this.alertsOn = (await read(this.api.security['login-alerts'].$get())).newLoginEmail;
    } catch {
      this.alertsOn = null; // the toggle simply does not show
    }
  }

  private async loadMore() {
    if (!this.nextCursor || this.activity.status !== 'ready') return;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await read(this.api.security['login-activity'].$get({ query: { limit: String(this.pageSize), cursor: this.nextCursor } }));
      const before = this.activity.value.length;
      this.activity = { status: 'ready', value: [...this.activity.value, ...(page.items as ActivityRow[])] };
      this.nextCursor = page.nextCursor;
      await this.updateComplete;
      // Keep keyboard users in place: focus the first new row's time.
      this.renderRoot.querySelectorAll<HTMLElement>('tbody tr')[before]?.querySelector<HTMLElement>('.when')?.focus();
    } catch (error) {
      this.moreError = errorMessage(error);
    } finally {
      this.loadingMore = false;
    }
  }

  override render() {
    return html`<div class="cards">
      ${this.renderSessions()} ${this.noActivity ? nothing : this.renderActivity()}
      ${confirmDialogTemplate({
        id: 'confirm-revoke',
        title: this.confirming?.kind === 'others' ? msg('Sign out all other sessions?') : msg('Sign out this session?'),
        body: this.confirmBody(),
        confirmLabel: this.confirming?.kind === 'others' ? msg('Sign out all others') : msg('Sign out session'),
        danger: true,
        pending: this.pending,
        error: this.dialogError,
        onConfirm: () => this.confirm(),
        onCancel: () => this.closeDialog(),
      })}
    </div>`;
  }

  private confirmBody() {
    const c = this.confirming;
    if (!c) return '';
    if (c.kind === 'others') {
      return c.count === 1
        ? msg('1 other session will be signed out. This device stays signed in.')
        : msg(str`${c.count} other sessions will be signed out. This device stays signed in.`);
    }
    return msg(str`${describe(c.session)} (last active ${relativeTime(c.session.lastActiveAt, Date.now(), this.locale)}) will be signed out at once.`);
  }

  private get locale() {
    return this.preferences.locale || (this.settings?.user?.language as string | undefined) || undefined;
  }

  private renderSessions() {
    const s = this.sessions;
    const others = s.status === 'ready' ? s.value.filter((x) => !x.current).length : 0;
    return html`<section class="card" part="sessions" aria-labelledby="sessions-title" aria-busy=${s.status === 'loading' ? 'true' : 'false'}>
      <div class="head">
        <h3 id="sessions-title" tabindex="-1">${msg('Active sessions')}</h3>
        ${s.status === 'ready' && others > 0
          ? html`<button class="danger" @click=${() => this.ask({ kind: 'others', count: others })}>${msg('Sign out all other sessions')}</button>`
          : nothing}
      </div>
      <p class="muted">${msg('Everywhere your account is signed in right now. Sign out any session you do not recognise.')}</p>
      ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : html`<div role="status" class="sr-only"></div>`}
      ${s.status === 'loading'
        ? html`<p class="empty" role="status">${msg('Loading sessions…')}</p>`
        : s.status === 'error'
          ? html`<div class="alert error" role="alert">${s.message} <button class="link" @click=${() => this.loadSessions()}>${msg('Try again')}</button></div>`
          : s.value.length === 0
            ? html`<p class="empty">${msg('No active sessions.')}</p>`
            : html`<ul>
                ${s.value.map((session) => this.renderSession(session))}
              </ul>`}
    </section>`;
  }

  private renderSession(session: SessionRow) {
    const label = describe(session);
    return html`<li class="session ${session.current ? 'current' : ''}" part="session">
      <span class="icon" aria-hidden="true">${deviceIcon(session.device)}</span>
      <div class="what">
        <div class="title">
          <span>${label}</span>
          ${session.current ? html`<span class="badge accent">${msg('This device')}</span>` : nothing}
        </div>
        <div class="meta">
          <span>${session.device}</span>
          <span>${msg('IP')} ${session.ip ?? msg('unknown')}</span>
          <span>${countryLabel(session.country, this.locale)}</span>
          <span>${msg('Last active')} ${this.renderWhen(session.lastActiveAt)}</span>
        </div>
      </div>
      ${session.current
        ? nothing
        : html`<button class="danger" aria-label=${msg(str`Sign out ${label}`)} @click=${() => this.ask({ kind: 'one', session })}>${msg('Sign out')}</button>`}
    </li>`;
  }

  /** Relative time, with the exact time (user's timezone and format) on hover and focus. */
  private renderWhen(iso: string) {
    const exact = formatDateTime(iso, this.preferences);
    return html`<time class="when" datetime=${iso} tabindex="0" title=${exact}
      >${relativeTime(iso, Date.now(), this.locale)}<span class="tip">${exact}</span></time
    >`;
  }

  private renderActivity() {
    const a = this.activity;
    return html`<section class="card" part="activity" aria-labelledby="activity-title" aria-busy=${a.status === 'loading' ? 'true' : 'false'}>
      <div class="head"><h3 id="activity-title">${msg('Login activity')}</h3></div>
      <p class="muted">${msg('Every attempt to sign in to your account, newest first.')}</p>
      ${this.alertsOn === null
        ? nothing
        : html`<label class="toggle">
            <input type="checkbox" .checked=${this.alertsOn} @change=${this.toggleAlerts} />
            ${msg('Email me when my account is signed in from a new device or browser')}
          </label>`}
      ${this.alertsError ? html`<div class="alert error" role="alert">${this.alertsError}</div>` : nothing}
      ${a.status === 'loading'
        ? html`<p class="empty" role="status">${msg('Loading activity…')}</p>`
        : a.status === 'error'
          ? html`<div class="alert error" role="alert">${a.message} <button class="link" @click=${() => this.loadActivity()}>${msg('Try again')}</button></div>`
          : a.value.length === 0
            ? html`<p class="empty">${msg('No sign-in attempts yet.')}</p>`
            : html`<div class="scroll">
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
                      ${a.value.map((row) => this.renderAttempt(row))}
                    </tbody>
                  </table>
                </div>
                ${this.moreError ? html`<div class="alert error" role="alert">${this.moreError}</div>` : nothing}
                ${this.nextCursor
                  ? html`<div class="more">
                      <button @click=${this.loadMore} ?disabled=${this.loadingMore}>${this.loadingMore ? msg('Loading…') : msg('Load more')}</button>
                    </div>`
                  : nothing}`}
    </section>`;
  }

  private renderAttempt(row: ActivityRow) {
    return html`<tr class=${row.success ? 'success' : 'failure'}>
      <td>${this.renderWhen(row.at)}</td>
      <td>${row.browser && row.os ? `${row.browser} on ${row.os}` : (row.device ?? msg('Unknown device'))}${row.device ? html`<div class="muted">${row.device}</div>` : nothing}</td>
      <td>${countryLabel(row.country, this.locale)}<div class="muted">${row.ip ?? ''}</div></td>
      <td class="result">
        ${row.success
          ? html`<span class="badge success">${msg('Signed in')}</span>`
          : html`<span class="badge danger">${msg('Failed')}</span><div class="muted">${reasonLabel(row.reason)}</div>`}
      </td>
    </tr>`;
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

  private async ask(what: NonNullable<LoginSessions['confirming']>) {
    this.confirming = what;
    this.dialogError = null;
    this.notice = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('#confirm-revoke')?.showModal();
  }

  private closeDialog() {
    this.renderRoot.querySelector<HTMLDialogElement>('#confirm-revoke')?.close();
    this.confirming = null;
    this.pending = false;
  }

  private async confirm() {
    const what = this.confirming;
    if (!what || this.pending) return;
    this.pending = true;
    this.dialogError = null;
    try {
      if (what.kind === 'one') {
        await read(this.api.security.sessions[':id'].$delete({ param: { id: what.session.id } }));
        this.notice = msg(str`Signed out ${describe(what.session)}.`);
        this.emit('sk-session-revoked', { id: what.session.id });
      } else {
        const { revoked } = await read(this.api.security.sessions['revoke-others'].$post());
        this.notice = revoked === 1 ? msg('Signed out 1 other session.') : msg(str`Signed out ${revoked} other sessions.`);
        this.emit('sk-session-revoked', { others: true, count: revoked });
      }
      this.closeDialog();
      await this.loadSessions();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#sessions-title')?.focus();
    } catch (error) {
      this.dialogError = errorMessage(error);
      this.pending = false;
    }
  }
}

const describe = (s: { browser: string; os: string }) => msg(str`${s.browser} on ${s.os}`);

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

/** A flag and the country's name in the user's language; "Local network" and "Unknown" as they are. */
export function countryLabel(code: string | null, locale?: string) {
  if (!code || !/^[A-Z]{2}$/.test(code)) return code === 'Local network' ? msg('Local network') : msg('Unknown location');
  let name = code;
  try {
    name = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    // keep the code
  }
  const flag = String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
  return html`<span class="country"><span aria-hidden="true">${flag}</span> ${name}</span>`;
}

function deviceIcon(device: string) {
  if (device === 'Mobile')
    return html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      ${svg`<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>`}
    </svg>`;
  if (device === 'Tablet')
    return html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      ${svg`<rect x="4" y="2" width="16" height="20" rx="2"/><path d="M11 18h2"/>`}
    </svg>`;
  return html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
    ${svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`}
  </svg>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'login-sessions': LoginSessions;
  }
}
