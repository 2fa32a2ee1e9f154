import { html, noChange, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldControl } from './field';

/** The attributes a text-like `<input>` of the kit may carry (each left out when undefined). */
export interface InputAttributes {
  name: string;
  type?: string;
  class?: string;
  part?: string;
  inputmode?: string;
  autocomplete?: string;
  autocapitalize?: string;
  /** `false` for codes and typed confirmations (no red squiggles). */
  spellcheck?: boolean;
  enterkeyhint?: string;
  placeholder?: string;
  pattern?: string;
  maxlength?: number;
  size?: number;
  required?: boolean;
  disabled?: boolean;
  /** The value to show; left as the user typed it when undefined (a re-render does not clear it). */
  value?: string;
  onInput?: (event: InputEvent) => void;
}

/**
 * The `control` of a `field()` for a plain input: the field's id, `aria-invalid` and
 * `aria-describedby` wired in one place, so no element writes them by hand.
 */
export function inputControl(o: InputAttributes) {
  return (a: FieldControl) =>
    html`<input
      id=${a.id}
      name=${o.name}
      type=${o.type ?? 'text'}
      class=${ifDefined(o.class)}
      part=${ifDefined(o.part)}
      inputmode=${ifDefined(o.inputmode)}
      autocomplete=${ifDefined(o.autocomplete)}
      autocapitalize=${ifDefined(o.autocapitalize)}
      spellcheck=${o.spellcheck === undefined ? nothing : String(o.spellcheck)}
      enterkeyhint=${ifDefined(o.enterkeyhint)}
      placeholder=${ifDefined(o.placeholder)}
      pattern=${ifDefined(o.pattern)}
      maxlength=${ifDefined(o.maxlength)}
      size=${ifDefined(o.size)}
      ?required=${o.required}
      ?disabled=${o.disabled}
      .value=${o.value === undefined ? noChange : o.value}
      aria-invalid=${a.invalid}
      aria-describedby=${ifDefined(a.describedBy)}
      @input=${(e: InputEvent) => o.onInput?.(e)}
    />`;
}
