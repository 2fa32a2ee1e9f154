import { msg } from '@lit/localize';
import type { SignedInUser } from '../internal/context';

/** One tab of the settings page and the elements it holds, in order. */
export interface SettingsTab {
  id: string;
  label: () => string;
  /** Tag names of the elements shown in the panel. */
  elements: string[];
  /** Shown only when this returns true (e.g. admins only). */
  visible?: (user: SignedInUser) => boolean;
}

/**
 * The tabs of seed 001, in its order. Each element registers itself when its module is imported
 * (elements/index.ts imports them all).
 */
export const SETTINGS_TABS: SettingsTab[] = [
  { id: 'profile', label: () => msg('Profile'), elements: ['profile-form'] },
  { id: 'security', label: () => msg('Security'), elements: ['change-password', 'two-factor-setup', 'trusted-devices', 'login-sessions'] },
  { id: 'contacts', label: () => msg('Contacts'), elements: ['user-contacts'] },
  { id: 'notifications', label: () => msg('Notifications & Privacy'), elements: ['notification-settings', 'privacy-settings'] },
  { id: 'connected', label: () => msg('Connected accounts'), elements: ['connected-accounts'] },
  { id: 'preferences', label: () => msg('Preferences'), elements: ['account-preferences'] },
  { id: 'billing', label: () => msg('Billing'), elements: ['billing-summary'] },
  { id: 'admin', label: () => msg('Admin'), elements: ['account-policy', 'user-admin', 'admin-audit'], visible: (user) => user.role === 'admin' },
];
