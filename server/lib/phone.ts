import type { PhoneNumber } from 'libphonenumber-js';
import { requireOptional } from './optional-import';
import { invalidField } from './errors';

/**
 * libphonenumber-js's `parsePhoneNumberFromString`, loaded at its first use rather than when the
 * server starts (about 110 modules and its metadata: only contacts, phone confirmation, SMS
 * two-factor and profile phones need it). Synchronous, since zod refinements call it.
 */
export function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  return requireOptional<typeof import('libphonenumber-js')>('libphonenumber-js', 'Phone numbers').parsePhoneNumberFromString(text);
}

/** E.164 (`+14155552671`) for a valid number written with its country code, else null. */
export function e164OrNull(text: string): string | null {
  const parsed = parsePhoneNumberFromString(text.trim());
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 for a valid number, or a 400 naming the `phone` field (SMS two-factor, phone confirmation). */
export function requireE164(text: string): string {
  const number = e164OrNull(text);
  if (!number) throw invalidField('phone', 'Enter a valid phone number with its country code, like +14155550100.');
  return number;
}
