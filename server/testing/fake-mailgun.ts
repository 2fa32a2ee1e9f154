import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const contentType = req.headers['content-type'] ?? null;
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
    const auth = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const decoded = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8') : null;
    const colon = decoded?.indexOf(':') ?? -1;
    const basicAuth = decoded && colon >= 0 ? { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : null;
    const record: FakeMailgunRequest = { method: req.method ?? '', path: url.pathname, basicAuth, contentType, fields, status: 0 };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!basicAuth || basicAuth.user !== 'api' || basicAuth.password !== apiKey) return answer(401, { message: 'Invalid private key' });
    if (!match || req.method !== 'POST') return answer(404, { message: 'Not Found' });
    if (match[1] !== domain) return answer(404, { message: `Domain not found: ${match[1]}` });
    if (!fields.from?.[0]) return answer(400, { message: "'from' parameter is missing" });
    if (!fields.to?.length) return answer(400, { message: "'to' parameter is missing" });
    if (!fields.text?.[0] && !fields.html?.[0]) return answer(400, { message: 'Need at least one of text or html parameters' });
    return answer(200, { id: `<${Date.now()}.${randomBytes(6).toString('hex')}@${domain}>`, message: 'Queued. Thank you.' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    domain,
    requests,
    messages: () => requests.filter((r) => r.status === 200),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
