import { msg } from '@lit/localize';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { read, type ApiClient } from '../api/client';
import type { ProfileEntry, ProfileType } from '../api/types';
import type { ActionController } from '../internal/action-controller';
import { field } from '../internal/field';

/** The type and the display name a new profile starts with, asked the same way by the first-profile gate and the switcher. */
export function newProfileFields(idPrefix: string, types: readonly ProfileType[], errors: Record<string, string>) {
  const fallback = types.find((t) => t.isDefault)?.id;
  return html`${field({
      id: `${idPrefix}-type`,
      label: msg('Profile type'),
      error: errors.typeId,
      control: (a) => html`<select id=${a.id} name="typeId" aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)}>
        ${types.map((t) => html`<option value=${t.id} ?selected=${t.id === fallback}>${t.name}</option>`)}
      </select>`,
    })}
    ${field({
      id: `${idPrefix}-name`,
      label: msg('Display name'),
      error: errors.displayName,
      control: (a) =>
        html`<input id=${a.id} name="displayName" required maxlength="100" autocomplete="name" aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)} />`,
    })}`;
}

/**
 * Creates the profile the submitted form describes, through `action` (its pending state and the
 * server's field errors). A missing name is said beside its field without asking the server.
 * Resolves with the new profile, or undefined when nothing was created.
 */
export async function createProfile(api: ApiClient, event: SubmitEvent, action: ActionController, key?: string): Promise<ProfileEntry | undefined> {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const displayName = String(data.get('displayName') ?? '').trim();
  if (!displayName) {
    action.reset(); // asks for the render that shows the field error set next
    action.fieldErrors = { displayName: msg('Enter a display name.') };
    return undefined;
  }
  const typeId = String(data.get('typeId') ?? '') || undefined;
  const created = await action.run(() => read(api.profiles.$post({ json: { typeId, displayName } })), { fields: ['typeId', 'displayName'], key });
  return created?.profile;
}
