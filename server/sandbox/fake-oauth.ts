import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EMPTY_FAVICON, escapeHtml } from '../lib/html';

/**
 * A local stand-in for Google, Microsoft and GitHub's OAuth 2.0 servers (authorization code +
 * PKCE), for tests and the demo. It is a SANDBOX: every page says so, it knows no real accounts,
 * and it signs in whoever types an email. It checks what a real provider checks: client id and
 * secret, redirect URI, single-use codes, and that the token request's `code_verifier` hashes
 * (S256) to the `code_challenge` of the authorization request.
 *
 * Endpoints, per provider (`google`, `microsoft`, `github`):
 *   GET  /:provider/authorize   the consent page (a form), or straight to the app with `login_hint`
 *   GET  /:provider/approve     the form's target: redirects to `redirect_uri?code&state`
 *   POST /:provider/token       form-encoded code exchange
 *   GET  /:provider/userinfo    bearer token → the identity (GitHub's shape for github, OIDC's otherwise)
 */
export interface FakeOAuthServer {
  url: string;
  server: Server;
  /** What the fake saw, for tests: authorization requests and token exchanges. */
  authorizations: { provider: string; clientId: string; redirectUri: string; state: string; codeChallenge: string | null; codeChallengeMethod: string | null }[];
  tokenRequests: { provider: string; ok: boolean; error?: string; codeVerifier: string | null }[];
  /** Access tokens it issued (to prove the app never shows them). */
  issuedTokens: string[];
  /** Issues a code for `email` as if the user had approved, and returns the redirect URL. */
  approve(provider: string, authorizeUrl: string, email: string): string;
  close(): Promise<void>;
}

export interface FakeOAuthOptions {
  port?: number;
  host?: string;
  /** Accepted client credentials; default `sandbox-client` / `sandbox-secret`. */
  clientId?: string;
  clientSecret?: string;
}

interface PendingCode {
  provider: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  email: string;
  expiresAt: number;
}

const PROVIDERS = new Set(['google', 'microsoft', 'github']);
const NAMES: Record<string, string> = { google: 'Google', microsoft: 'Microsoft', github: 'GitHub' };

/** A stable subject per provider and email, so the same person gets the same id each time. */
const subjectOf = (provider: string, email: string) =>
  provider === 'github' ? String(parseInt(createHash('sha256').update(email).digest('hex').slice(0, 8), 16)) : createHash('sha256').update(`${provider}:${email}`).digest('hex').slice(0, 21);

