import { localized, msg } from '@lit/localize';
import { css, html } from 'lit';
import { read } from '../api/client';
import { ActionController } from '../internal/action-controller';
import { apiTask, renderTask } from '../internal/api-task';
import { customElement } from '../internal/define';
import { SkElement } from '../internal/sk-element';
import { controls, tokens } from '../internal/theme';
import { blockHostStyles } from '../internal/host.styles';
import { createProfile, newProfileFields } from './new-profile';

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
    blockHostStyles,
    css`
      form {
        max-width: 28rem;
      }
    `,
  ];

  protected readonly types = apiTask(this, async (api) => (await read(api['profile-types'].$get())).types);
  protected readonly creating = new ActionController(this);

  /** Re-reads the profile types. */
  async load() {
    await this.types.run();
  }

  override render() {
    return html`<section class="card" part="card" aria-labelledby="fp-title">
      <h3 id="fp-title">${msg('Create your first profile')}</h3>
      <p class="muted">${msg('Choose what kind of profile this is and the name others will see. You can add more profiles later in the Profile tab.')}</p>
      ${renderTask(this.types, {
        complete: (types) => html`<form class="stack" novalidate @submit=${this.create}>
          ${this.creating.renderError()} ${newProfileFields('fp', types, this.creating.fieldErrors)}
          <div class="row">
            <button type="submit" class="primary" part="submit" ?disabled=${this.creating.pending}>${this.creating.pending ? msg('Creating…') : msg('Create profile')}</button>
          </div>
        </form>`,
      })}
    </section>`;
  }

  private create = async (event: SubmitEvent) => {
    const profile = await createProfile(this.api, event, this.creating);
    if (!profile) return;
    this.emit('sk-first-profile-created', { profile });
    await this.settings?.refresh(); // the gate opens with the new /me
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'first-profile': FirstProfile;
  }
}
