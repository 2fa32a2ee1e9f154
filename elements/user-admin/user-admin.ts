import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { TaskStatus } from '@lit/task';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { relativeTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { userAdminStyles } from './user-admin.styles';
import type { AdminUser } from '../api/types';

export type { AdminUser } from '../api/types';

type Change = { user: AdminUser; body: { role?: 'user' | 'admin'; status?: 'active' | 'pending' | 'disabled' }; title: string; text: string; label: string; danger: boolean };

/**
 * The administrator's accounts manager (seed 002 "App Accounts Manager"): search by email or name,
 * filter by status, page through, activate pending accounts, suspend and restore them, and grant
 * or withdraw the admin role. Every change asks first; the server refuses to remove the last
 * active administrator and says so here.
 *
 * @fires sk-user-updated - `{ user }` after a change.
 * @csspart card - The outer card.
 * @csspart search - The search input.
 * @csspart table - The accounts table.
 * @csspart dialog - The confirmation dialog.
 * @cssproperty --sk-accent - Accent colour of primary buttons.
 */
@localized()
@customElement('user-admin')
export class UserAdmin extends SkElement {
  static override styles = [tokens, controls, userAdminStyles];

  /** Accounts per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() protected users: AdminUser[] | null = null;
  @state() protected total = 0;
  /** Active administrators in all: the last one is offered no change that would leave none. */
  @state() protected activeAdmins = 0;
  @state() protected offset = 0;
  @state() protected search = '';
  @state() protected statusFilter: '' | AdminUser['status'] = '';
  @state() protected change: Change | null = null;
  @state() protected announcement = '';
  /** The current page of the current search; a newer load supersedes (aborts) an older one. */
  protected readonly accounts = apiTask(this, async (api, signal) => {
    const query: Record<string, string> = { offset: String(this.offset), limit: String(this.pageSize) };
    if (this.search.trim()) query.search = this.search.trim();
    if (this.statusFilter) query.status = this.statusFilter;
    const result = await read(api.admin.users.$get({ query }));
    signal.throwIfAborted();
    this.users = result.users;
    this.total = result.total;
    this.activeAdmins = result.activeAdmins;
    return result;
  });
  protected readonly applying = new ActionController(this);
  private searchTimer?: ReturnType<typeof setTimeout>;

  protected get loading() {
    return this.accounts.status === TaskStatus.PENDING;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  /** Loads the current page of the current search. */
  async load() {
    await this.accounts.run();
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="users-title">
      <h3 id="users-title">${msg('Users')}</h3>
      <p class="muted">${msg('Activate new accounts, suspend them, and choose who can administer this site.')}</p>
      <form class="toolbar" role="search" @submit=${this.submitSearch}>
        <div class="field">
          <label for="search">${msg('Search')}</label>
          <input id="search" part="search" type="search" placeholder=${msg('Email or name')} .value=${this.search} @input=${this.onSearchInput} />
        </div>
        <div class="field status-filter">
          <label for="status-filter">${msg('Status')}</label>
          <select id="status-filter" .value=${this.statusFilter} @change=${this.onStatusFilter}>
            <option value="">${msg('All')}</option>
            <option value="pending">${msg('Pending')}</option>
            <option value="active">${msg('Active')}</option>
            <option value="disabled">${msg('Suspended')}</option>
          </select>
        </div>
      </form>
      ${renderTask(this.accounts, {
        loadingLabel: msg('Loading accounts…'),
        isEmpty: () => !this.users?.length,
        empty: () => html`<p class="muted">${this.search.trim() || this.statusFilter ? msg('No account matches this search.') : msg('There are no accounts yet.')}</p>`,
        complete: () => this.renderList(this.users ?? []),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </section>
    ${this.renderDialog()}`;
  }

  protected renderList(users: AdminUser[]) {
    const me = this.settings?.user?.id;
    const from = this.offset + 1;
    const to = this.offset + users.length;
    return html`<div class="table-wrap">
        <table part="table" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption class="sr-only">${msg('Accounts')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Account')}</th>
              <th scope="col">${msg('Status')}</th>
              <th scope="col">${msg('Last active')}</th>
              <th scope="col"><span class="sr-only">${msg('Actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${users.map((u) => this.renderRow(u, u.id === me))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label=${msg('Pages of accounts')}>
        <span class="muted">${msg(str`${from}–${to} of ${this.total}`)}</span>
        <button ?disabled=${this.offset === 0 || this.loading} @click=${() => this.page(-1)}>${msg('Previous')}</button>
        <button ?disabled=${to >= this.total || this.loading} @click=${() => this.page(1)}>${msg('Next')}</button>
      </nav>`;
  }

  protected renderRow(u: AdminUser, isMe: boolean) {
    const name = u.displayName || u.email;
    const lastAdmin = u.role === 'admin' && u.status === 'active' && this.activeAdmins <= 1;
    const statusBadge =
      u.status === 'active'
        ? html`<span class="badge success">${msg('Active')}</span>`
        : u.status === 'pending'
          ? html`<span class="badge warning">${msg('Pending')}</span>`
          : html`<span class="badge danger">${msg('Suspended')}</span>`;
    return html`<tr>
      <td class="who">
        <div>
          ${name}${isMe ? html` <span class="muted">${msg('(you)')}</span>` : nothing}
          ${u.role === 'admin' ? html`<span class="badge accent">${msg('Admin')}</span>` : nothing}
        </div>
        ${u.displayName ? html`<div class="email">${u.email}</div>` : nothing}
      </td>
      <td>${statusBadge}</td>
      <td>
        <span class="dot ${u.online ? 'online' : ''}" aria-hidden="true"></span>${u.online
          ? msg('Online')
          : u.lastActiveAt
            ? relativeTime(u.lastActiveAt, Date.now(), this.preferences.locale)
            : msg('Never')}
      </td>
      <td>
        <div class="actions">
          ${u.status === 'pending'
            ? html`<button class="primary" @click=${() => this.ask(u, { status: 'active' })} aria-label=${msg(str`Activate: ${name}`)}>${msg('Activate')}</button>`
            : nothing}
          ${lastAdmin
            ? html`<span class="muted small last-admin">${msg('Last administrator: make someone else an administrator before suspending or demoting this account.')}</span>`
            : nothing}
          ${u.status === 'active' && !lastAdmin
            ? html`<button class="danger" @click=${() => this.ask(u, { status: 'disabled' })} aria-label=${msg(str`Suspend: ${name}`)}>${msg('Suspend')}</button>`
            : nothing}
          ${u.status === 'disabled'
            ? html`<button @click=${() => this.ask(u, { status: 'active' })} aria-label=${msg(str`Restore: ${name}`)}>${msg('Restore')}</button>`
            : nothing}
          ${u.role === 'admin'
            ? lastAdmin
              ? nothing
              : html`<button @click=${() => this.ask(u, { role: 'user' })} aria-label=${msg(str`Remove admin: ${name}`)}>${msg('Remove admin')}</button>`
            : html`<button @click=${() => this.ask(u, { role: 'admin' })} aria-label=${msg(str`Make admin: ${name}`)}>${msg('Make admin')}</button>`}
        </div>
      </td>
    </tr>`;
  }

  protected renderDialog() {
    const c = this.change;
    return confirmDialogTemplate({
      id: 'change',
      title: c?.title ?? '',
      body: c?.text ?? '',
      confirmLabel: c?.label ?? msg('Confirm'),
      danger: c?.danger,
      pending: this.applying.pending,
      error: this.applying.error,
      onConfirm: () => void this.apply(),
      onCancel: () => this.closeDialog(),
    });
  }

  protected ask(user: AdminUser, body: Change['body']) {
    const name = user.displayName || user.email;
    const isMe = user.id === this.settings?.user?.id;
    let change: Change;
    if (body.status === 'active' && user.status === 'pending')
      change = { user, body, title: msg(str`Activate ${name}?`), text: msg('The account gets full access at once. If the policy says so, an activation letter is emailed.'), label: msg('Activate'), danger: false };
    else if (body.status === 'active')
      change = { user, body, title: msg(str`Restore ${name}?`), text: msg('The account can sign in and use every feature again.'), label: msg('Restore'), danger: false };
    else if (body.status === 'disabled')
      change = { user, body, title: msg(str`Suspend ${name}?`), text: isMe ? msg('This is your own account: you will be signed out at once.') : msg('Every session of this account ends at once, and it can do nothing until restored.'), label: msg('Suspend'), danger: true };
    else if (body.role === 'admin')
      change = { user, body, title: msg(str`Make ${name} an administrator?`), text: msg('Administrators can change the account policy and every account, including yours.'), label: msg('Make admin'), danger: false };
    else
      change = { user, body, title: msg(str`Remove the admin role from ${name}?`), text: isMe ? msg('This is your own account: you will lose access to these settings.') : msg('The account keeps working as an ordinary user.'), label: msg('Remove admin'), danger: true };
    this.change = change;
    this.applying.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('#change')?.showModal());
  }

  protected closeDialog() {
    this.renderRoot.querySelector<HTMLDialogElement>('#change')?.close();
    this.change = null;
    this.applying.reset();
  }

  protected async apply() {
    const c = this.change;
    if (!c) return;
    await this.applying.run(() => read(this.api.admin.users[':id'].$patch({ param: { id: c.user.id }, json: c.body })), {
      done: ({ user }) => {
        const activeAdmin = (u: AdminUser) => Number(u.role === 'admin' && u.status === 'active');
        this.activeAdmins += activeAdmin(user) - activeAdmin(c.user);
        this.users = (this.users ?? []).map((u) => (u.id === user.id ? user : u));
        this.announcement = msg(str`${user.displayName || user.email} was updated.`);
        this.emit('sk-user-updated', { user });
        this.closeDialog();
        if (user.id === this.settings?.user?.id) void this.settings?.refresh();
      },
    });
  }

  protected onSearchInput(e: Event) {
    this.search = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.offset = 0;
      void this.load();
    }, 250);
  }

  protected submitSearch(e: Event) {
    e.preventDefault();
    clearTimeout(this.searchTimer);
    this.offset = 0;
    void this.load();
  }

  protected onStatusFilter(e: Event) {
    this.statusFilter = (e.target as HTMLSelectElement).value as UserAdmin['statusFilter'];
    this.offset = 0;
    void this.load();
  }

  protected page(direction: 1 | -1) {
    this.offset = Math.max(0, this.offset + direction * this.pageSize);
    void this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'user-admin': UserAdmin;
  }
}
