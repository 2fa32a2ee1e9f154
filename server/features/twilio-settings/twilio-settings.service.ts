import { eq } from 'drizzle-orm';
import type { Deps, SessionUser, SettingsOptions } from '../../context';
import type { Db } from '../../db/client';
import { Secrets } from '../../lib/crypto';
import { invalidField } from '../../lib/errors';
import { TwilioProvider } from '../../providers/twilio';
import { recordAudit } from '../audit/audit.service';
import type { SmsMessage, SmsProvider } from '../../providers/types';
import { twilioSettings } from './twilio-settings.table';

const ROW = 'default';
const tokenContext = `twilio_settings:${ROW}`;

declare module '../../context' {
  interface SettingsOptions {
    /**
     * Where Twilio clients built from the admin's settings (GET/PUT /admin/twilio) send requests,
     * e.g. a local fake in tests. Default: Twilio's API.
     */
    twilioBaseUrl?: string;
  }
}

export interface TwilioSettingsView {
  accountSid: string | null;
  /** Masked (`••••1234`), never the token. */
  authToken: string | null;
  fromNumber: string | null;
  /** Where the sending credentials come from: the admin's settings win over the environment. */
  source: 'database' | 'environment' | 'none';
  updatedAt: string | null;
}

export const maskToken = (token: string) => `••••${token.slice(-4)}`;

/** GET /admin/twilio. */
export async function readTwilioSettings(deps: Deps): Promise<TwilioSettingsView> {
  const [row] = await deps.db.select().from(twilioSettings).where(eq(twilioSettings.id, ROW));
  if (row) {
    const token = deps.secrets.decrypt(row.authToken, tokenContext);
    return { accountSid: row.accountSid, authToken: maskToken(token), fromNumber: row.fromNumber, source: 'database', updatedAt: row.updatedAt.toISOString() };
  }
  const env = envTwilio(deps.options);
  if (env) return { accountSid: env.client.accountSid ?? null, authToken: '••••', fromNumber: env.from, source: 'environment', updatedAt: null };
  return { accountSid: null, authToken: null, fromNumber: null, source: 'none', updatedAt: null };
}

/**
 * What the audit log keeps of the saved account: the SID and the number, never the auth token (not
 * even masked); `credentials` says whether this save replaced the token or kept the stored one.
 */
const auditView = (row: { accountSid: string; fromNumber: string }) => ({ accountSid: row.accountSid, fromNumber: row.fromNumber });

/**
 * PUT /admin/twilio: the token may be left out to keep the stored one (it is write-only). The row is
 * locked, saved and the change logged in the audit log in one transaction; a save that changes
 * nothing logs nothing.
 */
export async function writeTwilioSettings(deps: Deps, admin: Pick<SessionUser, 'id' | 'email'>, input: { accountSid: string; authToken?: string; fromNumber: string }) {
  await deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(twilioSettings).where(eq(twilioSettings.id, ROW)).for('update');
    const stored = existing ? deps.secrets.decrypt(existing.authToken, tokenContext) : null;
    const token = input.authToken ?? stored;
    if (!token) throw invalidField('authToken', 'Enter the auth token from the Twilio console.');
    const values = { accountSid: input.accountSid, authToken: deps.secrets.encrypt(token, tokenContext), fromNumber: input.fromNumber, updatedAt: deps.clock.now(), updatedBy: admin.id };
    await tx
      .insert(twilioSettings)
      .values({ id: ROW, ...values })
      .onConflictDoUpdate({ target: twilioSettings.id, set: values });
    const replaced = token !== stored;
    if (existing && !replaced && existing.accountSid === input.accountSid && existing.fromNumber === input.fromNumber) return;
    await recordAudit(deps, tx, admin, {
      action: 'twilio.update',
      targetType: 'twilio',
      targetId: ROW,
      before: existing ? auditView(existing) : null,
      after: { ...auditView(input), credentials: replaced ? 'replaced' : 'kept' },
    });
  });
  return readTwilioSettings(deps);
}

/** DELETE /admin/twilio: back to the environment's credentials (or the outbox); logged when a row went. */
export async function clearTwilioSettings(deps: Deps, admin: Pick<SessionUser, 'id' | 'email'>) {
  await deps.db.transaction(async (tx) => {
    const [removed] = await tx.delete(twilioSettings).where(eq(twilioSettings.id, ROW)).returning();
    if (!removed) return;
    await recordAudit(deps, tx, admin, { action: 'twilio.delete', targetType: 'twilio', targetId: ROW, before: auditView(removed), after: null });
  });
  return readTwilioSettings(deps);
}

/** The Twilio client configured by the environment (main.ts puts it in `options.sms`). */
function envTwilio(options: SettingsOptions): TwilioProvider | null {
  return options.sms instanceof TwilioProvider ? options.sms : null;
}

/**
 * The Twilio account to send with: the admin's settings when saved, else the environment's, else
 * null (messages go to the outbox).
 */
export async function resolveTwilio(db: Db, secrets: Secrets, options: SettingsOptions): Promise<TwilioProvider | null> {
  const [row] = await db.select().from(twilioSettings).where(eq(twilioSettings.id, ROW));
  if (row) {
    return new TwilioProvider({
      accountSid: row.accountSid,
      authToken: secrets.decrypt(row.authToken, tokenContext),
      from: row.fromNumber,
      baseUrl: options.twilioBaseUrl,
    });
  }
  return envTwilio(options);
}

export const twilioFor = (deps: Deps) => resolveTwilio(deps.db, deps.secrets, deps.options);

/**
 * The app's SMS provider (two-factor codes, phone confirmation, recovery): Twilio from the admin's
 * settings when saved, else `fallback` (the environment's Twilio, a host's provider, or the outbox).
 */
export class TwilioSettingsSms implements SmsProvider {
  readonly name = 'twilio-settings';
  readonly #secrets: Secrets;
  constructor(
    private readonly db: Db,
    private readonly options: SettingsOptions,
    readonly fallback: SmsProvider,
  ) {
    this.#secrets = new Secrets(options.secret);
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const twilio = await resolveTwilio(this.db, this.#secrets, this.options);
    return (twilio ?? this.fallback).send(message);
  }
}
