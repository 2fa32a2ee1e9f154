import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { read } from '../api/client';
import { createProfile, newProfileFields } from '../first-profile/new-profile';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { customElement } from '../internal/define';
import { rowListStyles } from '../internal/row-list.styles';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { blockHostStyles } from '../internal/host.styles';
import type { ProfileEntry, ProfileList } from '../api/types';

/**
 * The account's profiles (seed 002: several profiles of admin-defined types): which one the
 * Profile tab edits, switching to another, creating one of a type (up to the policy's limit) and
 * deleting one (never the last). Sits above `<profile-form>`, which reloads on `sk-profile-switched`.
 *
 * @fires sk-profile-switched - `{ profile }` after another profile became the current one.
 * @fires sk-profile-created - `{ profile }` after a profile was created.
 * @fires sk-profile-deleted - `{ id }` after a profile was deleted.
 * @csspart card - The card.
 * @csspart profile - Each profile row.
 * @cssproperty --sk-accent - Colour of the primary buttons.
 */
@localized()
@customElement('profile-switcher')
export class ProfileSwitcher extends SkElement {
  static override styles = [
    tokens,
    controls,
    rowListStyles,
    blockHostStyles,
    css`
      .head h3 {
        margin: 0;
      }
      form.add {
        margin: calc(var(--_space) * 0.75) 0;
        max-width: 28rem;
      }
    `,
  ];

  protected readonly profiles = apiTask(this, async (api) => {
    const [list, { types }] = await Promise.all([read(api.profiles.$get()), read(api['profile-types'].$get())]);
    return { list, types };
  });
  /** Create, switch and delete: one at a time; `key` says which ('create' or the profile's id). */
  protected readonly action = new ActionController(this);
  @state() protected adding = false;
  @state() protected deleting: ProfileEntry | null = null;
  @state() protected notice = '';

  protected get list(): ProfileList | null {
    return this.profiles.value?.list ?? null;
  }

  /** Re-reads the profiles and types. */
  async load() {
    await this.profiles.run();
  }

  protected get atLimit() {
    return !!this.list && this.list.limit > 0 && this.list.profiles.length >= this.list.limit;
  }

  override render() {
    const list = this.list;
    return html`<section class="card" part="card" aria-labelledby="ps-title">
      <div class="row head">
        <h3 id="ps-title">${msg('Profiles')}</h3>
        <span class="spacer"></span>
        ${list && !this.adding
          ? html`<button type="button" class="primary" ?disabled=${this.atLimit} @click=${this.startAdding}>${msg('New profile')}</button>`
          : nothing}
      </div>
      <p class="muted">
        ${msg('Your account can have several profiles, for example for yourself and for your organization. The form below edits the current one.')}
        ${list && list.limit > 0 ? msg(str`${list.profiles.length} of ${list.limit} profiles used.`) : nothing}
      </p>
      ${renderTask(this.profiles, {
        complete: ({ list }) => html`${this.adding ? this.renderAdd() : nothing} ${this.action.renderError()} ${this.renderList(list)}`,
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.notice}</div>
    </section>`;
  }

  protected renderList(list: ProfileList) {
    const only = list.profiles.length <= 1;
    return html`<ul class="list" aria-labelledby="ps-title">
      ${list.profiles.map(
        (p) => html`<li part="profile" class=${p.current ? 'current' : ''}>
          <div class="what">
            <span class="name">${p.displayName || msg('(no name)')} <span class="badge">${p.type.name}</span></span>
            ${p.company ? html`<span class="muted small">${p.company}</span>` : nothing}
          </div>
          <div class="actions row">
            ${this.deleting?.id === p.id
              ? html`<span>${msg('Delete this profile?')}</span>
                  <button type="button" class="danger" ?disabled=${this.action.pending} @click=${() => this.deleteProfile(p)}>${msg('Delete')}</button>
                  <button type="button" @click=${() => (this.deleting = null)}>${msg('Cancel')}</button>`
              : html`${p.current
                    ? html`<span class="badge success">${msg('Current')}</span>`
                    : html`<button type="button" ?disabled=${this.action.pending} aria-label=${msg(str`Switch to ${p.displayName}`)} @click=${() => this.switchTo(p)}>
                        ${this.action.busy(p.id) ? msg('Switching…') : msg('Switch to')}
                      </button>`}
                  ${only
                    ? nothing
                    : html`<button type="button" class="danger" aria-label=${msg(str`Delete ${p.displayName}`)} @click=${() => (this.deleting = p)}>${msg('Delete')}</button>`}`}
          </div>
        </li>`,
      )}
    </ul>`;
  }

  protected renderAdd() {
    const creating = this.action.busy('create');
    return html`<form class="add stack" novalidate @submit=${this.create} aria-labelledby="ps-add-title">
      <h4 id="ps-add-title">${msg('New profile')}</h4>
      ${newProfileFields('ps', this.profiles.value?.types ?? [], this.action.fieldErrors)}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${creating}>${creating ? msg('Creating…') : msg('Create profile')}</button>
        <button type="button" @click=${() => ((this.adding = false), this.action.reset())}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private startAdding = () => {
    this.adding = true;
    this.action.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=displayName]')?.focus());
  };

  private create = async (event: SubmitEvent) => {
    const profile = await createProfile(this.api, event, this.action, 'create');
    if (this.action.code === 'profile_limit') {
      this.action.error = msg('You have as many profiles as your administrator allows. Delete one to create another.');
      this.requestUpdate();
    }
    if (!profile) return;
    this.adding = false;
    this.notice = msg(str`Profile ${profile.displayName} created.`);
    this.emit('sk-profile-created', { profile });
    await this.load();
  };

  protected async switchTo(p: ProfileEntry) {
    await this.action.run(() => read(this.api.profiles[':id'].switch.$post({ param: { id: p.id } })), {
      key: p.id,
      done: async ({ profile }) => {
        this.notice = msg(str`Now editing ${profile.displayName}.`);
        await this.load();
        this.emit('sk-profile-switched', { profile });
        await this.settings?.refresh(); // the header shows the current profile's name
      },
    });
  }

  protected async deleteProfile(p: ProfileEntry) {
    await this.action.run(() => read(this.api.profiles[':id'].$delete({ param: { id: p.id } })), {
      key: p.id,
      done: async () => {
        this.deleting = null;
        this.notice = msg(str`Profile ${p.displayName} deleted.`);
        this.emit('sk-profile-deleted', { id: p.id });
        await this.load();
        if (p.current) {
          this.emit('sk-profile-switched', { profile: this.list?.profiles.find((x) => x.current) ?? null });
          await this.settings?.refresh();
        }
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-switcher': ProfileSwitcher;
  }
}
