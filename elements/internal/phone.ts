import type { parsePhoneNumberFromString as ParsePhoneNumber } from 'libphonenumber-js/min';

/**
 * libphonenumber-js with its metadata (~80 KB) comes with import() when an element that shows
 * numbers first connects, not with the kit: until it arrives numbers show as stored (E.164).
 */
let parse: typeof ParsePhoneNumber | undefined;
let loading: Promise<void> | undefined;
export function loadPhoneNumbers(): Promise<void> {
  loading ??= import('libphonenumber-js/min').then((m) => {
    parse = m.parsePhoneNumberFromString;
  });
  return loading;
}

/** The parser once loaded (for validation), else undefined. */
export const phoneParser = () => parse;

/**
 * One way to show a phone number in the whole kit: international, grouped (`+1 415 555 2671`).
 * A value that does not parse (or before the metadata arrived) shows as stored.
 */
export function formatPhone(value: string): string {
  return parse?.(value)?.formatInternational() ?? value;
}
