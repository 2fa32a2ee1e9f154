import { msg } from '@lit/localize';
import { formatMinutes } from '../internal/format';

/**
 * Words for what the audit log stores as keys and raw values (`autoActivate: true → false`,
 * `onlineTimeframeMinutes: 10080`): the names the account policy and user admin show, and values
 * as people say them ("On → Off", "7 days"). A key this list does not know shows as it is.
 */
export function auditActionLabel(action: string): string {
  switch (action) {
    case 'account_policy.update':
      return msg('Account policy changed');
    case 'user.update':
      return msg('Account changed');
    case 'twilio.update':
      return msg('Twilio settings changed');
    case 'twilio.delete':
      return msg('Twilio settings removed');
    case 'delivery.failed':
      return msg('A message could not be delivered');
    case 'profile_type.create':
      return msg('Profile type added');
    case 'profile_type.update':
      return msg('Profile type renamed');
    case 'profile_type.delete':
      return msg('Profile type deleted');
    default:
      return action;
  }
}

export function auditKeyLabel(key: string): string {
  const labels: Record<string, () => string> = {
    onlineTimeframeMinutes: () => msg('Online status timeframe'),
    autoActivate: () => msg('Automatic account activation after creation'),
    activationEmail: () => msg('Enable account activation letter'),
    confirmation: () => msg('Account is confirmed when'),
    requireTwoFactor: () => msg('Require two-factor authentication'),
    twoFactorMethod: () => msg('Second factor required'),
    autoCreateProfile: () => msg('Automatic profile creation from account name'),
    defaultProfileTypeId: () => msg('Default profile type'),
    profileLimit: () => msg('Limit number of profiles (0 = no limit)'),
    role: () => msg('Role'),
    status: () => msg('Status'),
    name: () => msg('Name'),
    accountSid: () => msg('Account SID'),
    fromNumber: () => msg('From number'),
    credentials: () => msg('Auth token'),
    kind: () => msg('Message'),
    to: () => msg('To'),
    attempts: () => msg('Attempts'),
    error: () => msg('Error'),
  };
  return labels[key]?.() ?? key;
}

export function auditValue(key: string, value: unknown, locale?: string): string {
  if (value === null || value === undefined) return msg('(none)');
  if (typeof value === 'boolean') return value ? msg('On') : msg('Off');
  if (key === 'onlineTimeframeMinutes' && typeof value === 'number') return formatMinutes(value, locale);
  if (key === 'profileLimit' && value === 0) return msg('No limit');
  const words: Record<string, () => string> = {
    'confirmation:none': () => msg('No confirmation'),
    'confirmation:email': () => msg('Email is confirmed'),
    'confirmation:phone': () => msg('Phone is confirmed'),
    'confirmation:both': () => msg('Email and phone are confirmed'),
    'twoFactorMethod:any': () => msg('Any method'),
    'twoFactorMethod:sms': () => msg('A text message at every sign-in'),
    'role:admin': () => msg('Administrator'),
    'role:user': () => msg('User'),
    'status:active': () => msg('Active'),
    'status:pending': () => msg('Pending'),
    'status:disabled': () => msg('Suspended'),
    'credentials:replaced': () => msg('Replaced'),
    'credentials:kept': () => msg('Kept'),
  };
  return words[`${key}:${String(value)}`]?.() ?? String(value);
}
