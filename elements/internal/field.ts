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

/** A checkbox or radio: the same options, without `errorRole` (its error follows a click, not typing). */
export type CheckFieldOptions = Omit<FieldOptions, 'errorRole'>;

/** The control's attributes, and its error and hint with the ids they point at. */
function described(o: FieldOptions) {
  const errorId = o.error ? `${o.id}-error` : undefined;
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return {
    control: o.control({ id: o.id, invalid: o.error ? 'true' : 'false', describedBy }),
    messages: html`${o.error ? html`<div id=${ifDefined(errorId)} class="field-error" role=${ifDefined(o.errorRole)}>${o.error}</div>` : nothing}
    ${o.hint ? html`<div id=${ifDefined(hintId)} class="hint">${o.hint}</div>` : nothing}`,
  };
}

/**
 * One form field, the same in every element: label tied by `for`, the control, its error (ids in
 * `aria-describedby`, `aria-invalid` set, which the theme draws with the danger border) and hint.
 */
export function field(o: FieldOptions) {
  const { control, messages } = described(o);
  return html`<div class="field ${o.class ?? ''}">
    <label for=${o.id}>${o.label}</label>
    ${control} ${messages}
  </div>`;
}

/**
 * One checkbox or radio, the same in every element: the control first and its label after it (the
 * order people expect for these), then its error and hint under the label, tied to the control by
 * `aria-describedby` like `field()`'s. The theme lays it out (`.check-field`).
 */
export function checkField(o: CheckFieldOptions) {
  const { control, messages } = described(o);
  return html`<div class="check-field ${o.class ?? ''}">
    ${control}
    <label for=${o.id}>${o.label}</label>
    ${messages}
  </div>`;
}
