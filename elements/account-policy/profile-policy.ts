import { msg } from '@lit/localize';
import { html, nothing } from 'lit';

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
      ? html`<div class="field">
          <label for="default-profile-type">${msg('Default profile type')}</label>
          <select id="default-profile-type" name="defaultProfileTypeId" aria-describedby="default-profile-type-hint" @change=${(e: Event) => set('defaultProfileTypeId', (e.target as HTMLSelectElement).value)}>
            ${types.map((t) => html`<option value=${t.id} ?selected=${t.id === draft.defaultProfileTypeId}>${t.name}</option>`)}
          </select>
          ${errors.defaultProfileTypeId ? html`<div class="field-error">${errors.defaultProfileTypeId}</div>` : nothing}
          <div id="default-profile-type-hint" class="hint">${msg('The type of the profile created at registration, and preselected when a user adds one.')}</div>
        </div>`
      : nothing}
    <div class="field">
      <label for="profile-limit">${msg('Limit number of profiles (0 = no limit)')}</label>
      <input
        id="profile-limit"
        name="profileLimit"
        type="number"
        inputmode="numeric"
        min="0"
        step="1"
        .value=${String(draft.profileLimit ?? 0)}
        aria-invalid=${errors.profileLimit ? 'true' : 'false'}
        aria-describedby="profile-limit-hint"
        @input=${(e: Event) => set('profileLimit', Number((e.target as HTMLInputElement).value))}
      />
      ${errors.profileLimit ? html`<div class="field-error">${errors.profileLimit}</div>` : nothing}
      <div id="profile-limit-hint" class="hint">${msg('How many profiles one account may hold. Accounts above a lowered limit keep theirs but cannot add more.')}</div>
    </div>`;
}
