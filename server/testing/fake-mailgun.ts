import { randomBytes } from 'node:crypto';
import { answerJson, parseBasicAuth, startFakeHttpServer } from '../sandbox/fake-http-server';

export interface FakeMailgunRequest {
  method: string;
  path: string;
  /** `user:password` of the Basic Authorization header, or null. */
  basicAuth: { user: string; password: string } | null;
  contentType: string | null;
  /** The form fields (multipart or urlencoded); repeated fields keep every value. */
  fields: Record<string, string[]>;
  status: number;
}

export interface FakeMailgun {
  /** `http://127.0.0.1:PORT`: pass as the provider's `url`. */
  url: string;
  apiKey: string;
  domain: string;
  requests: FakeMailgunRequest[];
  /** Accepted messages. */
  messages: () => FakeMailgunRequest[];
  close: () => Promise<void>;
}

/**
 * A local stand-in for Mailgun's HTTP API: `POST /v3/{domain}/messages` with Basic `api:<key>` and a
 * multipart (or urlencoded) form carrying from, to, subject and text/html; answers like Mailgun.
 */
export async function startFakeMailgun(options: { apiKey?: string; domain?: string } = {}): Promise<FakeMailgun> {
  const apiKey = options.apiKey ?? `key-${randomBytes(16).toString('hex')}`;
  const domain = options.domain ?? 'mg.example.test';
  const requests: FakeMailgunRequest[] = [];

  const { port, close } = await startFakeHttpServer(async ({ req, res, raw, url, contentType }) => {
    const fields: Record<string, string[]> = {};
    if (contentType && raw.length) {
      try {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        for (const [key, value] of form) (fields[key] ??= []).push(typeof value === 'string' ? value : value.name);
      } catch {
        // not a form: stays empty and fails the checks below
      }
    }
    const match = /^\/v3\/([^/]+)\/messages$/.exec(url.pathname);
    const basicAuth = parseBasicAuth(req.headers.authorization);
    const record: FakeMailgunRequest = { method: req.method ?? '', path: url.pathname, basicAuth, contentType, fields, status: 0 };
    requests.push(record);
    const answer = (status: number, body: unknown) => answerJson(res, record, status, body);
    if (!basicAuth || basicAuth.user !== 'api' || basicAuth.password !== apiKey) return answer(401, { message: 'Invalid private key' });
    if (!match || req.method !== 'POST') return answer(404, { message: 'Not Found' });
    if (match[1] !== domain) return answer(404, { message: `Domain not found: ${match[1]}` });
    if (!fields.from?.[0]) return answer(400, { message: "'from' parameter is missing" });
    if (!fields.to?.length) return answer(400, { message: "'to' parameter is missing" });
    if (!fields.text?.[0] && !fields.html?.[0]) return answer(400, { message: 'Need at least one of text or html parameters' });
    return answer(200, { id: `<${Date.now()}.${randomBytes(6).toString('hex')}@${domain}>`, message: 'Queued. Thank you.' });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    domain,
    requests,
    messages: () => requests.filter((r) => r.status === 200),
    close,
  };
}
