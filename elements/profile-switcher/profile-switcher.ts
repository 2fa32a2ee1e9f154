import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiError, errorMessage, read } from '../api/client';
import { customElement } from '../internal/define';
import { rowListStyles } from '../internal/row-list.styles';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';

import type { ProfileEntry, ProfileList, ProfileType } from '../api/types';

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
    css`
      :host {
        display: block;
      }
      .head h3 {
        margin: 0;
      }
      form.add {
        margin: calc(var(--_space) * 0.75) 0;
        max-width: 28rem;
      }
    `,
  ];

  @state() protected list: ProfileList | null = null;
  @state() protected types: ProfileType[] = [];
  @state() protected loadError: string | null = null;
  @state() protected adding = false;
  @state() protected pending: string | null = null;
  @state() protected error: string | null = null;
  @state() protected fieldErrors: Record<string, string> = {};
  @state() protected deleting: ProfileEntry | null = null;
  @state() protected notice = '';

  protected override apiChanged() {
    void this.load();
  }

  async load() {
    this.loadError = null;
    try {
      const [list, { types }] = await Promise.all([read(this.api.profiles.$get()), read(this.api['profile-types'].$get())]);
      this.list = list;
      this.types = types;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
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
      ${this.loadError
        ? html`<div class="alert error" role="alert">${this.loadError}</div>
            <div class="row"><button type="button" @click=${() => this.load()}>${msg('Try again')}</button></div>`
        : !list
          ? html`<p class="muted" aria-busy="true">${msg('Loading…')}</p>`
          : html`${this.adding ? this.renderAdd() : nothing}
              ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing} ${this.renderList(list)}`}
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
                  <button type="button" class="danger" ?disabled=${!!this.pending} @click=${() => this.deleteProfile(p)}>${msg('Delete')}</button>
                  <button type="button" @click=${() => (this.deleting = null)}>${msg('Cancel')}</button>`
              : html`${p.current
                    ? html`<span class="badge success">${msg('Current')}</span>`
                    : html`<button type="button" ?disabled=${!!this.pending} aria-label=${msg(str`Switch to ${p.displayName}`)} @click=${() => this.switchTo(p)}>
                        ${this.pending === p.id ? msg('Switching…') : msg('Switch to')}
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
    const f = this.fieldErrors;
    const fallback = this.types.find((t) => t.isDefault)?.id;
    return html`<form class="add stack" novalidate @submit=${this.create} aria-labelledby="ps-add-title">
      <h4 id="ps-add-title">${msg('New profile')}</h4>
      <label
        >${msg('Profile type')}
        <select name="typeId" aria-invalid=${f.typeId ? 'true' : 'false'}>
          ${this.types.map((t) => html`<option value=${t.id} ?selected=${t.id === fallback}>${t.name}</option>`)}
        </select>
        ${f.typeId ? html`<span class="field-error">${f.typeId}</span>` : nothing}
      </label>
      <label
        >${msg('Display name')}
        <input name="displayName" required maxlength="100" aria-invalid=${f.displayName ? 'true' : 'false'} aria-describedby="ps-name-error" />
        ${f.displayName ? html`<span class="field-error" id="ps-name-error">${f.displayName}</span>` : nothing}
      </label>
      <div class="row">
        <button type="submit" class="primary" ?disabled=${this.pending === 'create'}>${this.pending === 'create' ? msg('Creating…') : msg('Create profile')}</button>
        <button type="button" @click=${() => ((this.adding = false), (this.fieldErrors = {}))}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private startAdding = () => {
    this.adding = true;
    this.error = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=displayName]')?.focus());
  };

  private create = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const displayName = String(data.get('displayName') ?? '').trim();
    if (!displayName) {
      this.fieldErrors = { displayName: msg('Enter a display name.') };
      return;
    }
    this.pending = 'create';
    this.fieldErrors = {};
    this.error = null;
    try {
      const { profile } = await read(this.api.profiles.$post({ json: { typeId: String(data.get('typeId') ?? '') || undefined, displayName } }));
      this.adding = false;
      this.notice = msg(str`Profile ${profile.displayName} created.`);
      this.emit('sk-profile-created', { profile });
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.fields) this.fieldErrors = error.fields;
      else this.error = error instanceof ApiError && error.code === 'profile_limit' ? msg('You have as many profiles as your administrator allows. Delete one to create another.') : errorMessage(error);
    } finally {
      this.pending = null;
    }
  };

  protected async switchTo(p: ProfileEntry) {
    this.pending = p.id;
    this.error = null;
    try {
      const { profile } = await read(this.api.profiles[':id'].switch.$post({ param: { id: p.id } }));
      this.notice = msg(str`Now editing ${profile.displayName}.`);
      await this.load();
      this.emit('sk-profile-switched', { profile });
      await this.settings?.refresh(); // the header shows the current profile's name
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.pending = null;
    }
  }

  protected async deleteProfile(p: ProfileEntry) {
    this.pending = p.id;
    this.error = null;
    try {
      await read(this.api.profiles[':id'].$delete({ param: { id: p.id } }));
      this.deleting = null;
      this.notice = msg(str`Profile ${p.displayName} deleted.`);
      this.emit('sk-profile-deleted', { id: p.id });
      await this.load();
      if (p.current) {
        this.emit('sk-profile-switched', { profile: this.list?.profiles.find((x) => x.current) ?? null });
        await this.settings?.refresh();
      }
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.pending = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-switcher': ProfileSwitcher;
  }
}
