// settings-kit: every element. The page's first screens register on import: <settings-provider>,
// <profile-settings> with <sign-in-form> (and its <two-factor-challenge>), <oauth-sign-in>, <forgot-password> and
// <account-confirmation>. Every other element registers the moment the page uses it — an element
// in the document (autoload), or a tab of <profile-settings> that opens — so the first load carries
// none of their code. `import 'settings-kit/elements/<tag>'` registers one element at once.
import { autoload } from './internal/autoload';

export { createApiClient, ApiError, read, type ApiClient } from './api/client';
export { apiContext, settingsContext } from './internal/context';
export { defineElement } from './internal/define';
export { getLocale, setLocale } from './locales/localization';
export { SettingsProvider } from './settings-provider/settings-provider';
export { SignInForm } from './sign-in-form/sign-in-form';
export { TwoFactorChallenge } from './two-factor-challenge/two-factor-challenge';
export { ProfileSettings } from './profile-settings/profile-settings';
export { AccountConfirmation } from './account-confirmation/account-confirmation';
export { ForgotPassword } from './forgot-password/forgot-password';
export { OauthSignIn } from './oauth-sign-in/oauth-sign-in';
export { FirstProfile } from './first-profile/first-profile';
// Types only here (the classes are in settings-kit/elements/<tag>): importing them as values would
// put their code in the first load.
export type { TwoFactorSetup } from './two-factor-setup/two-factor-setup';
export type { AccountPolicy } from './account-policy/account-policy';
export type { UserAdmin } from './user-admin/user-admin';
export type { NotificationSettings } from './notification-settings/notification-settings';
export type { PrivacySettings } from './privacy-settings/privacy-settings';
export type { AccountPreferences } from './account-preferences/account-preferences';
export type { ConnectedAccounts } from './connected-accounts/connected-accounts';
export type { BillingSummary } from './billing-summary/billing-summary';
export type { UserContacts } from './user-contacts/user-contacts';
export type { LoginSessions } from './login-sessions/login-sessions';
export type { ActiveSessions } from './active-sessions/active-sessions';
export type { LoginActivity } from './login-activity/login-activity';
export type { ProfileForm } from './profile-form/profile-form';
export type { ChangePassword } from './change-password/change-password';
export type { AdminAudit } from './admin-audit/admin-audit';
export type { TrustedDevices } from './trusted-devices/trusted-devices';
export type { UserPasskeys } from './user-passkeys/user-passkeys';
export type { EmailChange } from './email-change/email-change';
export type { ProfileSwitcher } from './profile-switcher/profile-switcher';
export type { ProfileTypes } from './profile-types/profile-types';

/** Every element not registered above, imported when the page first uses it. */
export const elementLoaders: Record<string, () => Promise<unknown>> = {
  'two-factor-setup': () => import('./two-factor-setup/two-factor-setup'),
  'account-policy': () => import('./account-policy/account-policy'),
  'user-admin': () => import('./user-admin/user-admin'),
  'notification-settings': () => import('./notification-settings/notification-settings'),
  'privacy-settings': () => import('./privacy-settings/privacy-settings'),
  'account-preferences': () => import('./account-preferences/account-preferences'),
  'connected-accounts': () => import('./connected-accounts/connected-accounts'),
  'billing-summary': () => import('./billing-summary/billing-summary'),
  'user-contacts': () => import('./user-contacts/user-contacts'),
  'login-sessions': () => import('./login-sessions/login-sessions'),
  'active-sessions': () => import('./active-sessions/active-sessions'),
  'login-activity': () => import('./login-activity/login-activity'),
  'profile-form': () => import('./profile-form/profile-form'),
  'change-password': () => import('./change-password/change-password'),
  'admin-audit': () => import('./admin-audit/admin-audit'),
  'trusted-devices': () => import('./trusted-devices/trusted-devices'),
  'user-passkeys': () => import('./user-passkeys/user-passkeys'),
  'email-change': () => import('./email-change/email-change'),
  'profile-switcher': () => import('./profile-switcher/profile-switcher'),
  'profile-types': () => import('./profile-types/profile-types'),
};
autoload(elementLoaders);
