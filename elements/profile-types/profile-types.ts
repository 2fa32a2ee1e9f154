import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { read } from '../api/client';
import type { AdminProfileType } from '../api/types';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask, taskLoading } from '../internal/api-task';
import { customElement } from '../internal/define';
import { field } from '../internal/field';
import { rowListStyles } from '../internal/row-list.styles';
import '../internal/sk-dialog';
import type { SkDialog } from '../internal/sk-dialog';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { blockHostStyles } from '../internal/host.styles';

/**
 * The administrator's profile types (seed 002: "profiles of admin-defined types", Person and
 * Organization at first): add, rename and delete. The server refuses to delete the policy's default
 * type or one that profiles still use, and says why; the reason shows in the dialog.
 *
 * @fires sk-profile-types-changed - `{ types }` after a type was added, renamed or deleted.
 * @csspart card - The card.
 * @csspart type - Each type's row.
 * @csspart notice - The success message beside the list.
 */
@localized()
@customElement('profile-types')
export class ProfileTypes extends SkElement {
  static override styles = [
    tokens,
    controls,
    rowListStyles,
    blockHostStyles,
    css`
      :host {
        margin-block-start: calc(var(--_space) * 1.25);
      }
      .add {
        margin-block-start: calc(var(--_space) * 0.75);
        display: flex;
        gap: calc(var(--_space) * 0.5);
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .add .field {
        flex: 1 1 14rem;
        margin: 0;
      }
      .rename {
        display: flex;
        gap: calc(var(--_space) * 0.5);
        flex: 1;
        flex-wrap: wrap;
      }
      .rename input {
        flex: 1 1 10rem;
      }
      .actions {
        display: flex;
        gap: calc(var(--_space) * 0.5);
      }
    `,
  ];

  private readonly types = apiTask(this, async (api) => (await read(api.admin['profile-types'].$get())).types);
  private readonly adding = new ActionController(this);
  private readonly editing = new ActionController(this);
  private readonly deleting = new ActionController(this);

  @state() private renaming: string | null = null;
  @state() private toDelete: AdminProfileType | null = null;

  override render() {
    return html`<section class="card" part="card" aria-labelledby="pt-title" aria-busy=${taskLoading(this.types) ? 'true' : 'false'}>
        <h3 id="pt-title" tabindex="-1">${msg('Profile types')}</h3>
        <p class="muted">${msg('The kinds of profile an account can hold, for example Person and Organization. Users choose one when they add a profile.')}</p>
        ${renderTask(this.types, {
          loadingLabel: msg('Loading profile types…'),
          isEmpty: (types) => types.length === 0,
          empty: () => html`<p class="muted">${msg('No profile types yet. Add one so users can create profiles.')}</p>`,
          complete: (types) => this.renderList(types),
        })}
        ${this.editing.renderError()} ${this.adding.renderNotice()}
        ${this.types.value ? this.renderAddForm() : nothing}
      </section>
      ${this.renderDeleteDialog()}`;
  }

