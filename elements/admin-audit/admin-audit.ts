import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../internal/define';
import { TaskStatus } from '@lit/task';
import { read, type ApiClient } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { formatDateTime } from '../internal/format';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { adminAuditStyles } from './admin-audit.styles';
import type { AuditEntry } from '../api/types';
import { auditActionLabel, auditKeyLabel, auditValue } from './audit-labels';

export type { AuditEntry } from '../api/types';

/** Events of the other admin elements after a change (they bubble out of every shadow root). */
const CHANGE_EVENTS = ['sk-account-policy-saved', 'sk-user-updated', 'sk-profile-types-changed'];

/**
 * The audit log of administrator changes (`GET /admin/audit`): who changed what and when, with
 * the values before and after (secrets never appear), newest first, with "Show older". Reloads
 * when `<account-policy>` or `<user-admin>` on the same page saves a change.
 *
 * @csspart card - The outer card.
 * @csspart list - The list of entries.
 */
@localized()
@customElement('admin-audit')
export class AdminAudit extends SkElement {
  static override styles = [tokens, controls, adminAuditStyles];

  /** Entries per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() protected items: AuditEntry[] = [];
  @state() protected next: string | null = null;
  /** The newest entries; "Refresh" and a change elsewhere on the page run it again. */
  protected readonly newest = apiTask(this, async (api, signal) => {
    const page = await this.page(api, null);
    signal.throwIfAborted();
    this.items = page.items;
    this.next = page.nextCursor;
    return page;
  });
  /** "Show older": its error shows under the list, which stays. */
  protected readonly older = new ActionController(this);

  protected get loading() {
    return this.newest.status === TaskStatus.PENDING || this.older.pending;
  }

  override connectedCallback() {
    super.connectedCallback();
    for (const name of CHANGE_EVENTS) window.addEventListener(name, this.onChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const name of CHANGE_EVENTS) window.removeEventListener(name, this.onChange);
  }

  /** Another admin element on the page changed something: show it at once. */
  private onChange = () => void this.load(true);

  private page(api: ApiClient, cursor: string | null) {
    const query: Record<string, string> = { limit: String(this.pageSize) };
    if (cursor) query.cursor = cursor;
    return read(api.admin.audit.$get({ query }));
  }

  /** Loads the newest entries (`fresh`) or the next older page. */
  async load(fresh = false) {
    if (fresh) return void (await this.newest.run());
    const cursor = this.next;
    await this.older.run(() => this.page(this.api, cursor), {
      done: (page) => {
        this.items = [...this.items, ...page.items];
        this.next = page.nextCursor;
      },
    });
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="audit-title">
      <div class="row">
        <h3 id="audit-title">${msg('Audit log')}</h3>
        <span class="spacer"></span>
        <button ?disabled=${this.loading} @click=${() => this.load(true)}>${msg('Refresh')}</button>
      </div>
      <p class="muted">${msg('Every change an administrator makes, newest first.')}</p>
      ${renderTask(this.newest, {
        loadingLabel: msg('Loading the audit log…'),
        isEmpty: () => this.items.length === 0,
        empty: () => html`<p class="muted">${msg('No administrator has changed anything yet.')}</p>`,
        complete: () => this.renderList(),
      })}
    </section>`;
  }

  protected renderList() {
    return html`<ol part="list" aria-busy=${this.loading ? 'true' : 'false'}>
        ${this.items.map((e) => this.renderEntry(e))}
      </ol>
      ${this.older.renderError()}
      ${this.next ? html`<button class="more" ?disabled=${this.loading} @click=${() => this.load()}>${msg('Show older')}</button>` : nothing}`;
  }

  protected renderEntry(e: AuditEntry) {
    const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])].filter((k) => k !== 'email');
    const subject = (e.after?.email ?? e.before?.email) as string | undefined;
    return html`<li>
      <div><strong>${auditActionLabel(e.action)}</strong>${subject ? html` — ${subject}` : nothing}</div>
      <div class="meta">${msg(str`${e.actor.email}, ${formatDateTime(e.at, this.preferences)}`)}</div>
      ${keys.length
        ? html`<ul class="changes">
            ${keys.map((k) => html`<li><span class="key">${auditKeyLabel(k)}</span>: ${auditValue(k, e.before?.[k], this.preferences.locale)} → ${auditValue(k, e.after?.[k], this.preferences.locale)}</li>`)}
          </ul>`
        : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-audit': AdminAudit;
  }
}
