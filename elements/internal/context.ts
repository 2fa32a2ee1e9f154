import { createContext } from '@lit/context';
import type { ApiClient } from '../api/client';

/** The API client every element uses; provided once by `<settings-provider>` or `<profile-settings>`. */
export const apiContext = createContext<ApiClient>(Symbol.for('settings-kit/api'));

export type Theme = 'light' | 'dark' | 'system';

/** The user's display preferences, shared live by every element on the page. */
export interface DisplayPreferences {
  theme: Theme;
  compact: boolean;
  /** A named date format, e.g. `medium`, `iso`, `us`, `eu`. */
  dateFormat: string;
  timeFormat: '12h' | '24h';
  /** IANA timezone of the user, when set. */
  timezone?: string;
  locale?: string;
}

export const defaultPreferences: DisplayPreferences = { theme: 'system', compact: false, dateFormat: 'medium', timeFormat: '24h' };

/** The signed-in user as `/me` returns it, or null when signed out. */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
  status: string;
  twoFactorEnabled: boolean;
  avatarUrl: string | null;
  preferences: Record<string, unknown>;
  /** `host`: the host's own sign-in supplies this user (API.md "Host identity"). */
  identity?: 'host' | 'kit';
  /** False for a host user: no password to change or confirm; sensitive actions ask the host instead. */
  hasPassword?: boolean;
  [more: string]: unknown;
}

export interface SettingsState {
  user: SignedInUser | null;
  preferences: DisplayPreferences;
  /** The host application's name (`app-name` of `<profile-settings>`), for "managed by …" lines; absent: "your organisation". */
  appName?: string;
  /** Re-reads `/me` (after a change that affects it) and updates every element. */
  refresh(): Promise<void>;
  /** Applies preferences live, before or after saving them. */
  setPreferences(next: Partial<DisplayPreferences>): void;
}

export const settingsContext = createContext<SettingsState>(Symbol.for('settings-kit/state'));