  private renderList(types: AdminProfileType[]) {
    return html`<ul class="list" aria-labelledby="pt-title">
      ${types.map((t) =>
        this.renaming === t.id
          ? html`<li part="type">
              <form class="rename" @submit=${(e: SubmitEvent) => this.rename(e, t)}>
                <label class="sr-only" for="pt-rename">${msg(str`New name for ${t.name}`)}</label>
                <input
                  id="pt-rename"
                  name="name"
                  required
                  maxlength="60"
                  .value=${t.name}
                  aria-invalid=${this.editing.fieldErrors.name ? 'true' : 'false'}
                  aria-describedby=${this.editing.fieldErrors.name ? 'pt-rename-error' : nothing}
                  @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.stopRenaming()}
                />
                <button type="submit" class="primary" ?disabled=${this.editing.pending}>${msg('Save')}</button>
                <button type="button" @click=${this.stopRenaming}>${msg('Cancel')}</button>
                ${this.editing.fieldErrors.name ? html`<div id="pt-rename-error" class="field-error" style="flex-basis:100%">${this.editing.fieldErrors.name}</div>` : nothing}
              </form>
            </li>`
          : html`<li part="type">
              <div class="what">
                <span class="name">${t.name}${t.isDefault ? html` <span class="badge">${msg('Default')}</span>` : nothing}</span>
              </div>
              <div class="actions">
                <button type="button" data-rename=${t.id} aria-label=${msg(str`Rename ${t.name}`)} @click=${() => this.startRenaming(t)}>${msg('Rename')}</button>
                <button type="button" class="danger" aria-label=${msg(str`Delete ${t.name}`)} @click=${() => this.confirmDelete(t)}>${msg('Delete')}</button>
              </div>
            </li>`,
      )}
    </ul>`;
  }

  private renderAddForm() {
    const a = this.adding;
    return html`<form class="add" @submit=${this.add} novalidate>
      ${field({
        id: 'pt-new',
        label: msg('New profile type'),
        error: a.fieldErrors.name ?? a.error,
        control: (c) =>
          html`<input id=${c.id} name="name" maxlength="60" autocomplete="off" aria-invalid=${c.invalid} aria-describedby=${c.describedBy ?? nothing} />`,
      })}
      <button type="submit" class="primary" ?disabled=${a.pending}>${a.pending ? msg('Adding…') : msg('Add type')}</button>
    </form>`;
  }

  private renderDeleteDialog() {
    const t = this.toDelete;
    return html`<sk-dialog id="pt-delete" aria-labelledby="pt-delete-title" part="dialog">
      <h3 id="pt-delete-title">${msg('Delete this profile type?')}</h3>
      <p>${t ? msg(str`"${t.name}" will no longer be offered when users add a profile.`) : ''}</p>
      ${this.deleting.renderError()}
      <div class="row">
        <button type="button" class="danger" ?disabled=${this.deleting.pending} @click=${this.deleteType}>${this.deleting.pending ? msg('Deleting…') : msg('Delete')}</button>
        <button type="button" @click=${() => this.dialog?.close()}>${msg('Cancel')}</button>
      </div>
    </sk-dialog>`;
  }

  private get dialog() {
    return this.renderRoot.querySelector<SkDialog>('#pt-delete');
  }

  private changed(notice: string) {
    this.adding.notice = notice;
    void this.types.run().then(() => this.emit('sk-profile-types-changed', { types: this.types.value ?? [] }));
    return notice;
  }

  private add = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) {
      this.adding.fieldErrors = { name: msg('Enter a name for the profile type.') };
      this.requestUpdate();
      return;
    }
    const done = await this.adding.run(() => read(this.api.admin['profile-types'].$post({ json: { name } })), {
      fields: ['name'],
      done: ({ type }) => this.changed(msg(str`Profile type "${type.name}" added.`)),
    });
    if (done) form.reset();
  };

  private startRenaming(t: AdminProfileType) {
    this.editing.reset();
    this.renaming = t.id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#pt-rename')?.select());
  }

  private stopRenaming = () => {
    const id = this.renaming;
    this.renaming = null;
    this.editing.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-rename="${CSS.escape(id ?? '')}"]`)?.focus());
  };

  private async rename(event: SubmitEvent, t: AdminProfileType) {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    if (name === t.name) return this.stopRenaming();
    const done = await this.editing.run(() => read(this.api.admin['profile-types'][':id'].$patch({ param: { id: t.id }, json: { name } })), {
      fields: ['name'],
      done: ({ type }) => this.changed(msg(str`"${t.name}" is now called "${type.name}".`)),
    });
    if (done) this.renaming = null;
  }

  private confirmDelete(t: AdminProfileType) {
    this.deleting.reset();
    this.toDelete = t;
    void this.updateComplete.then(() => this.dialog?.show());
  }

  private deleteType = async () => {
    const t = this.toDelete;
    if (!t) return;
    const done = await this.deleting.run(async () => {
      await read(this.api.admin['profile-types'][':id'].$delete({ param: { id: t.id } }));
      return true;
    });
    if (!done) return;
    this.dialog?.close();
    this.changed(msg(str`Profile type "${t.name}" deleted.`));
    this.renderRoot.querySelector<HTMLElement>('#pt-title')?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-types': ProfileTypes;
  }
}
