import { localized, msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, queryAll, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { errorMessage, read, type ApiClient } from '../api/client';
import { confirmDialogTemplate, showConfirmDialog, closeConfirmDialog } from '../internal/confirm-dialog';
import type { SignedInUser } from '../internal/context';
import { reauthenticated } from '../internal/reauthenticate';
import { SettingsRootController } from '../internal/settings-root';
import { openEmailLink, type EmailLinkOutcome } from './email-links';
import { removeQueryParams } from '../internal/location';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import '../sign-in-form/sign-in-form';
import '../oauth-sign-in/oauth-sign-in';
import { accountGated } from '../account-confirmation/account-confirmation';
import { needsFirstProfile } from '../first-profile/first-profile';
import { profileSettingsStyles } from './profile-settings.styles';
import { SETTINGS_TABS, type SettingsTab } from './tabs';

/**
 * The whole account-settings page: the signed-in user, sign-out, and the tabs of seed 001
 * (Profile, Security, Contacts, Notifications & Privacy, Connected accounts, Preferences, Billing,
 * and Admin for admins). Signed out, it shows `<sign-in-form>` with `<oauth-sign-in>` under the
 * password form (the provider buttons, when the server has providers). It provides the API client and
 * the shared state to every element inside it.
 *
 * Under host identity (`/me` says `identity: "host"`, or `identity="host"` is set) the host signs
 * users in: no sign-in form, no "Sign out", no password to change; signed out, the page says so and
 * fires `sk-unauthenticated` for the host to send the user to its login. A sensitive action the
 * server refuses with `reauthentication_required` shows "Confirm it's you", whose button fires
 * `sk-reauthenticate`; after re-authenticating its user the host calls `reauthenticated()` and the
 * action is retried once.
 *
 * Tabs follow the WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs. An element
 * with unsaved changes sets the `sk-dirty` attribute; leaving its tab then asks first.
 *
 * @fires sk-signed-out - After sign-out (kit sign-in only).
 * @fires sk-reauthenticate - `{ code: 'reauthentication_required' }` from an element inside (composed),
 *   when the user chose "Confirm it's you": re-authenticate the host's user, call `preventDefault()` to
 *   say the page should wait, then call `reauthenticated()`.
 * @fires sk-unauthenticated - `{ reason }` when the server says nobody is signed in: `no_session` (the
 *   page opened signed out), `session_ended` (revoked on another device, expired: any call of a
 *   signed-in page answering 401), `cookie_refused` (a sign-in succeeded but the browser did not keep
 *   the session cookie). A host with its own sign-in sends the user to its login here.
 * @slot brand - The product's logo on the sign-in screen (passed on to `<sign-in-form>`'s `brand` slot).
 * @csspart notice - Why the page is signed out (session ended, cookie refused).
 * @fires sk-tab-change - `{ tab }` when the visible tab changes.
 * @csspart header - The header with the user's name and sign-out.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - The visible tab panel.
 * @cssproperty --sk-bg - Page background.
 * @cssproperty --sk-accent - Accent colour.
 */
@localized()
@customElement('profile-settings')
export class ProfileSettings extends SkElement {
  static override styles = [tokens, controls, profileSettingsStyles];

  /** Base URL of the settings API. */
  @property({ attribute: 'api-base' }) apiBase = '/api';
  /** The visible tab's id; follows `location.hash` (`#security`) unless `no-hash` is set. */
  @property({ reflect: true }) tab = 'profile';
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;
  /**
   * `host` when the host application signs users in (`createSettingsApp({ identify })`): the kit's
   * sign-in form never shows, even before `/me` answered. `/me` saying `identity: "host"` does the same.
   */
  @property({ reflect: true }) identity: 'host' | 'kit' | null = null;
  /** The host application's name: the sign-in heading ("Sign in to …") and "Your email is managed by …" (default "your organisation"). */
  @property({ attribute: 'app-name' }) appName: string | null = null;

  @state() private pendingTab: string | null = null;
  @state() private signOutError: string | null = null;
  /** The answer to an emailed email-change link this page was opened with. */
  @state() private emailLink: EmailLinkOutcome | null = null;
  @queryAll('[role=tab]') private tabButtons!: NodeListOf<HTMLButtonElement>;

  /** The provider of the API client and shared state for everything inside. */
  readonly root = new SettingsRootController(this);

  override connectedCallback() {
    super.connectedCallback();
    // A provider sign-in returns with `?oauth=signed_in&provider=…`: the page shows the user now.
    if (new URLSearchParams(location.search).get('oauth') === 'signed_in') removeQueryParams('oauth', 'provider');
    this.openEmailLink();
    window.addEventListener('hashchange', this.openEmailLink);
    if (!this.noHash) {
      this.fromHash();
      window.addEventListener('hashchange', this.fromHash);
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.fromHash);
    window.removeEventListener('hashchange', this.openEmailLink);
  }

  /** An emailed email-change link (`#sk-change-email=…`, `#sk-cancel-email=…`), at load or pasted later. */
  private openEmailLink = () =>
    void openEmailLink(this.root.client).then((outcome) => {
      if (!outcome) return;
      this.emailLink = outcome;
      if (outcome.ok) void this.root.refresh();
    });

  private fromHash = () => {
    const id = location.hash.slice(1);
    if (id && SETTINGS_TABS.some((t) => t.id === id) && id !== this.tab) this.requestTab(id, false);
  };

  // The page's own state is what it provides, not a context above it.
  protected override get preferences() {
    return this.root.state.value.preferences;
  }

  /**
   * A tab with an `available` probe shows once the server said yes; while the answer is out it is
   * left out of the list, unless it is the tab being opened (a `#billing` link).
   */
  private visibleTabs(user: SignedInUser): SettingsTab[] {
    return SETTINGS_TABS.filter((t) => !t.visible || t.visible(user)).filter(
      (t) => !t.available || this.availability.get(t.id) === true || (t.id === this.tab && !this.availability.has(t.id)),
    );
  }

  /** The answers of the tabs' `available` probes for the signed-in user (absent: still asking). */
  @state() private availability = new Map<string, boolean>();
  private probed?: { client: ApiClient; userId: string };

  protected override willUpdate(changed: PropertyValues) {
    super.willUpdate(changed);
    const user = this.root.user;
    if (user && !accountGated(user) && !needsFirstProfile(user)) this.probeTabs(user);
  }

  /** Asks the server up front which optional tabs it offers (billing, connected accounts), once per user and client. */
  private probeTabs(user: SignedInUser) {
    const client = this.root.client;
    if (this.probed?.client === client && this.probed.userId === user.id) return;
    const probe = (this.probed = { client, userId: user.id });
    this.availability = new Map();
    for (const tab of SETTINGS_TABS) {
      if (!tab.available) continue;
      tab.available(client).then(
        (answer) => this.setAvailable(tab.id, answer, probe),
        (error: unknown) => {
          const status = (error as { status?: number }).status;
          // Signed out or held by the account policy meanwhile: ask again with the next user state.
          if (status === 401 || status === 403) {
            if (this.probed === probe) this.probed = undefined;
            return;
          }
          // The server could not say: show the tab, its element shows the error and a retry.
          this.setAvailable(tab.id, true, probe);
        },
      );
    }
  }

  private setAvailable(id: string, answer: boolean, probe = this.probed) {
    if (probe !== this.probed || this.availability.get(id) === answer) return;
    this.availability = new Map(this.availability).set(id, answer);
  }

  override render() {
    const { status } = this.root;
    const user = this.root.user;
    if (status === 'loading') return html`<div class="page"><p class="center" role="status">${msg('Loading your settings…')}</p></div>`;
    if (status === 'error')
      return html`<div class="page">
        <div class="alert error" role="alert">${errorMessage(this.root.error)}</div>
        <p><button @click=${() => this.root.refresh()}>${msg('Try again')}</button></p>
      </div>`;
    if (!user && this.root.hostMode) return this.renderHostSignedOut();
    if (!user)
      return html`<div class="page signed-out-page">
        ${this.emailLinkNotice()} ${this.signedOutNotice()}
        <sign-in-form .appName=${this.appName ?? ''} @sk-signed-in=${this.onSignedIn}
          ><slot name="brand" slot="brand"></slot><oauth-sign-in slot="providers"></oauth-sign-in
        ></sign-in-form>
      </div>`;
    const tabs = this.visibleTabs(user);
    const active = tabs.find((t) => t.id === this.tab) ?? tabs[0]!;
    return html`
      <div class="page">
        <header part="header">
          <div class="avatar" aria-hidden="true">
            ${user.avatarUrl ? html`<img src=${this.avatarSrc(user.avatarUrl)} alt="" />` : initials(user)}
          </div>
          <div class="who">
            <h1>${user.displayName || user.email}</h1>
            <span class="email">${user.email}</span>
          </div>
          <span class="spacer"></span>
          ${user.identity === 'host' ? nothing : html`<button @click=${this.signOut}>${msg('Sign out')}</button>`}
        </header>
        ${this.signOutError ? html`<div class="alert error" role="alert">${this.signOutError}</div>` : nothing} ${this.emailLinkNotice()}
        <account-confirmation></account-confirmation>
        ${accountGated(user) ? nothing : needsFirstProfile(user) ? html`<first-profile></first-profile>` : html`<div class="layout">
          <div role="tablist" aria-label=${msg('Settings sections')} aria-orientation="vertical" part="tabs" @keydown=${this.onTabKey}>
            ${repeat(
              tabs,
              // Keyed: a tab that appears late (billing, connected accounts) must not turn the button
              // under the pointer into another tab.
              (t) => t.id,
              (t) => html`<button
                role="tab"
                part="tab"
                id="tab-${t.id}"
                aria-selected=${t === active ? 'true' : 'false'}
                aria-controls="panel-${t.id}"
                tabindex=${t === active ? '0' : '-1'}
                @click=${() => this.requestTab(t.id)}
                @pointerenter=${() => this.loadTab(t)}
                @focus=${() => this.loadTab(t)}
              >
                ${t.label()}
              </button>`,
            )}
          </div>
          <section role="tabpanel" part="panel" id="panel-${active.id}" aria-labelledby="tab-${active.id}" tabindex="0">
            ${active.titledByElement ? nothing : html`<h2>${active.label()}</h2>`}
            ${active.elements.every((tag) => customElements.get(tag)) || this.loadFailed.has(active.id)
              ? active.elements.map((tag) =>
                  customElements.get(tag)
                    ? staticHtml`<${unsafeStatic(tag)} @sk-billing-unavailable=${() => this.setAvailable('billing', false)}></${unsafeStatic(tag)}>`
                    : html`<p class="muted">${msg(str`The ${tag} element is not loaded on this page.`)}</p>`,
                )
              : (this.loadTab(active), html`<p class="muted" role="status">${msg('Loading…')}</p>`)}
          </section>
        </div>`}
      </div>
      ${confirmDialogTemplate({
        id: 'discard',
        title: msg('Discard unsaved changes?'),
        body: msg('You have changes on this tab that are not saved yet.'),
        confirmLabel: msg('Discard changes'),
        danger: true,
        onConfirm: () => this.confirmDiscard(true),
        onCancel: () => this.confirmDiscard(false),
      })}
    `;
  }

  private avatarSrc(url: string) {
    return /^(https?:|data:|blob:|\/)/.test(url) ? url : `${this.apiBase.replace(/\/$/, '')}/${url}`;
  }

  /** Shows a tab, asking first when the current one has unsaved changes. */
  /** Tabs whose elements could not be imported (offline, a failed deploy): their panel says so. */
  @state() private loadFailed = new Set<string>();
  #loading = new Set<string>();

  /** Imports a tab's elements once (they register themselves), then renders its panel. */
  private loadTab(tab: SettingsTab) {
    if (this.#loading.has(tab.id) || tab.elements.every((tag) => customElements.get(tag))) return;
    this.#loading.add(tab.id);
    tab.load().then(
      () => this.requestUpdate(),
      () => {
        this.#loading.delete(tab.id);
        this.loadFailed = new Set(this.loadFailed).add(tab.id);
      },
    );
  }

  requestTab(id: string, focus = true) {
    if (id === this.tab) return;
    const dirty = this.renderRoot.querySelector?.('[role=tabpanel] [sk-dirty]');
    if (dirty) {
      this.pendingTab = id;
      showConfirmDialog(this.renderRoot, 'discard');
      return;
    }
    this.showTab(id, focus);
  }

  private confirmDiscard(discard: boolean) {
    closeConfirmDialog(this.renderRoot, 'discard');
    const next = this.pendingTab;
    this.pendingTab = null;
    if (discard && next) this.showTab(next, true);
  }

  private async showTab(id: string, focus: boolean) {
    this.tab = id;
    if (!this.noHash && location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
    this.emit('sk-tab-change', { tab: id });
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${id}`)?.focus();
    }
  }

  private onTabKey(event: KeyboardEvent) {
    const buttons = [...this.tabButtons];
    const index = buttons.findIndex((b) => b.getAttribute('aria-selected') === 'true');
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = buttons[(moves[event.key]! + buttons.length) % buttons.length]!;
    this.requestTab(next.id.replace(/^tab-/, ''));
  }

  private onSignedIn = (event: CustomEvent<{ user: SignedInUser }>) => {
    void this.root.signedIn(event.detail.user);
  };

  private emailLinkNotice() {
    const outcome = this.emailLink;
    if (!outcome) return nothing;
    return html`<div class="alert ${outcome.ok ? 'success' : 'error'}" role=${outcome.ok ? 'status' : 'alert'} part="notice">${outcome.message}</div>`;
  }

  /**
   * The host tells the page its user re-authenticated (after `sk-reauthenticate`): every
   * "Confirm it's you" on this page retries its request.
   */
  reauthenticated(): void {
    reauthenticated(this);
  }

  /** Signed out under host identity: no kit sign-in form; the host was told (`sk-unauthenticated`). */
  private renderHostSignedOut() {
    const ended = this.root.signedOutReason === 'session_ended';
    return html`<div class="page">
      <div class="signed-out" part="signed-out" role="status">
        <h1>${ended ? msg('You were signed out') : msg('You are signed out')}</h1>
        <p class="muted">${msg('Sign in to continue, then come back to this page.')}</p>
        <p><button @click=${() => this.root.refresh()}>${msg('Try again')}</button></p>
      </div>
    </div>`;
  }

  private signedOutNotice() {
    switch (this.root.signedOutReason) {
      case 'session_ended':
        return html`<div class="alert" role="status" part="notice">${msg('You were signed out. Sign in again to continue.')}</div>`;
      case 'cookie_refused':
        return html`<div class="alert error" role="alert" part="notice">
          ${msg('You signed in, but this browser did not keep the session cookie, so you are signed out again.')}
          <span class="muted">${msg('This page and the settings server are on different sites: the server must run over https with COOKIE_SAMESITE=none (the cookie.sameSite option), or be served from this page\'s own site.')}</span>
        </div>`;
      default:
        return nothing;
    }
  }

  private async signOut() {
    this.signOutError = null;
    try {
      await read(this.root.client.auth['sign-out'].$post());
      this.root.setUser(null);
      this.emit('sk-signed-out');
    } catch (error) {
      this.signOutError = errorMessage(error);
    }
  }
}

const initials = (user: SignedInUser) =>
  (user.displayName || user.email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => s[0]!.toUpperCase())
    .join('');

declare global {
  interface HTMLElementTagNameMap {
    'profile-settings': ProfileSettings;
  }
}
