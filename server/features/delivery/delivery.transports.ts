import type { SettingsOptions } from '../../context';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { OutboxProvider } from '../../providers/outbox';
import type { MailMessage, MailProvider, SmsMessage, SmsProvider } from '../../providers/types';
import { NotificationGate } from '../notifications/notifications.service';
import { TwilioSettingsSms } from '../twilio-settings/twilio-settings.service';

/** A failure no retry can cure (no provider, a refused number, an ended registration). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** The variables that configure each channel, named in errors and in the production start-up check. */
export const CHANNEL_VARIABLES = {
  mail: 'MAILGUN_API_KEY, MAILGUN_DOMAIN and MAILGUN_FROM',
  sms: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM',
} as const;

/** Stands in for a channel production has no provider for: every message fails at once, saying why. */
class MissingProvider implements MailProvider, SmsProvider {
  readonly name = 'missing';
  constructor(private readonly channel: keyof typeof CHANNEL_VARIABLES) {}
  async send(_message: MailMessage | SmsMessage): Promise<{ id: string }> {
    throw new PermanentDeliveryError(`no ${this.channel} provider is configured (set ${CHANNEL_VARIABLES[this.channel]})`);
  }
}

/** What the delivery worker sends through: the real providers, never the queue. */
export interface Transports {
  /** The host's or the environment's mail provider (else the outbox), honouring notification settings. */
  mail: MailProvider;
  /** Twilio from the admin's settings, else the environment's or the host's SMS provider (else the outbox). */
  sms: SmsProvider;
  /** The development outbox; null in production, where nothing falls back to it. */
  outbox: OutboxProvider | null;
  requireOutbox(channel: keyof typeof CHANNEL_VARIABLES): OutboxProvider;
}

export function createTransports(options: SettingsOptions, db: Db, clock: Clock, log: (line: string) => void): Transports {
  const production = options.production ?? false;
  const outbox = production ? null : new OutboxProvider(db, clock, log);
  const mail = options.mail ?? outbox ?? new MissingProvider('mail');
  const sms = options.sms ?? outbox ?? new MissingProvider('sms');
  return {
    // Notification categories the user turned off are not sent; security mail always is.
    mail: new NotificationGate(mail, db, log),
    sms: new TwilioSettingsSms(db, options, sms),
    outbox,
    requireOutbox(channel) {
      if (!outbox) throw new PermanentDeliveryError(`no ${channel} provider is configured (set ${CHANNEL_VARIABLES[channel]})`);
      return outbox;
    },
  };
}

/**
 * What production lacks to deliver: a mail provider (password resets, confirmations, security
 * notices) and an SMS provider (two-factor codes, phone confirmation). Production never falls back
 * to the outbox, so main.ts refuses to start while this lists anything.
 */
export function missingProductionProviders(options: Pick<SettingsOptions, 'mail' | 'sms'>): string[] {
  const problems: string[] = [];
  if (!options.mail) problems.push(`No mail provider: set ${CHANNEL_VARIABLES.mail} (email: password resets, confirmations, security notices).`);
  if (!options.sms) problems.push(`No SMS provider: set ${CHANNEL_VARIABLES.sms} (SMS: two-factor codes, phone confirmation, recovery codes).`);
  return problems;
}
