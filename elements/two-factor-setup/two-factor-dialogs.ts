import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { confirmDialogTemplate } from '../internal/confirm-dialog';
import { passwordConfirmationField } from '../internal/password-confirmation';

export type TwoFactorDialog = 'disable' | 'regenerate';

export interface TwoFactorDialogsView {
  open: TwoFactorDialog | null;
  /** Which method "Turn off" is for; undefined turns two-factor authentication off as a whole. */
  method: 'totp' | 'sms' | undefined;
  pending: boolean;
  error: string | null;
  passwordError: string | undefined;
  noPassword: boolean;
  /** The value of the password input with this id ('' when there is none). */
  passwordOf: (id: string) => string;
  onCancel: () => void;
  onDisable: (password: string) => void;
  onRegenerate: (password: string) => void;
}

/** "Turn off …?" and "Get new recovery codes?", each behind the password. */
export function twoFactorDialogsTemplate(v: TwoFactorDialogsView) {
  const password = (which: TwoFactorDialog) =>
    v.open === which ? passwordConfirmationField({ id: `${which}-password`, error: v.passwordError, noPassword: v.noPassword }) : nothing;
  const title =
    v.method === 'totp' ? msg('Turn off the authenticator app?') : v.method === 'sms' ? msg('Turn off text-message codes?') : msg('Turn off two-factor authentication?');
  return html`${confirmDialogTemplate({
    id: 'disable-dialog',
    title,
    body: html`<p>
        ${v.method
          ? msg('Your other method will still protect your account.')
          : msg('Your account will be protected by your password alone. Your recovery codes and trusted devices will stop working.')}
      </p>
      ${password('disable')}`,
    confirmLabel: msg('Turn off'),
    danger: true,
    pending: v.pending,
    error: v.open === 'disable' ? v.error : null,
    onCancel: v.onCancel,
    onConfirm: () => v.onDisable(v.passwordOf('disable-password')),
  })}
  ${confirmDialogTemplate({
    id: 'regenerate-dialog',
    title: msg('Get new recovery codes?'),
    body: html`<p>${msg('Your current recovery codes will stop working at once.')}</p>
      ${password('regenerate')}`,
    confirmLabel: msg('Get new codes'),
    pending: v.pending,
    error: v.open === 'regenerate' ? v.error : null,
    onCancel: v.onCancel,
    onConfirm: () => v.onRegenerate(v.passwordOf('regenerate-password')),
  })}`;
}
