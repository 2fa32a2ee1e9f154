import type Mailgun from 'mailgun.js';
import { requireOptional } from '../lib/optional-import';
import type { MailMessage, MailProvider } from './types';

export interface MailgunConfig {
  /** Private API key (`key-…`). */
  apiKey: string;
  /** Sending domain, e.g. `mg.example.com`. */
  domain: string;
  /** Sender, e.g. `Settings Kit <no-reply@mg.example.com>`. */
  from: string;
  /** API base: `https://api.mailgun.net` (default), `https://api.eu.mailgun.net`, or a local fake in tests. */
  url?: string;
  /** Request timeout in milliseconds (default 15 s). */
  timeoutMs?: number;
}

/**
 * Email through Mailgun's HTTP API with the official `mailgun.js` client:
 * `POST {url}/v3/{domain}/messages` (multipart form, Basic `api:key`).
 */
export class MailgunProvider implements MailProvider {
  readonly name = 'mailgun';
  readonly #client: ReturnType<Mailgun['client']>;

  constructor(private readonly config: MailgunConfig) {
    if (!config.apiKey) throw new Error('MAILGUN_API_KEY is required.');
    if (!config.domain) throw new Error('MAILGUN_DOMAIN is required.');
    if (!config.from) throw new Error('MAILGUN_FROM is required.');
    const MailgunSdk = requireOptional<typeof Mailgun>('mailgun.js', 'Mailgun (email)');
    this.#client = new MailgunSdk(FormData).client({
      username: 'api',
      key: config.apiKey,
      url: (config.url ?? 'https://api.mailgun.net').replace(/\/$/, ''),
      timeout: config.timeoutMs ?? 15_000,
    });
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const sent = await this.#client.messages.create(this.config.domain, {
      from: this.config.from,
      to: [message.to],
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.category ? { 'o:tag': [message.category] } : {}),
    });
    return { id: sent.id ?? '' };
  }
}
