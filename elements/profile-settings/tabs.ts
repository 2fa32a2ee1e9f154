import { msg } from '@lit/localize';
import { ApiError, read, type ApiClient } from '../api/client';
import type { SignedInUser } from '../internal/context';

/** One tab of the settings page and the elements it holds, in order. */
export interface SettingsTab {
  id: string;
  label: () => string;
  /** Tag names of the elements shown in the panel. */
  elements: string[];
  /**
   * Imports the panel's elements (each registers itself): called when the tab is first shown or
   * pointed at, so the page's first load carries no tab's code.
   */
  load: () => Promise<unknown>;
  /** Shown only when this returns true (e.g. admins only). */
  visible?: (user: SignedInUser) => boolean;
  /**
   * Asked once per signed-in user before the tab is shown: whether the server offers what the tab
   * holds. The tab stays out of the list until this says yes (unless it is the tab being opened);
   * a rejection (server unreachable) shows the tab, whose element then explains the error.
   */
  available?: (api: ApiClient) => Promise<boolean>;
  /**
   * The panel's one element titles its card with the tab's own name: the panel then shows no
   * heading of its own, so the name is said once (the panel is still labelled by its tab).
   */
  titledByElement?: true;
}

/** The host configured a `billing` hook and it has a summary for this user. */
async function billingAvailable(api: ApiClient): Promise<boolean> {
  try {
    return (await read(api.billing.$get())).available !== false;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'billing_unavailable') return false;
    throw error;
  }
}

/** A provider is configured, or the user still has an account connected (to be able to disconnect it). */
async function connectedAccountsAvailable(api: ApiClient): Promise<boolean> {
  const { accounts } = await read(api['connected-accounts'].$get());
  return accounts.some((a) => a.available || a.connected);
}

/** The tabs of seed 001, in its order. */
export const SETTINGS_TABS: SettingsTab[] = [
  {
    id: 'profile',
    label: () => msg('Profile'),
    elements: ['profile-switcher', 'profile-form'],
    load: () => Promise.all([import('../profile-switcher/profile-switcher'), import('../profile-form/profile-form')]),
  },
  {
    id: 'security',
    label: () => msg('Security'),
    elements: ['change-password', 'user-passkeys', 'two-factor-setup', 'trusted-devices', 'login-sessions'],
    load: () => Promise.all([import('../change-password/change-password'), import('../user-passkeys/user-passkeys'), import('../two-factor-setup/two-factor-setup'), import('../trusted-devices/trusted-devices'), import('../login-sessions/login-sessions')]),
  },
  { id: 'contacts', label: () => msg('Contacts'), elements: ['user-contacts'], load: () => import('../user-contacts/user-contacts') },
  {
    id: 'notifications',
    label: () => msg('Notifications & Privacy'),
    elements: ['notification-settings', 'privacy-settings'],
    load: () => Promise.all([import('../notification-settings/notification-settings'), import('../privacy-settings/privacy-settings')]),
  },
  { id: 'connected', label: () => msg('Connected accounts'), elements: ['connected-accounts'], load: () => import('../connected-accounts/connected-accounts'), available: connectedAccountsAvailable, titledByElement: true },
  { id: 'preferences', label: () => msg('Preferences'), elements: ['account-preferences'], load: () => import('../account-preferences/account-preferences') },
  { id: 'billing', label: () => msg('Billing'), elements: ['billing-summary'], load: () => import('../billing-summary/billing-summary'), available: billingAvailable },
  { id: 'admin', label: () => msg('Admin'), elements: ['account-policy', 'user-admin', 'admin-audit'],
    load: () => Promise.all([import('../account-policy/account-policy'), import('../user-admin/user-admin'), import('../admin-audit/admin-audit')]),
    visible: (user) => user.role === 'admin' },
];
