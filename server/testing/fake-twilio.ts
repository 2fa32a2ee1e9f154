import { randomBytes } from 'node:crypto';
import { answerJson, parseBasicAuth, startFakeHttpServer } from '../sandbox/fake-http-server';

/** One request the fake accepted (or refused), as it arrived. */
export interface FakeTwilioRequest {
  method: string;
  path: string;
  /** `Messages` or `Calls`, or null for any other path. */
  resource: 'Messages' | 'Calls' | null;
  /** The `user:password` of the Basic Authorization header, or null. */
  basicAuth: { user: string; password: string } | null;
  contentType: string | null;
  /** The form-encoded body, decoded. */
  form: Record<string, string>;
  /** The HTTP status the fake answered with. */
  status: number;
}

export interface FakeTwilio {
  /** `http://127.0.0.1:PORT`: pass as the provider's `baseUrl`. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Every request, in arrival order. */
  requests: FakeTwilioRequest[];
  /** Accepted messages (Messages.json, 201). */
  messages: () => FakeTwilioRequest[];
  /** Accepted calls (Calls.json, 201). */
  calls: () => FakeTwilioRequest[];
  /** Makes the next `count` requests fail with this Twilio error (e.g. 400 code 21211 invalid "To"). */
  failNext: (error: { status: number; code: number; message: string }, count?: number) => void;
  close: () => Promise<void>;
}

const sidOf = (prefix: string) => prefix + randomBytes(16).toString('hex');

/**
 * A local stand-in for Twilio's REST API that speaks its HTTP protocol: Basic auth with the account
 * SID and auth token, form-encoded bodies, and JSON answers shaped like Twilio's for
 * `POST /2010-04-01/Accounts/{Sid}/Messages.json` and `…/Calls.json`. It checks what Twilio checks
 * (credentials, the account in the path, required parameters) and records every request.
 */
export async function startFakeTwilio(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const requests: FakeTwilioRequest[] = [];
  const failures: { status: number; code: number; message: string }[] = [];

  const { port, close } = await startFakeHttpServer(({ req, res, raw, url, contentType }) => {
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const basicAuth = parseBasicAuth(req.headers.authorization);
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(url.pathname);
    const record: FakeTwilioRequest = { method: req.method ?? '', path: url.pathname, resource: (match?.[2] as 'Messages' | 'Calls') ?? null, basicAuth, contentType, form, status: 0 };
    requests.push(record);

    const answer = (status: number, body: unknown) => answerJson(res, record, status, body);
    const error = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    if (!basicAuth || basicAuth.user !== accountSid || basicAuth.password !== authToken) {
      res.setHeader('www-authenticate', 'Basic realm="Twilio API"');
      return error(401, 20003, 'Authenticate');
    }
    if (!match || req.method !== 'POST') return error(404, 20404, `The requested resource ${url.pathname} was not found`);
    if (match[1] !== accountSid) return error(403, 20003, 'Authenticate');
    if (!contentType?.startsWith('application/x-www-form-urlencoded')) return error(400, 20001, 'Expected a form-encoded body');
    const failure = failures.shift();
    if (failure) return error(failure.status, failure.code, failure.message);
    if (!form.To) return error(400, 21604, "A 'To' phone number is required.");
    if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "A 'From' phone number is required.");
    if (!/^(whatsapp:)?\+[1-9]\d{6,14}$/.test(form.To)) return error(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);

    const now = new Date().toUTCString();
    const common = {
      account_sid: accountSid,
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      to: form.To,
      from: form.From ?? null,
    };
    if (match[2] === 'Messages') {
      if (!form.Body && !form.MediaUrl && !form.ContentSid) return error(400, 21602, 'Message body is required.');
      const sid = sidOf('SM');
      return answer(201, {
        ...common,
        sid,
        body: form.Body ?? '',
        status: 'queued',
        direction: 'outbound-api',
        num_segments: '1',
        num_media: '0',
        price: null,
        price_unit: 'USD',
        error_code: null,
        error_message: null,
        date_sent: null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      });
    }
    if (!form.Url && !form.Twiml && !form.ApplicationSid) return error(400, 21205, 'Url, Twiml or ApplicationSid is required.');
    const sid = sidOf('CA');
    return answer(201, {
      ...common,
      sid,
      status: 'queued',
      direction: 'outbound-api',
      start_time: null,
      end_time: null,
      duration: null,
      price: null,
      price_unit: 'USD',
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
    });
  });

  const accepted = (resource: 'Messages' | 'Calls') => () => requests.filter((r) => r.resource === resource && r.status === 201);
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages: accepted('Messages'),
    calls: accepted('Calls'),
    failNext: (error, count = 1) => {
      for (let i = 0; i < count; i++) failures.push(error);
    },
    close,
  };
}
