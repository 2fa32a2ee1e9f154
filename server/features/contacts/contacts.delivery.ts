import { and, eq, lt, sql } from 'drizzle-orm';
import type { Deps, SessionUser } from '../../context';
import type { Db, Tx } from '../../db/client';
import { MINUTE, SECOND } from '../../lib/clock';
import { randomDigits } from '../../lib/crypto';
import { AppError, conflict, tooManyRequests } from '../../lib/errors';
import { throttleKey, underLockout } from '../lockout/lockout';
import { enqueue, kick, type ContactDelivery } from '../delivery/delivery.service';
import { claimTestSlot, contactView, ownContact, ringcentralNotRegistered, type Channel, type ContactView } from './contacts.service';
import { contactCodes, contacts } from './contacts.table';

/** SECURITY.md 14: 6 digits, ≤ 10 minutes, ≤ 5 tries, resend throttled. */
export const CODE_TTL_MS = 10 * MINUTE;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_AFTER_MS = 30 * SECOND;

type ContactRow = typeof contacts.$inferSelect;

/** What to deliver: a text for text channels and email, and what a voice call says. */
type Message = Omit<ContactDelivery, 'contact'>;

/**
 * Checks that can be made before queueing answer at once: a RingCentral contact needs its
 * registration. Whether the provider then delivers is the queue's business (retries, audit).
 */
async function checkDeliverable(deps: Deps, contact: ContactRow) {
  if (contact.provider !== 'ringcentral') return;
  const view = await contactView(deps, contact);
  if (!view.registered) throw ringcentralNotRegistered();
}

/** Queues the message for the contact's own provider, counted against the destination's and the user's quotas. */
function queueForContact(deps: Deps, tx: Tx, contact: ContactRow, message: Message) {
  const delivery: ContactDelivery = {
    ...message,
    contact: { id: contact.id, channel: contact.channel as Channel, provider: contact.provider as ContactDelivery['contact']['provider'], value: contact.value },
  };
  return enqueue(deps, tx, { route: 'contact', delivery }, { userId: contact.userId });
}

const codeHash = (deps: Deps, contactId: string, code: string) => deps.secrets.keyedHash(`${contactId}:${code}`, 'contact-code');

/** POST /contacts/:id/verify: a fresh code queued for the contact's provider (resend throttled, quotas taken). */
export async function sendVerification(deps: Deps, user: SessionUser, id: string) {
  const contact = await ownContact(deps.db, user.id, id);
  if (contact.status === 'active') throw conflict('already_verified', 'This contact is already verified.');
  if (contact.status === 'disabled') throw conflict('contact_disabled', 'This contact is disabled. Set it to pending to verify it.');
  await checkDeliverable(deps, contact);
  const now = deps.clock.now();
  const code = randomDigits(6);
  const values = { codeHash: codeHash(deps, id, code), attempts: 0, sentAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) };
  const resendBefore = new Date(now.getTime() - CODE_RESEND_AFTER_MS).toISOString();
  const spoken = code.split('').join(', ');
  // The code, its quota and its message commit together: a refused quota leaves no code behind.
  await deps.db.transaction(async (tx) => {
    const written = await tx
      .insert(contactCodes)
      .values({ contactId: id, userId: user.id, ...values })
      .onConflictDoUpdate({ target: contactCodes.contactId, set: values, setWhere: sql`${contactCodes.sentAt} <= ${resendBefore}::timestamptz` })
      .returning({ id: contactCodes.contactId });
    if (!written.length) {
      const [row] = await tx.select({ sentAt: contactCodes.sentAt }).from(contactCodes).where(eq(contactCodes.contactId, id));
      const wait = row ? (row.sentAt.getTime() + CODE_RESEND_AFTER_MS - now.getTime()) / 1000 : CODE_RESEND_AFTER_MS / 1000;
      throw tooManyRequests(wait, 'A code was just sent. Wait a moment before asking for another.');
    }
    await queueForContact(deps, tx, contact, {
      purpose: 'code',
      subject: `Your ${deps.appName} verification code`,
      text: `${code} is your ${deps.appName} verification code. It expires in 10 minutes.`,
      speech: `Your ${deps.appName} verification code is ${spoken}. Again: ${spoken}.`,
    });
  });
  kick(deps);
  return { expiresAt: values.expiresAt.toISOString(), resendAfterSeconds: CODE_RESEND_AFTER_MS / SECOND };
}

/**
 * POST /contacts/:id/verify/confirm: under the account lockout (5 wrong codes lock like wrong
 * passwords); one attempt is counted atomically first, and a matching code is deleted by one
 * statement so it works once. The contact becomes `active`.
 */
export async function confirmVerification(deps: Deps, user: SessionUser, id: string, code: string): Promise<ContactView> {
  const contact = await ownContact(deps.db, user.id, id);
  if (contact.status === 'active') throw conflict('already_verified', 'This contact is already verified.');
  const judge = async () => {
    const now = deps.clock.now().toISOString();
    const [row] = await deps.db
      .update(contactCodes)
      .set({ attempts: sql`${contactCodes.attempts} + 1` })
      .where(and(eq(contactCodes.contactId, id), lt(contactCodes.attempts, CODE_MAX_ATTEMPTS), sql`${contactCodes.expiresAt} > ${now}::timestamptz`))
      .returning();
    if (!row || !/^\d{6}$/.test(code.trim())) return false;
    if (!deps.secrets.matches(`${id}:${code.trim()}`, 'contact-code', row.codeHash)) return false;
    const used = await deps.db.delete(contactCodes).where(and(eq(contactCodes.contactId, id), eq(contactCodes.codeHash, row.codeHash))).returning({ id: contactCodes.contactId });
    return used.length > 0;
  };
  const ok = await underLockout(deps, throttleKey(deps, user.email), judge);
  if (!ok) {
    throw new AppError(400, 'invalid_code', 'That code is not correct or has expired. Check it, or send a new one.', {
      code: 'That code is not correct or has expired.',
    });
  }
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(contacts)
    .set({ status: 'active', verifiedAt: now, updatedAt: now })
    .where(and(eq(contacts.id, id), eq(contacts.userId, user.id), eq(contacts.value, contact.value)))
    .returning();
  if (!row) throw conflict('contact_changed', 'The contact changed while it was being verified. Send a new code.');
  return contactView(deps, row);
}

/** POST /contacts/:id/test: RingCentral needs registration; only verified (active) contacts; 30 s apart. */
export async function sendTest(deps: Deps, user: SessionUser, id: string, message?: string) {
  const contact = await ownContact(deps.db, user.id, id);
  await checkDeliverable(deps, contact);
  if (contact.status === 'disabled') throw conflict('contact_disabled', 'This contact is disabled. Enable it to send a test.');
  if (contact.status !== 'active') throw conflict('contact_not_verified', 'Verify this contact before sending a test.');
  const text = message?.trim() || `This is a test from ${deps.appName}: your ${contact.channel === 'email' ? 'email address' : 'number'} works for ${contact.channel === 'call' ? 'calls' : contact.channel === 'sms' ? 'text messages' : contact.channel === 'whatsapp' ? 'WhatsApp' : 'email'}.`;
  // The 30-second slot and the quotas are taken with the message: a refusal takes neither.
  const queued = await deps.db.transaction(async (tx) => {
    await claimTestSlot({ ...deps, db: tx as unknown as Db }, contact);
    return queueForContact(deps, tx, contact, { purpose: 'test', subject: `Test message from ${deps.appName}`, text, speech: text });
  });
  kick(deps);
  return { id: queued.id };
}
