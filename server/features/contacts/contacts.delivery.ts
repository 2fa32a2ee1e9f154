import { and, eq } from 'drizzle-orm';
import type { Deps, SessionUser } from '../../context';
import type { Db, Tx } from '../../db/client';
import { MINUTE, SECOND } from '../../lib/clock';
import { AppError, conflict } from '../../lib/errors';
import { consumeCode, newCode, storeCode } from '../../lib/one-time-codes';
import { throttleKey, underLockout } from '../lockout/lockout';
import { enqueue, kick, type ContactDelivery } from '../delivery/delivery.service';
import { claimTestSlot, contactView, ownContact, ringcentralNotRegistered, type Channel, type ContactView } from './contacts.service';
import { contactCodes, contacts } from './contacts.table';

/** SECURITY.md 14: 6 digits, ≤ 10 minutes, ≤ 5 tries, resend throttled. */
export const CODE_TTL_MS = 10 * MINUTE;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_AFTER_MS = 30 * SECOND;
const CODE_RULES = { table: contactCodes, key: contactCodes.contactId, purpose: 'contact-code', ttlMs: CODE_TTL_MS, maxAttempts: CODE_MAX_ATTEMPTS, resendAfterMs: CODE_RESEND_AFTER_MS };

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


/** POST /contacts/:id/verify: a fresh code queued for the contact's provider (resend throttled, quotas taken). */
export async function sendVerification(deps: Deps, user: SessionUser, id: string) {
  const contact = await ownContact(deps.db, user.id, id);
  if (contact.status === 'active') throw conflict('already_verified', 'This contact is already verified.');
  if (contact.status === 'disabled') throw conflict('contact_disabled', 'This contact is disabled. Set it to pending to verify it.');
  await checkDeliverable(deps, contact);
  const { code, values } = newCode(deps, CODE_RULES, id);
  const spoken = code.split('').join(', ');
  // The code, its quota and its message commit together: a refused quota leaves no code behind.
  await deps.db.transaction(async (tx) => {
    await storeCode(deps, tx, CODE_RULES, id, { insert: { contactId: id, userId: user.id, ...values }, set: values });
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
  const judge = async () => (await consumeCode(deps, CODE_RULES, id, id, code)) !== null;
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
