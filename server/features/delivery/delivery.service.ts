import { and, count, eq, min } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../lib/crypto';
import type { MailMessage, MailProvider, SmsMessage, SmsProvider } from '../../providers/types';
import { deliveries } from './delivery.table';
import { takeQuota, tryTakeQuota, type QuotaSubject } from './quota';

/** What a contact's own provider delivers (features/contacts): a text, a subject for mail, what a call says. */
export interface ContactDelivery {
  contact: { id: string; channel: 'sms' | 'call' | 'whatsapp' | 'email'; provider: 'twilio' | 'ringcentral' | 'mailgun'; value: string };
  subject: string;
  text: string;
  speech: string;
  /** RingCentral call contacts: a verification code goes as a text from the number instead of a RingOut. */
  purpose: 'code' | 'test';
}

/** A queued message and the route the worker sends it by. */
export type DeliveryPayload =
  | { route: 'mail'; message: MailMessage }
  | { route: 'sms'; message: SmsMessage }
  | { route: 'contact'; delivery: ContactDelivery };

export type DeliveryKind = 'email' | 'sms' | 'whatsapp' | 'call';

export function kindOf(payload: DeliveryPayload): DeliveryKind {
  if (payload.route === 'mail') return 'email';
  if (payload.route === 'sms') return payload.message.channel ?? 'sms';
  return payload.delivery.contact.channel === 'email' ? 'email' : payload.delivery.contact.channel;
}

export function destinationOf(payload: DeliveryPayload): string {
  return payload.route === 'contact' ? payload.delivery.contact.value : payload.message.to;
}

/** `a•••@example.com`, `+141•••••71`: enough to tell messages apart in a log, not to reach anyone. */
export function maskDestination(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to.slice(0, 1)}•••${to.slice(at)}`;
  return `${to.slice(0, Math.min(4, Math.max(0, to.length - 4)))}•••••${to.slice(-2)}`;
}

const payloadContext = (id: string) => `delivery:${id}`;
export const sealPayload = (deps: Pick<Deps, 'secrets'>, id: string, payload: DeliveryPayload) => deps.secrets.encrypt(JSON.stringify(payload), payloadContext(id));
export const openPayload = (deps: Pick<Deps, 'secrets'>, id: string, sealed: string) => JSON.parse(deps.secrets.decrypt(sealed, payloadContext(id))) as DeliveryPayload;

export interface EnqueueOptions {
  /** The account the message is for. */
  userId?: string | null;
  /**
   * `take` (default): count against the quotas of the destination and the user, or throw 429.
   * `none`: security notices about the account itself, which the quotas do not hold back.
   */
  quota?: 'take' | 'none';
}

/**
 * Writes one message to the queue inside `tx`, the transaction that decided to send it: the message
 * goes if and only if that transaction commits. Call `kick(deps)` after the commit so this instance
 * sends it at once; any instance's poll would find it otherwise.
 */
export async function enqueue(deps: Deps, tx: Db | Tx, payload: DeliveryPayload, options: EnqueueOptions = {}): Promise<{ id: string }> {
  if ((options.quota ?? 'take') === 'take') await takeQuota(deps, tx, { destination: destinationOf(payload), userId: options.userId });
  return insertDelivery(deps, tx, payload, options.userId);
}

/**
 * As `enqueue`, but a refused quota queues nothing and answers false instead of throwing, for flows
 * whose answer must not tell anything (password recovery, new-sign-in alerts).
 */
export async function enqueueIfAllowed(deps: Deps, tx: Db | Tx, payload: DeliveryPayload, options: { userId?: string | null } = {}): Promise<boolean> {
  const subject: QuotaSubject = { destination: destinationOf(payload), userId: options.userId };
  if ((await tryTakeQuota(deps, tx, subject)) !== true) return false;
  await insertDelivery(deps, tx, payload, options.userId);
  return true;
}

async function insertDelivery(deps: Deps, tx: Db | Tx, payload: DeliveryPayload, userId?: string | null) {
  const id = newId();
  const now = deps.clock.now();
  await tx.insert(deliveries).values({
    id,
    kind: kindOf(payload),
    toMasked: maskDestination(destinationOf(payload)),
    userId: userId ?? null,
    payload: sealPayload(deps, id, payload),
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  });
  return { id };
}

/** Wakes this instance's worker (after the transaction that queued something committed). */
export const kick = (deps: Deps) => deps.kickDelivery?.();

/** Queues one message in its own transaction and wakes the worker. */
export async function enqueueNow(deps: Deps, payload: DeliveryPayload, options: EnqueueOptions = {}) {
  const queued = await deps.db.transaction((tx) => enqueue(deps, tx, payload, options));
  kick(deps);
  return queued;
}

/**
 * `deps.mail` and `deps.sms`: every feature that "sends" queues instead, so no request waits on a
 * provider. These are notices about the account itself (password changed, 2FA on, …), which pass
 * the quotas; flows that send on request (codes, links, alerts) call `enqueue` with a quota.
 */
export class QueuedMail implements MailProvider {
  readonly name = 'queue';
  constructor(private readonly deps: () => Deps) {}
  send(message: MailMessage) {
    return enqueueNow(this.deps(), { route: 'mail', message }, { quota: 'none' });
  }
}

export class QueuedSms implements SmsProvider {
  readonly name = 'queue';
  constructor(private readonly deps: () => Deps) {}
  send(message: SmsMessage) {
    return enqueueNow(this.deps(), { route: 'sms', message }, { quota: 'none' });
  }
}

/** The unsent part of the queue, for the health endpoint: how many, and the age of the oldest. */
export async function deliveryBacklog(db: Db, now: Date = new Date()): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const [row] = await db.select({ pending: count(), oldest: min(deliveries.createdAt) }).from(deliveries).where(and(eq(deliveries.status, 'pending')));
  const oldest = row?.oldest ? new Date(row.oldest as unknown as string) : null;
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null };
}
