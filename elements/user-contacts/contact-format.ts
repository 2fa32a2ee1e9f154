import { msg } from '@lit/localize';
import type { Contact, ContactChannel, ContactProvider, ContactStatus } from '../api/types';
import { formatPhone, loadPhoneNumbers, phoneParser } from '../internal/phone';

export { loadPhoneNumbers };

/** Display order of the groups. */
export const CHANNELS: ContactChannel[] = ['call', 'sms', 'whatsapp', 'email'];
/** Which providers carry which channel (the server holds the same table and has the last word). */
export const CHANNEL_PROVIDERS: Record<ContactChannel, ContactProvider[]> = {
  sms: ['twilio', 'ringcentral'],
  call: ['twilio', 'ringcentral'],
  whatsapp: ['twilio'],
  email: ['mailgun'],
};

export const channelName = (c: ContactChannel) => ({ sms: msg('SMS'), call: msg('Call'), whatsapp: msg('WhatsApp'), email: msg('Email') })[c];
export const providerName = (p: ContactProvider) => ({ twilio: 'Twilio', ringcentral: 'RingCentral', mailgun: 'Mailgun' })[p];
export const statusName = (s: ContactStatus) => ({ active: msg('Active'), pending: msg('Pending'), disabled: msg('Disabled') })[s];

/** A contact as people read it: phone numbers in the kit's one format (`+1 415 555 2671`), emails as they are. */
export function shown(c: Pick<Contact, 'channel' | 'value'>): string {
  return c.channel === 'email' ? c.value : formatPhone(c.value);
}

/** The problem with a contact value as typed, or null when it looks right (the server has the last word). */
export function valueProblem(channel: ContactChannel, value: string): string | null {
  const v = value.trim();
  if (!v) return channel === 'email' ? msg('Enter an email address.') : msg('Enter a phone number.');
  if (channel === 'email') return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v) ? null : msg('Enter an email address like name@example.com.');
  if (!v.startsWith('+')) return msg('Start with + and the country code, e.g. +1 415 555 2671.');
  if (/[^\d\s().+-]/.test(v)) return msg('Use digits only (spaces, dashes and brackets are fine).');
  const parse = phoneParser();
  if (!parse) return null;
  return parse(v)?.isValid() ? null : msg('This is not a complete phone number for its country yet.');
}

/** How a verification code reaches this contact, for "We sent a 6-digit code …". */
export function deliveryWay(c: Contact): string {
  if (c.channel === 'email') return msg('by email');
  if (c.channel === 'call') return c.provider === 'twilio' ? msg('by a phone call that reads it out') : msg('by text message');
  return c.channel === 'whatsapp' ? msg('on WhatsApp') : msg('by text message');
}
