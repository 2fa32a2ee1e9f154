import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a fake provider's handler sees it: its whole body is already read. */
export interface FakeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The body, as sent. */
  raw: Buffer<ArrayBuffer>;
  /** The request URL (its host is meaningless). */
  url: URL;
  contentType: string | null;
}

export interface FakeHttpServer {
  server: Server;
  port: number;
  /** Ends open connections too, so a test's keep-alive client cannot hold the close up. */
  close: () => Promise<void>;
}

/**
 * The node:http server under the fake providers (Twilio, Mailgun, RingCentral): reads each request's
 * body, then hands it to `handle`. Listens on `host:port`, by default a free port on 127.0.0.1.
 */
export async function startFakeHttpServer(
  handle: (exchange: FakeExchange) => unknown,
  at: { port?: number; host?: string } = {},
): Promise<FakeHttpServer> {
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    await handle({ req, res, raw: Buffer.concat(chunks), url, contentType: req.headers['content-type'] ?? null });
  });
  await new Promise<void>((resolve) => server.listen(at.port ?? 0, at.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    });
  return { server, port, close };
}

/** Answers with a JSON body and notes the status on the fake's record of the request. */
export function answerJson(res: ServerResponse, record: { status: number }, status: number, body: unknown) {
  record.status = status;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The `user:password` of a Basic Authorization header, split at the first colon, or null. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | null {
  const match = header && /^Basic\s+(.+)$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
