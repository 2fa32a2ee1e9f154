import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { field } from '../internal/field';

/** A profile type as `GET /admin/profile-types` lists it. */
export interface PolicyProfileType {
  id: string;
  name: string;
  isDefault: boolean;
}

/**
 * "Default profile type" and "Limit number of profiles (0 = no limit)" of seed 002, kept apart from
 * account-policy.ts so that file stays small. `set` writes the draft; `errors` are the server's fields.
 */
export function profilePolicyFields(
  draft: { defaultProfileTypeId?: string; profileLimit?: number },
  types: PolicyProfileType[],
  set: (key: 'defaultProfileTypeId' | 'profileLimit', value: string | number) => void,
  errors: Record<string, string>,
) {
  return html`${types.length
      ? field({
          id: 'default-profile-type',
          label: msg('Default profile type'),
          error: errors.defaultProfileTypeId,
          hint: msg('The type of the profile created at registration, and preselected when a user adds one.'),
          control: (a) => html`<select
            id=${a.id}
            name="defaultProfileTypeId"
            aria-invalid=${a.invalid}
            aria-describedby=${ifDefined(a.describedBy)}
            @change=${(e: Event) => set('defaultProfileTypeId', (e.target as HTMLSelectElement).value)}
          >
            ${types.map((t) => html`<option value=${t.id} ?selected=${t.id === draft.defaultProfileTypeId}>${t.name}</option>`)}
          </select>`,
        })
      : nothing}
    ${field({
      id: 'profile-limit',
      label: msg('Limit number of profiles (0 = no limit)'),
      error: errors.profileLimit,
      hint: msg('How many profiles one account may hold. Accounts above a lowered limit keep theirs but cannot add more.'),
      control: (a) => html`<input
        id=${a.id}
        name="profileLimit"
        type="number"
        inputmode="numeric"
        min="0"
        step="1"
        .value=${String(draft.profileLimit ?? 0)}
        aria-invalid=${a.invalid}
        aria-describedby=${ifDefined(a.describedBy)}
        @input=${(e: Event) => set('profileLimit', Number((e.target as HTMLInputElement).value))}
      />`,
    })}`;
}
