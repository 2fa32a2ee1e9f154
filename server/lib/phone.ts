import type { PhoneNumber } from 'libphonenumber-js';
import { requireOptional } from './optional-import';

/**
 * libphonenumber-js's `parsePhoneNumberFromString`, loaded at its first use rather than when the
 * server starts (about 110 modules and its metadata: only contacts, phone confirmation, SMS
 * two-factor and profile phones need it). Synchronous, since zod refinements call it.
 */
export function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  return requireOptional<typeof import('libphonenumber-js')>('libphonenumber-js', 'Phone numbers').parsePhoneNumberFromString(text);
}
