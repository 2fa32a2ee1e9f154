import { newId } from '../lib/crypto';
import type { Clock } from '../lib/clock';
import type { Db } from '../db/client';
import { outbox } from '../features/outbox/outbox.table';
import type { MailMessage, MailProvider, SmsMessage, SmsProvider } from './types';

/** Stores every message in the `outbox` table and logs one line, instead of sending it. */
export class OutboxProvider implements MailProvider, SmsProvider {
  readonly name = 'outbox';
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async send(message: MailMessage | SmsMessage): Promise<{ id: string }> {
    const id = newId();
    const isMail = 'subject' in message;
    const kind = isMail ? 'email' : (message.channel ?? 'sms');
    await this.db.insert(outbox).values({
      id,
      kind,
      to: message.to,
      subject: isMail ? message.subject : null,
      body: isMail ? message.text : message.body,
      meta: isMail && message.category ? { category: message.category } : null,
      createdAt: this.clock.now(),
    });
    this.log(`[outbox] ${kind} to ${message.to}: ${isMail ? message.subject : message.body}`);
    return { id };
  }
}
