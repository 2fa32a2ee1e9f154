import { and, count, eq, ne, sql } from 'drizzle-orm';
import { e164OrNull } from '../../lib/phone';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { SECOND } from '../../lib/clock';
import { newId } from '../../lib/crypto';
import { AppError, conflict, invalidField, isUniqueViolation, notFound, tooManyRequests } from '../../lib/errors';
import { users } from '../accounts/accounts.table';
import { limitsOf } from '../delivery/quota';
import { isRingCentralRegistered, ringcentralConfig, ringcentralRegistrations, revokeRegistration } from '../ringcentral/ringcentral.service';
import { findOwnContact, type ContactRow } from './contacts.lookup';
import { contactCodes, contacts } from './contacts.table';

export const CHANNELS = ['sms', 'call', 'whatsapp', 'email'] as const;
export const PROVIDERS = ['twilio', 'ringcentral', 'mailgun'] as const;
export const STATUSES = ['active', 'pending', 'disabled'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Provider = (typeof PROVIDERS)[number];
export type Status = (typeof STATUSES)[number];

/** Which providers carry which channel (API.md "Contacts"). */
export const CHANNEL_PROVIDERS: Record<Channel, readonly Provider[]> = {
  sms: ['twilio', 'ringcentral'],
  call: ['twilio', 'ringcentral'],
  whatsapp: ['twilio'],
  email: ['mailgun'],
};

export const VALUE_MAX = 254;
/** A test message or call at most this often per contact. */
export const TEST_EVERY_MS = 30 * SECOND;

export interface ContactView {
  id: string;
  channel: Channel;
  provider: Provider;
  value: string;
  status: Status;
  isDefault: boolean;
  /** False only for a RingCentral contact that still needs its OAuth registration. */
  registered: boolean;
  verifiedAt: string | null;
  createdAt: string;
}


const view = (row: ContactRow, registered: boolean): ContactView => ({
  id: row.id,
  channel: row.channel as Channel,
  provider: row.provider as Provider,
  value: row.value,
  status: row.status as Status,
  isDefault: row.isDefault,
  registered: row.provider !== 'ringcentral' || registered,
  verifiedAt: row.verifiedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export const isPhoneChannel = (channel: Channel) => channel !== 'email';

/** E.164 for a phone number written in any common international form, or null. */
export function phoneE164(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\+/.test(trimmed) || trimmed.length > 32) return null;
  return e164OrNull(trimmed);
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The stored form of a contact value, or a 400 naming `value`. */
export function normaliseValue(channel: Channel, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalidField('value', channel === 'email' ? 'Enter an email address.' : 'Enter a phone number.');
  if (channel === 'email') {
    const email = trimmed.toLowerCase();
    if (email.length > VALUE_MAX || !EMAIL.test(email)) throw invalidField('value', 'Enter an email address like name@example.com.');
    return email;
  }
  const e164 = phoneE164(trimmed);
  if (!e164) throw invalidField('value', 'Enter the number in international format with its country code, e.g. +14155552671.');
  return e164;
}

export function checkProvider(channel: Channel, provider: Provider) {
  const allowed = CHANNEL_PROVIDERS[channel];
  if (!allowed.includes(provider)) {
    const names = allowed.map((p) => PROVIDER_NAMES[p]).join(' or ');
    throw invalidField('provider', `${PROVIDER_NAMES[provider]} does not carry ${CHANNEL_NAMES[channel]}; choose ${names}.`);
  }
}

export const PROVIDER_NAMES: Record<Provider, string> = { twilio: 'Twilio', ringcentral: 'RingCentral', mailgun: 'Mailgun' };
export const CHANNEL_NAMES: Record<Channel, string> = { sms: 'SMS', call: 'calls', whatsapp: 'WhatsApp', email: 'email' };

const activeNeedsVerification = () =>
  invalidField('status', 'A contact becomes active by verifying it with a code. Choose pending or disabled.');

/** GET /contacts. */
export async function listContacts(deps: Deps, userId: string): Promise<ContactView[]> {
  const registrations = ringcentralRegistrations(deps.db);
  const rows = await deps.db
    .select({ contact: contacts, registeredAt: registrations.registeredAt })
    .from(contacts)
    .leftJoin(registrations, eq(registrations.contactId, contacts.id))
    .where(eq(contacts.userId, userId))
    .orderBy(contacts.channel, contacts.createdAt, contacts.id);
  return rows.map((r) => view(r.contact, r.registeredAt !== null));
}

/** One of the user's contacts, or 404 (also for another user's contact). */
export async function ownContact(db: Db, userId: string, id: string): Promise<ContactRow> {
  const row = await findOwnContact(db, userId, id);
  if (!row) throw notFound('That contact');
  return row;
}

export async function contactView(deps: Deps, row: ContactRow): Promise<ContactView> {
  return view(row, await isRingCentralRegistered(deps.db, row.id));
}

/**
 * Serialises default switches of one user: a row lock on the user (FOR NO KEY UPDATE does not block
 * inserts that reference the user). With it, "clear the old default, set the new" cannot interleave,
 * across connections and server instances; the partial unique index stays the last word.
 */
async function lockUser(tx: Db, userId: string) {
  await tx.execute(sql`select 1 from ${users} where ${users.id} = ${userId} for no key update`);
}

function translateUnique(error: unknown): never {
  if (isUniqueViolation(error, 'contacts_user_channel_value')) {
    throw conflict('contact_exists', 'You already have this contact for that channel.', { value: 'You already have this contact for that channel.' });
  }
  if (isUniqueViolation(error, 'contacts_one_default')) {
    throw conflict('default_conflict', 'Another default was set at the same moment. Try again.');
  }
  throw error;
}

export interface NewContact {
  channel: Channel;
  provider: Provider;
  value: string;
  status?: Status;
  isDefault?: boolean;
}

const contactLimit = (limit: number) => conflict('contact_limit', `You can keep at most ${limit} contacts. Remove one to add another.`);

/** POST /contacts: starts `pending` (or `disabled`); `active` only by verifying; at most `limits.contactsPerUser`. */
export async function createContact(deps: Deps, userId: string, input: NewContact): Promise<ContactView> {
  checkProvider(input.channel, input.provider);
  const value = normaliseValue(input.channel, input.value);
  if (input.status === 'active') throw activeNeedsVerification();
  const now = deps.clock.now();
  const row: ContactRow = {
    id: newId(),
    userId,
    channel: input.channel,
    provider: input.provider,
    value,
    status: input.status ?? 'pending',
    isDefault: input.isDefault ?? false,
    verifiedAt: null,
    testSentAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      // Every add locks the user's row first, so the count below cannot be passed by two at once.
      await lockUser(tx, userId);
      const limit = limitsOf(deps).contactsPerUser;
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(contacts).where(eq(contacts.userId, userId));
      if (Number(n) >= limit) throw contactLimit(limit);
      if (row.isDefault) {
        await tx.update(contacts).set({ isDefault: false, updatedAt: now }).where(and(eq(contacts.userId, userId), eq(contacts.channel, row.channel), eq(contacts.isDefault, true)));
      }
      await tx.insert(contacts).values(row);
    });
  } catch (error) {
    translateUnique(error);
  }
  return view(row, false);
}

export interface ContactChanges {
  provider?: Provider;
  value?: string;
  status?: Status;
  isDefault?: boolean;
}

/** PATCH /contacts/:id. A new value or provider needs verifying again. */
export async function updateContact(deps: Deps, userId: string, id: string, changes: ContactChanges): Promise<ContactView> {
  const current = await ownContact(deps.db, userId, id);
  const channel = current.channel as Channel;
  const provider = changes.provider ?? (current.provider as Provider);
  checkProvider(channel, provider);
  const value = changes.value === undefined ? current.value : normaliseValue(channel, changes.value);
  const reverify = value !== current.value || provider !== current.provider;
  let status = (changes.status ?? current.status) as Status;
  if (reverify && status === 'active') status = changes.status === 'active' ? 'active' : 'pending';
  if (status === 'active' && (reverify || !current.verifiedAt)) throw activeNeedsVerification();
  const leftRingCentral = current.provider === 'ringcentral' && provider !== 'ringcentral';
  if (leftRingCentral) await revokeRegistration(deps, current.id);
  const now = deps.clock.now();
  let updated: ContactRow | undefined;
  try {
    updated = await deps.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      if (changes.isDefault === true && !current.isDefault) {
        await lockUser(tx, userId);
        await tx.update(contacts).set({ isDefault: false, updatedAt: now }).where(and(eq(contacts.userId, userId), eq(contacts.channel, channel), eq(contacts.isDefault, true), ne(contacts.id, id)));
      }
      const [row] = await tx
        .update(contacts)
        .set({
          provider,
          value,
          status,
          ...(changes.isDefault === undefined ? {} : { isDefault: changes.isDefault }),
          ...(reverify ? { verifiedAt: null } : {}),
          updatedAt: now,
        })
        .where(and(eq(contacts.id, id), eq(contacts.userId, userId)))
        .returning();
      return row;
    });
  } catch (error) {
    translateUnique(error);
  }
  if (!updated) throw notFound('That contact');
  if (reverify) await deps.db.delete(contactCodes).where(eq(contactCodes.contactId, id));
  return contactView(deps, updated);
}

