import { DATE_FORMATS as NAMED_DATE_FORMATS } from '../../shared/date-formats';
import type { DisplayPreferences } from './context';

/** Named date formats users choose from (seed 001 "Preferences"); the list lives in shared/date-formats.ts, which the server validates against. */
export const DATE_FORMATS: Record<string, Intl.DateTimeFormatOptions & { label: string; locale?: string }> = NAMED_DATE_FORMATS;

/** Date (and optionally time) in the user's format, timezone and clock. */
export function formatDateTime(value: string | Date, prefs: DisplayPreferences, withTime = true): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const { label: _label, locale, ...dateOptions } = DATE_FORMATS[prefs.dateFormat] ?? DATE_FORMATS.medium!;
  const timeZone = prefs.timezone || undefined;
  const day = new Intl.DateTimeFormat(locale, { ...dateOptions, timeZone }).format(date);
  if (!withTime) return day;
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', hour12: prefs.timeFormat === '12h', timeZone }).format(date);
  return `${day}, ${time}`;
}

/** "3 minutes ago", "in 2 days" — for last-active columns. */
export function relativeTime(value: string | Date, now = Date.now(), locale?: string): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(0, 'second');
}

/** m:ss for countdowns. */
export const formatCountdown = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.max(0, seconds % 60)).padStart(2, '0')}`;

/** A number of minutes as people say it, in the page's language: "7 days", "1 day, 12 hours", "45 minutes". */
export function formatMinutes(minutes: number, locale?: string): string {
  const parts: string[] = [];
  const unit = (n: number, u: 'day' | 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if (rest || !parts.length) parts.push(unit(rest, 'minute'));
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(parts);
}
