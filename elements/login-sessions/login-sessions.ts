import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { SkElement } from '../internal/sk-element';
import { tokens } from '../internal/theme';
import '../active-sessions/active-sessions';
import type { ActiveSessions } from '../active-sessions/active-sessions';
import '../login-activity/login-activity';
import type { LoginActivity } from '../login-activity/login-activity';

/**
 * Where the account is signed in, and every sign-in attempt (seed 000 "View Login Sessions", seed
 * 001 "Active Sessions" and "Login Activity"): `<active-sessions>` above `<login-activity>`, each
 * usable on its own. The parts of both are forwarded, so `login-sessions::part(session)` styles
 * the rows as before.
 *
 * @fires sk-session-revoked - `{ id }` after one session was signed out, or `{ others: true, count }` after "Sign out all other sessions" (from `<active-sessions>`).
 * @csspart sessions - The active sessions card.
 * @csspart session - Each session row.
 * @csspart activity - The login activity card.
 * @csspart attempt - Each login activity row.
 * @csspart dialog - The confirmation dialog.
 * @cssproperty --sk-danger - Colour of failed attempts and sign-out buttons.
 * @cssproperty --sk-accent - Colour of the current device.
 */
@customElement('login-sessions')
export class LoginSessions extends SkElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) * 1.25);
      }
    `,
  ];

  /** How many activity rows each page loads (1–100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Hide the login activity list (show active sessions only). */
  @property({ type: Boolean, attribute: 'no-activity' }) noActivity = false;

  private get sessions() {
    return this.renderRoot.querySelector('active-sessions') as ActiveSessions;
  }
  private get activity() {
    return this.renderRoot.querySelector<LoginActivity>('login-activity');
  }

  /** Re-reads the sessions and the first page of activity. */
  async reload() {
    await this.updateComplete;
    await Promise.all([this.sessions.reload(), this.activity?.reload()]);
  }

  override render() {
    return html`<active-sessions exportparts="sessions, session, dialog" .theme=${this.theme}></active-sessions>
      ${this.noActivity ? nothing : html`<login-activity exportparts="activity, attempt" .pageSize=${this.pageSize} .theme=${this.theme}></login-activity>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-sessions': LoginSessions;
  }
}