/**
 * DELETE /contacts/:id: a RingCentral registration is revoked at RingCentral first. Deleting a
 * channel's default promotes the next contact of that channel (active before pending before
 * disabled, then the oldest), so a channel with contacts always has its one default. The delete and
 * the promotion are one transaction under the user's row lock: two deletes at once cannot each
 * promote a different contact.
 */
export async function deleteContact(deps: Deps, userId: string, id: string): Promise<void> {
  const current = await ownContact(deps.db, userId, id);
  if (current.provider === 'ringcentral') await revokeRegistration(deps, current.id);
  await deps.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await lockUser(tx, userId);
    const [gone] = await tx
      .delete(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.userId, userId)))
      .returning({ channel: contacts.channel, isDefault: contacts.isDefault });
    if (!gone?.isDefault) return;
    const [next] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.userId, userId), eq(contacts.channel, gone.channel)))
      .orderBy(sql`case ${contacts.status} when 'active' then 0 when 'pending' then 1 else 2 end`, contacts.createdAt, contacts.id)
      .limit(1);
    if (next) await tx.update(contacts).set({ isDefault: true, updatedAt: deps.clock.now() }).where(eq(contacts.id, next.id));
  });
}

/** Claims the test slot of a contact in one statement (30 s apart), or 429. */
export async function claimTestSlot(deps: Deps, contact: ContactRow) {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - TEST_EVERY_MS).toISOString();
  const claimed = await deps.db
    .update(contacts)
    .set({ testSentAt: now })
    .where(and(eq(contacts.id, contact.id), sql`(${contacts.testSentAt} is null or ${contacts.testSentAt} <= ${before}::timestamptz)`))
    .returning({ id: contacts.id });
  if (!claimed.length) {
    const wait = contact.testSentAt ? (contact.testSentAt.getTime() + TEST_EVERY_MS - now.getTime()) / 1000 : TEST_EVERY_MS / 1000;
    throw tooManyRequests(wait, 'A test was just sent to this contact. Wait a moment before sending another.');
  }
}

export const releaseTestSlot = (deps: Deps, id: string) => deps.db.update(contacts).set({ testSentAt: null }).where(eq(contacts.id, id));

export const ringcentralNotRegistered = () =>
  conflict('ringcentral_not_registered', 'Register this number with RingCentral first: outbound messages and calls through RingCentral need it.');

export const deliveryFailed = () => new AppError(502, 'delivery_failed', 'The provider could not deliver to this contact. Check the contact and try again later.');

/** Shown to the element: is RingCentral registration available, and is it the demo's sandbox. */
export function ringcentralInfo(deps: Deps) {
  const config = ringcentralConfig(deps);
  return { configured: Boolean(config), sandbox: Boolean(config?.sandbox) };
}
