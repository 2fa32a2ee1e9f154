/** An email to one address. `category` lets the notification settings decide whether it goes out. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** `security` mail is always sent; other categories follow the user's notification settings. */
  category?: string;
}

export interface MailProvider {
  readonly name: string;
  send(message: MailMessage): Promise<{ id: string }>;
}

export interface SmsMessage {
  /** E.164 number. */
  to: string;
  body: string;
  /** `sms` (default) or `whatsapp`. */
  channel?: 'sms' | 'whatsapp';
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<{ id: string }>;
}
