import type twilio from 'twilio';
import { requireOptional } from '../lib/optional-import';
import type { SmsMessage, SmsProvider } from './types';

/** `twilio` is an optional peer dependency, loaded when the first Twilio provider is made. */
const loadTwilio = () => requireOptional<typeof twilio>('twilio', 'Twilio (SMS, WhatsApp and calls)');

export interface TwilioCredentials {
  /** `AC…` account SID. */
  accountSid: string;
  authToken: string;
  /** Sender: an E.164 number (or a messaging service's number) that Twilio lets this account use. */
  from: string;
  /**
   * Where the REST API lives, e.g. the URL of a local fake in tests (`http://127.0.0.1:PORT`).
   * Every request the SDK builds for `https://*.twilio.com` goes to this origin instead.
   */
  baseUrl?: string;
  /** A RequestClient of the SDK to use as is (takes precedence over `baseUrl`). */
  httpClient?: InstanceType<typeof twilio.RequestClient>;
  /** Request timeout in milliseconds (default 15 s). */
  timeoutMs?: number;
}

type RequestClientOptions<TData> = import('twilio/lib/base/RequestClient').RequestOptions<TData>;

/** The SDK's RequestClient with every `https://<sub>.twilio.com` URL moved onto `baseUrl`. */
const redirectingRequestClient = (sdk: typeof twilio) => class RedirectingRequestClient extends sdk.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeout: number,
  ) {
    super({ timeout });
  }

  override request<TData>(opts: RequestClientOptions<TData>) {
    const target = new URL(this.baseUrl);
    const uri = new URL(opts.uri);
    uri.protocol = target.protocol;
    uri.host = target.host;
    uri.pathname = target.pathname.replace(/\/$/, '') + uri.pathname;
    return super.request<TData>({ ...opts, uri: uri.toString() });
  }
};

/**
 * SMS and WhatsApp messages (Messages API) and voice calls (Calls API) through the official
 * `twilio` SDK. Errors from Twilio surface as the SDK's RestException (status, code, message).
 */
export class TwilioProvider implements SmsProvider {
  readonly name = 'twilio';
  readonly client: twilio.Twilio;
  readonly from: string;

  constructor(credentials: TwilioCredentials) {
    if (!/^AC[0-9a-zA-Z]{10,}$/.test(credentials.accountSid)) throw new Error('TWILIO_ACCOUNT_SID must start with AC.');
    if (!credentials.authToken) throw new Error('TWILIO_AUTH_TOKEN is required.');
    if (!credentials.from) throw new Error('TWILIO_FROM is required.');
    const timeout = credentials.timeoutMs ?? 15_000;
    const twilio = loadTwilio();
    const httpClient = credentials.httpClient ?? (credentials.baseUrl ? new (redirectingRequestClient(twilio))(credentials.baseUrl, timeout) : undefined);
    this.client = twilio(credentials.accountSid, credentials.authToken, { httpClient, timeout });
    this.from = credentials.from;
  }

  /** Sends an SMS (default) or a WhatsApp message; returns Twilio's message SID. */
  async send(message: SmsMessage): Promise<{ id: string }> {
    const whatsapp = message.channel === 'whatsapp';
    const address = (n: string) => (whatsapp && !n.startsWith('whatsapp:') ? `whatsapp:${n}` : n);
    const sent = await this.client.messages.create({ to: address(message.to), from: address(this.from), body: message.body });
    return { id: sent.sid };
  }

  /** Places a voice call to `to` that plays `twiml` (a `<Response>…</Response>` document); returns the call SID. */
  async call(to: string, twiml: string): Promise<{ id: string }> {
    const call = await this.client.calls.create({ to, from: this.from, twiml });
    return { id: call.sid };
  }
}

/** TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (and TWILIO_BASE_URL for a local fake): a provider, or null. */
export function twilioFromEnv(env: NodeJS.ProcessEnv): TwilioProvider | null {
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN || !env.TWILIO_FROM) return null;
  return new TwilioProvider({
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    from: env.TWILIO_FROM,
    baseUrl: env.TWILIO_BASE_URL || undefined,
  });
}