export async function startFakeOAuth(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
  const clientId = options.clientId ?? 'sandbox-client';
  const clientSecret = options.clientSecret ?? 'sandbox-secret';
  const codes = new Map<string, PendingCode>();
  const tokens = new Map<string, { provider: string; email: string }>();
  const fake: Omit<FakeOAuthServer, 'url' | 'server' | 'close'> = {
    authorizations: [],
    tokenRequests: [],
    issuedTokens: [],
    approve(provider, authorizeUrl, email) {
      const q = new URL(authorizeUrl).searchParams;
      return issue(provider, q, email);
    },
  };

  function issue(provider: string, q: URLSearchParams, email: string): string {
    const code = randomBytes(16).toString('base64url');
    codes.set(code, {
      provider,
      clientId: q.get('client_id') ?? '',
      redirectUri: q.get('redirect_uri') ?? '',
      codeChallenge: q.get('code_challenge_method') === 'S256' ? q.get('code_challenge') : null,
      email: email.trim().toLowerCase(),
      expiresAt: Date.now() + 60_000,
    });
    const back = new URL(q.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    return back.toString();
  }

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => resolve(data));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, provider, action] = url.pathname.split('/');
    if (!provider || !PROVIDERS.has(provider)) return send(res, 404, { error: 'not_found' });
    const q = url.searchParams;

    if (req.method === 'GET' && (action === 'authorize' || action === 'approve')) {
      if (q.get('response_type') !== 'code' || q.get('client_id') !== clientId || !q.get('redirect_uri') || !q.get('state')) {
        return send(res, 400, `<p>Sandbox OAuth: bad authorization request (response_type, client_id, redirect_uri and state are required).</p>`, 'text/html');
      }
      if (action === 'authorize') {
        fake.authorizations.push({
          provider,
          clientId: q.get('client_id')!,
          redirectUri: q.get('redirect_uri')!,
          state: q.get('state')!,
          codeChallenge: q.get('code_challenge'),
          codeChallengeMethod: q.get('code_challenge_method'),
        });
      }
      const email = q.get('login_hint') ?? (action === 'approve' ? q.get('email') : null);
      if (email && /^[^@\s]+@[^@\s]+$/.test(email)) {
        res.writeHead(302, { location: issue(provider, q, email) });
        return res.end();
      }
      const hidden = [...q].filter(([k]) => k !== 'email' && k !== 'login_hint').map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
      return send(
        res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
${EMPTY_FAVICON}<title>SANDBOX ${NAMES[provider]} sign-in</title>
<style>body{font:15px system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#16181d}
.banner{background:#fff4e0;border:2px dashed #9a5b00;color:#6b3f00;padding:10px 12px;border-radius:8px;font-weight:600}
label{display:block;font-weight:600;margin:16px 0 4px}input[type=email]{width:100%;padding:8px;font:inherit;box-sizing:border-box}
button{margin-top:16px;padding:8px 16px;font:inherit;font-weight:600;background:#2f5bea;color:#fff;border:0;border-radius:6px;cursor:pointer}</style></head>
<body><p class="banner" role="note">Sandbox — this is a local test provider, not the real ${NAMES[provider]}. No real account is used and no password is asked.</p>
<h1>Continue with ${NAMES[provider]} (sandbox)</h1>
<form method="get" action="/${provider}/approve">${hidden}
<label for="email">Email of the sandbox ${NAMES[provider]} account</label>
<input id="email" name="email" type="email" required autocomplete="off" value="">
<button type="submit">Authorize</button></form></body></html>`,
        'text/html; charset=utf-8',
      );
    }

    if (req.method === 'POST' && action === 'token') {
      const form = new URLSearchParams(await readBody(req));
      const fail = (error: string) => {
        fake.tokenRequests.push({ provider, ok: false, error, codeVerifier: form.get('code_verifier') });
        send(res, 400, { error, error_description: `Sandbox OAuth: ${error}` });
      };
      const basic = req.headers.authorization?.match(/^Basic (.+)$/i)?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
      if (id !== clientId || secret !== clientSecret) return fail('invalid_client');
      if (form.get('grant_type') !== 'authorization_code') return fail('unsupported_grant_type');
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code); // single use, even when the rest fails
      if (!pending || pending.expiresAt < Date.now() || pending.provider !== provider) return fail('invalid_grant');
      if (pending.redirectUri !== form.get('redirect_uri')) return fail('invalid_grant');
      const verifier = form.get('code_verifier');
      if (pending.codeChallenge !== null) {
        if (!verifier || createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) return fail('invalid_grant');
      }
      const accessToken = `fake_at_${randomBytes(18).toString('base64url')}`;
      tokens.set(accessToken, { provider, email: pending.email });
      fake.issuedTokens.push(accessToken);
      fake.tokenRequests.push({ provider, ok: true, codeVerifier: verifier });
      return send(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, refresh_token: `fake_rt_${randomBytes(18).toString('base64url')}`, scope: q.get('scope') ?? '' });
    }

    if (req.method === 'GET' && action === 'userinfo') {
      const token = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
      const who = token ? tokens.get(token) : undefined;
      if (!who || who.provider !== provider) return send(res, 401, { error: 'invalid_token' });
      const name = who.email.split('@')[0]!;
      const body =
        provider === 'github'
          ? { id: Number(subjectOf(provider, who.email)), login: name, name, email: who.email }
          : { sub: subjectOf(provider, who.email), email: who.email, email_verified: true, name };
      return send(res, 200, body);
    }
    return send(res, 404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    ...fake,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as FakeOAuthServer;
}

/** Provider settings pointing every provider at a running fake (the `oauth` option of the app). */
export function fakeOAuthProviders(fake: { url: string }, clientId = 'sandbox-client', clientSecret = 'sandbox-secret') {
  const one = (p: string) => ({
    clientId,
    clientSecret,
    authorizationEndpoint: `${fake.url}/${p}/authorize`,
    tokenEndpoint: `${fake.url}/${p}/token`,
    userInfoEndpoint: `${fake.url}/${p}/userinfo`,
    sandbox: true,
  });
  return { google: one('google'), microsoft: one('microsoft'), github: one('github') };
}
