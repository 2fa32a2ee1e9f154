import { localized, msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiError, errorMessage, read } from '../api/client';
import { customElement } from '../internal/define';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import type { ProfileType } from '../api/types';

/** True when `/me` says the user must create a first profile before anything else. */
export function needsFirstProfile(user: object | null | undefined): boolean {
  return !!(user as { profileSetupRequired?: unknown } | null | undefined)?.profileSetupRequired;
}

/**
 * The first-profile gate (seed 002, "Automatic profile creation" off): right after the first
 * sign-in the user chooses a profile type and a display name before anything else opens. Until
 * then the server answers other routes 403 `profile_required`. Refreshes `/me` when done.
 *
 * @fires sk-first-profile-created - `{ profile }` after the profile was created.
 * @csspart card - The card.
 * @csspart submit - The create button.
 */
@localized()
@customElement('first-profile')
export class FirstProfile extends SkElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      form {
        max-width: 28rem;
      }
    `,
  ];

  @state() protected types: ProfileType[] | null = null;
  @state() protected loadError: string | null = null;
  @state() protected pending = false;
  @state() protected error: string | null = null;
  @state() protected fieldErrors: Record<string, string> = {};

  protected override apiChanged() {
    void this.load();
  }

  async load() {
    this.loadError = null;
    try {
      this.types = (await read(this.api['profile-types'].$get())).types;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  override render() {
    const f = this.fieldErrors;
    const fallback = this.types?.find((t) => t.isDefault)?.id;
    return html`<section class="card" part="card" aria-labelledby="fp-title">
      <h3 id="fp-title">${msg('Create your first profile')}</h3>
      <p class="muted">${msg('Choose what kind of profile this is and the name others will see. You can add more profiles later in the Profile tab.')}</p>
      ${this.loadError
        ? html`<div class="alert error" role="alert">${this.loadError}</div>
            <div class="row"><button type="button" @click=${() => this.load()}>${msg('Try again')}</button></div>`
        : !this.types
          ? html`<p class="muted" aria-busy="true">${msg('Loading…')}</p>`
          : html`<form class="stack" novalidate @submit=${this.create}>
              ${this.error ? html`<div class="alert error" role="alert">${this.error}</div>` : nothing}
              <div class="field">
                <label for="fp-type">${msg('Profile type')}</label>
                <select id="fp-type" name="typeId" aria-invalid=${f.typeId ? 'true' : 'false'} aria-describedby=${f.typeId ? 'fp-type-error' : nothing}>
                  ${this.types.map((t) => html`<option value=${t.id} ?selected=${t.id === fallback}>${t.name}</option>`)}
                </select>
                ${f.typeId ? html`<div id="fp-type-error" class="field-error">${f.typeId}</div>` : nothing}
              </div>
              <div class="field">
                <label for="fp-name">${msg('Display name')}</label>
                <input id="fp-name" name="displayName" required maxlength="100" autocomplete="name" aria-invalid=${f.displayName ? 'true' : 'false'} aria-describedby=${f.displayName ? 'fp-name-error' : nothing} />
                ${f.displayName ? html`<div id="fp-name-error" class="field-error">${f.displayName}</div>` : nothing}
              </div>
              <div class="row">
                <button type="submit" class="primary" part="submit" ?disabled=${this.pending}>${this.pending ? msg('Creating…') : msg('Create profile')}</button>
              </div>
            </form>`}
    </section>`;
  }

  private create = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const displayName = String(data.get('displayName') ?? '').trim();
    if (!displayName) {
      this.fieldErrors = { displayName: msg('Enter a display name.') };
      return;
    }
    this.pending = true;
    this.fieldErrors = {};
    this.error = null;
    try {
      const { profile } = await read(this.api.profiles.$post({ json: { typeId: String(data.get('typeId') ?? '') || undefined, displayName } }));
      this.emit('sk-first-profile-created', { profile });
      await this.settings?.refresh(); // the gate opens with the new /me
    } catch (error) {
      if (error instanceof ApiError && error.fields) this.fieldErrors = error.fields;
      else this.error = errorMessage(error);
    } finally {
      this.pending = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'first-profile': FirstProfile;
  }
}
