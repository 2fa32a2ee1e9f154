import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { DATE_FORMAT_NAMES, type DateFormatName, THEMES, TIME_FORMATS } from '../../../shared/date-formats';
import { users } from '../accounts/accounts.table';

export interface Preferences {
  theme: (typeof THEMES)[number];
  compact: boolean;
  dateFormat: DateFormatName;
  timeFormat: (typeof TIME_FORMATS)[number];
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', compact: false, dateFormat: 'medium', timeFormat: '24h' };

/** The stored preferences with defaults for anything missing or no longer valid. */
export function readPreferences(stored: Record<string, unknown> | null | undefined): Preferences {
  const s = stored ?? {};
  return {
    theme: THEMES.includes(s.theme as never) ? (s.theme as Preferences['theme']) : DEFAULT_PREFERENCES.theme,
    compact: typeof s.compact === 'boolean' ? s.compact : DEFAULT_PREFERENCES.compact,
    dateFormat: DATE_FORMAT_NAMES.includes(s.dateFormat as never) ? (s.dateFormat as DateFormatName) : DEFAULT_PREFERENCES.dateFormat,
    timeFormat: TIME_FORMATS.includes(s.timeFormat as never) ? (s.timeFormat as Preferences['timeFormat']) : DEFAULT_PREFERENCES.timeFormat,
  };
}

export async function getPreferences(deps: Pick<Deps, 'db'>, userId: string): Promise<Preferences> {
  const [row] = await deps.db.select({ preferences: users.preferences }).from(users).where(eq(users.id, userId));
  return readPreferences(row?.preferences);
}

/**
 * Stores the preferences in `users.preferences` (jsonb), which `/me` returns so every element can
 * use them. Merged in the database (`||`), so keys other features keep there survive.
 */
export async function putPreferences(deps: Pick<Deps, 'db'>, userId: string, next: Preferences): Promise<Preferences> {
  const value = JSON.stringify(readPreferences(next as unknown as Record<string, unknown>));
  const [row] = await deps.db
    .update(users)
    .set({ preferences: sql`${users.preferences} || ${value}::jsonb` })
    .where(eq(users.id, userId))
    .returning({ preferences: users.preferences });
  return readPreferences(row?.preferences);
}
