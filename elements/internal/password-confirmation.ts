import { msg } from '@lit/localize';
import { nothing } from 'lit';
import type { SettingsState } from './context';
import { field } from './field';
import { inputControl } from './input-control';

/**
 * "Enter your password" before a sensitive change (two-factor changes, data export, account
 * deletion): one field, the same in every element, and the rules around it. A user signed in by the
 * host has no password to type: the field goes and the server checks a fresh re-authentication
 * instead (internal/reauthenticate.ts).
 */
export interface PasswordConfirmationOptions {
  id: string;
  /** The server's or the form's complaint about the password, shown at the field. */
  error?: string | null;
  /** Default "Password". */
  label?: string;
  /** True for a host user without a password: nothing is rendered. */
  noPassword?: boolean;
  onInput?: (event: Event) => void;
}

export function passwordConfirmationField(o: PasswordConfirmationOptions) {
  if (o.noPassword) return nothing;
  return field({
    id: o.id,
    label: o.label ?? msg('Password'),
    error: o.error,
    control: inputControl({ name: 'password', type: 'password', autocomplete: 'current-password', required: true, onInput: o.onInput }),
  });
}

/** True for a user signed in by the host, who has no password of their own. */
export const hasNoPassword = (settings: SettingsState | undefined) => settings?.user?.hasPassword === false;

/** The error for an empty password, or null when one was typed (or none is needed). */
export const missingPassword = (password: string, noPassword: boolean) => (password || noPassword ? null : msg('Enter your password.'));

/** The request body part: the password when there is one (a host user sends none). */
export const passwordBody = (password?: string) => (password ? { password } : {});
