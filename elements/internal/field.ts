import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** The attributes a control needs so its label, hint and error reach assistive technology. */
export interface FieldControl {
  id: string;
  /** `true` while an error shows (the theme gives `[aria-invalid=true]` the danger border). */
  invalid: 'true' | 'false';
  /** Ids of the error and hint, for `aria-describedby` (undefined when there are none). */
  describedBy: string | undefined;
}

export interface FieldOptions {
  id: string;
  label: string | TemplateResult;
  hint?: string | TemplateResult | null;
  error?: string | null;
  /** Renders the input/select/textarea with the given attributes. */
  control: (a: FieldControl) => TemplateResult;
  /** Extra class on the wrapper. */
  class?: string;
  /** `alert`: the error is announced the moment it appears (a code step's wrong code). */
  errorRole?: 'alert';
}

/**
 * One form field, the same in every element: label tied by `for`, the control, its error (ids in
 * `aria-describedby`, `aria-invalid` set, which the theme draws with the danger border) and hint.
 */
export function field(o: FieldOptions) {
  const errorId = o.error ? `${o.id}-error` : undefined;
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return html`<div class="field ${o.class ?? ''}">
    <label for=${o.id}>${o.label}</label>
    ${o.control({ id: o.id, invalid: o.error ? 'true' : 'false', describedBy })}
    ${o.error ? html`<div id=${ifDefined(errorId)} class="field-error" role=${ifDefined(o.errorRole)}>${o.error}</div>` : nothing}
    ${o.hint ? html`<div id=${ifDefined(hintId)} class="hint">${o.hint}</div>` : nothing}
  </div>`;
}
