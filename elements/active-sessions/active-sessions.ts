import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { errorMessage, read } from '../api/client';
import type { SessionRow } from '../api/types';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { countryLabel, deviceIcon, deviceLabel } from '../internal/device';
import { relativeTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import '../internal/sk-dialog';
import type { SkDialog } from '../internal/sk-dialog';
import { controls, tokens } from '../internal/theme';
import { whenStyles, whenTemplate } from '../internal/when';
import { activeSessionsStyles } from './active-sessions.styles';
import { cardHeadStyles } from '../internal/layout.styles';

type Confirming = { kind: 'one'; session: SessionRow } | { kind: 'others'; count: number };

/**
 * Where the account is signed in right now (seed 000 "View Login Sessions", seed 001 "Active
 * Sessions"; the server's `sessions/` feature). Each session shows its device type, browser and OS,
 * IP, country and when it was last active (exact time in the user's timezone on hover or focus);
 * "This device" marks the current one. Sign out one session or all the others, each after a
 * confirmation. Re-reads itself after a password change on the same page. Hidden when the server
 * has no sessions to show (`available: false`: host identity without a sessions adapter).
 *
 * @fires sk-session-revoked - `{ id }` after one session was signed out, or `{ others: true, count }` after "Sign out all other sessions".
 * @csspart sessions - The card.
 * @csspart session - Each session row.
 * @csspart dialog - The confirmation dialog.
 * @cssproperty --sk-danger - Colour of the sign-out buttons.
 * @cssproperty --sk-accent - Colour of the current device.
 */
@localized()
@customElement('active-sessions')
export class ActiveSessions extends SkElement {
  static override styles = [tokens, controls, cardHeadStyles, whenStyles, activeSessionsStyles];

  @state() private confirming: Confirming | null = null;
  @state() private pending = false;
  @state() private dialogError: string | null = null;
  @state() private notice: string | null = null;
  private get dialog() {
    return this.renderRoot.querySelector('sk-dialog') as SkDialog;
  }

  private readonly sessions = apiTask(this, (api) => read(api.security.sessions.$get()));

  // A password change elsewhere on the page signs the other sessions out: show that at once.
  #onPasswordChanged = () => void this.reload();

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('sk-password-changed', this.#onPasswordChanged);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('sk-password-changed', this.#onPasswordChanged);
  }

  protected override updated() {
    // No sessions adapter under host identity: an empty list would say something untrue.
    this.hidden = this.sessions.value?.available === false;
  }

  /** Re-reads the sessions. */
  async reload() {
    await this.sessions.run();
  }

  private get locale() {
    return this.preferences.locale || (this.settings?.user?.language as string | undefined) || undefined;
  }

  override render() {
    if (this.sessions.value?.available === false) return nothing;
    const list = this.sessions.value?.sessions ?? [];
    const others = list.filter((x) => !x.current).length;
    return html`<section class="card" part="sessions" aria-labelledby="sessions-title" aria-busy=${taskLoading(this.sessions) ? 'true' : 'false'}>
        <div class="head">
          <h3 id="sessions-title" tabindex="-1">${msg('Active sessions')}</h3>
          ${others > 0 ? html`<button class="danger" @click=${() => this.ask({ kind: 'others', count: others })}>${msg('Sign out all other sessions')}</button>` : nothing}
        </div>
        <p class="muted">${msg('Everywhere your account is signed in right now. Sign out any session you do not recognise.')}</p>
        ${this.notice ? html`<div class="alert success" role="status">${this.notice}</div>` : html`<div role="status" class="sr-only"></div>`}
        ${renderTask(this.sessions, {
          loadingLabel: msg('Loading sessions…'),
          isEmpty: (answer) => answer.sessions.length === 0,
          empty: () => html`<p class="empty">${msg('No active sessions.')}</p>`,
          complete: (answer) => html`<ul>
            ${answer.sessions.map((session) => this.renderSession(session))}
          </ul>`,
        })}
      </section>
      ${this.renderDialog()}`;
  }

  private renderSession(session: SessionRow) {
    const label = deviceLabel(session);
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
          <span>${msg('Last active')} ${whenTemplate(session.lastActiveAt, this.preferences, this.locale)}</span>
        </div>
      </div>
      ${session.current
        ? nothing
        : html`<button class="danger" aria-label=${msg(str`Sign out ${label}`)} @click=${() => this.ask({ kind: 'one', session })}>${msg('Sign out')}</button>`}
    </li>`;
  }

  private renderDialog() {
    const c = this.confirming;
    const others = c?.kind === 'others';
    return html`<sk-dialog exportparts="dialog" aria-labelledby="confirm-revoke-title" @close=${this.onClosed}>
      <form class="stack" @submit=${this.confirm}>
        <h2 id="confirm-revoke-title">${others ? msg('Sign out all other sessions?') : msg('Sign out this session?')}</h2>
        <div>${this.confirmBody()}</div>
        ${this.dialogError ? html`<div class="alert error" role="alert">${this.dialogError}</div>` : nothing}
        <div class="row actions">
          <button type="button" @click=${() => this.dialog.close()}>${msg('Cancel')}</button>
          <button type="submit" class="danger solid" ?disabled=${this.pending}>${others ? msg('Sign out all others') : msg('Sign out session')}</button>
        </div>
      </form>
    </sk-dialog>`;
  }

  private confirmBody() {
    const c = this.confirming;
    if (!c) return '';
    if (c.kind === 'others') {
      // The server also forgets the other trusted devices (they ask for a code again); this one stays trusted.
      return c.count === 1
        ? msg('1 other session will be signed out, and other trusted devices will ask for a code again. This device stays signed in and trusted.')
        : msg(str`${c.count} other sessions will be signed out, and other trusted devices will ask for a code again. This device stays signed in and trusted.`);
    }
    return msg(str`${deviceLabel(c.session)} (last active ${relativeTime(c.session.lastActiveAt, Date.now(), this.locale)}) will be signed out at once.`);
  }

  private async ask(what: Confirming) {
    this.confirming = what;
    this.dialogError = null;
    this.notice = null;
    this.pending = false;
    await this.updateComplete;
    await this.dialog.show();
  }

  private onClosed = () => {
    this.confirming = null;
    this.pending = false;
  };

  private confirm = async (event: Event) => {
    event.preventDefault();
    const what = this.confirming;
    if (!what || this.pending) return;
    this.pending = true;
    this.dialogError = null;
    try {
      if (what.kind === 'one') {
        await read(this.api.security.sessions[':id'].$delete({ param: { id: what.session.id } }));
        this.notice = msg(str`Signed out ${deviceLabel(what.session)}.`);
        this.emit('sk-session-revoked', { id: what.session.id });
      } else {
        const { revoked } = await read(this.api.security.sessions['revoke-others'].$post());
        this.notice = revoked === 1 ? msg('Signed out 1 other session.') : msg(str`Signed out ${revoked} other sessions.`);
        this.emit('sk-session-revoked', { others: true, count: revoked });
      }
      this.dialog.close();
      await this.reload();
      await this.updateComplete;
      // The row whose button opened the dialog is gone: put focus on the card's title.
      this.renderRoot.querySelector<HTMLElement>('#sessions-title')?.focus();
    } catch (error) {
      this.dialogError = errorMessage(error);
      this.pending = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'active-sessions': ActiveSessions;
  }
}
