import { and, eq, lt, sql } from 'drizzle-orm';
import type { Deps, SessionUser } from '../../context';
import { MINUTE, SECOND } from '../../lib/clock';
import { newId, randomDigits } from '../../lib/crypto';
import { AppError, conflict, tooManyRequests } from '../../lib/errors';
import { OutboxProvider } from '../../providers/outbox';
import { throttleKey, underLockout } from '../accounts/lockout';
import { outbox } from '../outbox/outbox.table';
import { ringcentralConfig, withRingCentral } from '../ringcentral/ringcentral.service';
import { twilioFor } from '../twilio-settings/twilio-settings.service';
import { claimTestSlot, contactView, deliveryFailed, ownContact, releaseTestSlot, type Channel, type ContactView } from './contacts.service';
import { contactCodes, contacts } from './contacts.table';

/** SECURITY.md 14: 6 digits, ≤ 10 minutes, ≤ 5 tries, resend throttled. */
export const CODE_TTL_MS = 10 * MINUTE;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_AFTER_MS = 30 * SECOND;

type ContactRow = typeof contacts.$inferSelect;

/** What to deliver: a text for text channels and email, and what a voice call says. */
interface Delivery {
  subject: string;
  text: string;
  /** Spoken on a Twilio call. */
  speech: string;
  /** RingCentral call contacts: a verification code goes as a text from the number instead of a RingOut. */
  purpose: 'code' | 'test';
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const twiml = (speech: string) => `<Response><Say voice="alice">${escapeXml(speech)}</Say><Pause length="1"/><Say voice="alice">${escapeXml(speech)}</Say></Response>`;

/**
 * Sends through the contact's own provider: Twilio (SMS, WhatsApp, a call with inline TwiML),
 * RingCentral (SMS or RingOut with the user's registered tokens), Mailgun (the app's mail provider).
 * Twilio without credentials, and mail without a provider, go to the outbox.
 */
async function deliver(deps: Deps, contact: ContactRow, delivery: Delivery): Promise<{ id: string }> {
  const channel = contact.channel as Channel;
  const to = contact.value;
  if (contact.provider === 'ringcentral') {
    const ringOut = channel === 'call' && delivery.purpose === 'test';
    const sent = await withRingCentral(deps, contact.id, (rc, tokens, onRefresh) =>
      ringOut ? rc.ringOut(tokens, { from: to, to, playPrompt: true }, onRefresh) : rc.sendSms(tokens, { from: to, to, text: delivery.text }, onRefresh),
    );
    // The demo's RingCentral is a local sandbox: keep a copy in the outbox so the code can be read there.
    if (ringcentralConfig(deps)?.sandbox && !deps.production) {
      const body = ringOut ? `[RingCentral sandbox] RingOut call from ${to} to ${to}` : `[RingCentral sandbox] ${delivery.text}`;
      await deps.db.insert(outbox).values({ id: newId(), kind: ringOut ? 'call' : 'sms', to, subject: null, body, meta: { provider: 'ringcentral', sandbox: true }, createdAt: deps.clock.now() });
    }
    return sent;
  }
  if (contact.provider === 'mailgun') return deps.mail.send({ to, subject: delivery.subject, text: delivery.text, category: 'security' });
  const twilio = await twilioFor(deps);
  if (channel === 'call') {
    if (twilio) return twilio.call(to, twiml(delivery.speech));
    const id = newId();
    await deps.db.insert(outbox).values({ id, kind: 'call', to, subject: null, body: delivery.speech, meta: null, createdAt: deps.clock.now() });
    deps.log(`[outbox] call to ${to}: ${delivery.speech}`);
    return { id };
  }
  const message = { to, body: delivery.text, channel: channel === 'whatsapp' ? ('whatsapp' as const) : ('sms' as const) };
  return (twilio ?? new OutboxProvider(deps.db, deps.clock, deps.log)).send(message);
}

async function deliverOrFail(deps: Deps, contact: ContactRow, delivery: Delivery) {
  try {
    return await deliver(deps, contact, delivery);
  } catch (error) {
    if (error instanceof AppError) throw error;
    deps.log(`[error] ${contact.provider} ${contact.channel} delivery: ${error instanceof Error ? error.message : String(error)}`);
    throw deliveryFailed();
  }
}

const codeHash = (deps: Deps, contactId: string, code: string) => deps.secrets.keyedHash(`${contactId}:${code}`, 'contact-code');

/** POST /contacts/:id/verify: a fresh code through the contact's provider (resend throttled). */
export async function sendVerification(deps: Deps, user: SessionUser, id: string) {
  const contact = await ownContact(deps.db, user.id, id);
  if (contact.status === 'active') throw conflict('already_verified', 'This contact is already verified.');
  if (contact.status === 'disabled') throw conflict('contact_disabled', 'This contact is disabled. Set it to pending to verify it.');
  const now = deps.clock.now();
  const code = randomDigits(6);
  const values = { codeHash: codeHash(deps, id, code), attempts: 0, sentAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) };
  const resendBefore = new Date(now.getTime() - CODE_RESEND_AFTER_MS).toISOString();
  const written = await deps.db
    .insert(contactCodes)
    .values({ contactId: id, userId: user.id, ...values })
    .onConflictDoUpdate({ target: contactCodes.contactId, set: values, setWhere: sql`${contactCodes.sentAt} <= ${resendBefore}::timestamptz` })
    .returning({ id: contactCodes.contactId });
  if (!written.length) {
    const [row] = await deps.db.select({ sentAt: contactCodes.sentAt }).from(contactCodes).where(eq(contactCodes.contactId, id));
    const wait = row ? (row.sentAt.getTime() + CODE_RESEND_AFTER_MS - now.getTime()) / 1000 : CODE_RESEND_AFTER_MS / 1000;
    throw tooManyRequests(wait, 'A code was just sent. Wait a moment before asking for another.');
  }
  const spoken = code.split('').join(', ');
  try {
    await deliverOrFail(deps, contact, {
      purpose: 'code',
      subject: `Your ${deps.appName} verification code`,
      text: `${code} is your ${deps.appName} verification code. It expires in 10 minutes.`,
      speech: `Your ${deps.appName} verification code is ${spoken}. Again: ${spoken}.`,
    });
  } catch (error) {
    await deps.db.delete(contactCodes).where(eq(contactCodes.contactId, id));
    throw error;
  }
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
  if (contact.provider === 'ringcentral') {
    const view = await contactView(deps, contact);
    if (!view.registered) {
      throw conflict('ringcentral_not_registered', 'Register this number with RingCentral first: outbound messages and calls through RingCentral need it.');
    }
  }
  if (contact.status === 'disabled') throw conflict('contact_disabled', 'This contact is disabled. Enable it to send a test.');
  if (contact.status !== 'active') throw conflict('contact_not_verified', 'Verify this contact before sending a test.');
  await claimTestSlot(deps, contact);
  const text = message?.trim() || `This is a test from ${deps.appName}: your ${contact.channel === 'email' ? 'email address' : 'number'} works for ${contact.channel === 'call' ? 'calls' : contact.channel === 'sms' ? 'text messages' : contact.channel === 'whatsapp' ? 'WhatsApp' : 'email'}.`;
  try {
    const sent = await deliverOrFail(deps, contact, { purpose: 'test', subject: `Test message from ${deps.appName}`, text, speech: text });
    return { id: sent.id };
  } catch (error) {
    await releaseTestSlot(deps, id);
    throw error;
  }
}
