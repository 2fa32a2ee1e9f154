import { msg } from '@lit/localize';
import { field } from '../internal/field';
import { inputControl } from '../internal/input-control';

/** Keeps the digits of what was typed or pasted ("123 456", "123-456"), at most `length`. */
export const digitsOnly = (value: string, length = 6) => value.replace(/\D+/g, '').slice(0, length);

/**
 * A one-time-code field: numeric keyboard on phones, the platform's code autofill, paste of a
 * whole code (spaces and dashes dropped), and `onComplete` once all digits are in (auto-submit).
 * Shared by `<two-factor-setup>` and the code step of `<sign-in-form>`.
 */
export function codeFieldTemplate(options: {
  id: string;
  label: string;
  value: string;
  error?: string | null;
  hint?: string;
  disabled?: boolean;
  length?: number;
  onInput: (value: string) => void;
  onComplete?: (value: string) => void;
}) {
  const length = options.length ?? 6;
  return field({
    id: options.id,
    label: options.label,
    hint: options.hint,
    error: options.error,
    class: 'code-field',
    errorRole: 'alert',
    control: inputControl({
      name: 'code',
      part: 'code-input',
      class: 'code',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: `[0-9]{${length}}`,
      enterkeyhint: 'done',
      spellcheck: false,
      size: length + 2,
      value: options.value,
      disabled: options.disabled,
      onInput: (e) => {
        const input = e.target as HTMLInputElement;
        const clean = digitsOnly(input.value, length);
        if (clean !== input.value) input.value = clean;
        options.onInput(clean);
        if (clean.length === length) options.onComplete?.(clean);
      },
    }),
  });
}

/** `ABCD EFGH …`: a base32 key in groups of four for reading aloud or typing. */
export const groupKey = (key: string) => key.replace(/(.{4})(?=.)/g, '$1 ');

/** Message when a code was refused (shared wording). */
export const wrongCodeMessage = () => msg('That code did not work. Check the code and try again.');
