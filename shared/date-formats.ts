/**
 * Named date formats users choose from (seed 001 "Preferences"), rendered through Intl.DateTimeFormat.
 * Shared by the server (validation of PUT /preferences) and the elements (rendering, the preview):
 * plain data, no imports, safe in both bundles.
 */
export const DATE_FORMATS = {
  medium: { label: 'Jan 5, 2026', dateStyle: 'medium', locale: 'en-US' },
  long: { label: 'January 5, 2026', dateStyle: 'long', locale: 'en-US' },
  us: { label: '01/05/2026', year: 'numeric', month: '2-digit', day: '2-digit', locale: 'en-US' },
  eu: { label: '05/01/2026', year: 'numeric', month: '2-digit', day: '2-digit', locale: 'en-GB' },
  iso: { label: '2026-01-05', year: 'numeric', month: '2-digit', day: '2-digit', locale: 'sv-SE' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions & { label: string; locale?: string }>;

export type DateFormatName = keyof typeof DATE_FORMATS;

/** The names, in display order. */
export const DATE_FORMAT_NAMES = Object.keys(DATE_FORMATS) as [DateFormatName, ...DateFormatName[]];

export const THEMES = ['light', 'dark', 'system'] as const;
export const TIME_FORMATS = ['12h', '24h'] as const;
