import { newId } from '../lib/crypto';
import type { Clock } from '../lib/clock';
import type { Db } from '../db/client';
import { outbox } from '../features/outbox/outbox.table';
import { maskDestination } from '../features/delivery/delivery.service';
import type { MailMessage, MailProvider, SmsMessage, SmsProvider } from './types';

/**
 * Stores every message in the `outbox` table instead of sending it (development only). The log line
 * names the kind, the masked destination and the id — never the body, which holds codes and links.
 */
export class OutboxProvider implements MailProvider, SmsProvider {
  readonly name = 'outbox';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async send(message: MailMessage | SmsMessage): Promise<{ id: string }> {
    const isMail = 'subject' in message;
    const kind = isMail ? 'email' : (message.channel ?? 'sms');
    return this.#store(kind, message.to, isMail ? message.subject : null, isMail ? message.text : message.body, isMail && message.category ? { category: message.category } : null);
  }

  /** A voice call: what it would say. */
  call(to: string, speech: string, meta: Record<string, unknown> | null = null): Promise<{ id: string }> {
    return this.#store('call', to, null, speech, meta);
  }

  /** A copy of what a sandbox provider sent, kept so the demo can read it. */
  copy(kind: 'sms' | 'call', to: string, body: string, meta: Record<string, unknown>): Promise<{ id: string }> {
    return this.#store(kind, to, null, body, meta);
  }

  async #store(kind: 'email' | 'sms' | 'whatsapp' | 'call', to: string, subject: string | null, body: string, meta: Record<string, unknown> | null) {
    const id = newId();
    await this.db.insert(outbox).values({ id, kind, to, subject, body, meta, createdAt: this.clock.now() });
    this.log(`[outbox] ${kind} to ${maskDestination(to)} (${id})`);
    return { id };
  }
}
