import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { EMPTY_FAVICON, escapeHtml } from '../lib/html';
import { answerJson, startFakeHttpServer } from './fake-http-server';

/** One request the fake answered, as it arrived. */
export interface FakeRingCentralRequest {
  method: string;
  path: string;
  /** `Authorization` header as sent (Basic … or Bearer …), or null. */
  authorization: string | null;
  contentType: string | null;
  /** Form fields (token endpoints) or the parsed JSON body (REST endpoints). */
  body: Record<string, unknown>;
  status: number;
}

interface Grant {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  ownerId: string;
  revoked: boolean;
}

export interface FakeRingCentral {
  /** `http://127.0.0.1:PORT`: pass as the SDK's `server`. */
  url: string;
  clientId: string;
  clientSecret: string;
  requests: FakeRingCentralRequest[];
  /** Accepted SMS requests (`…/extension/~/sms`). */
  messages: () => FakeRingCentralRequest[];
  /** Accepted RingOut requests (`…/extension/~/ring-out`). */
  ringOuts: () => FakeRingCentralRequest[];
  /** Access tokens issued, in order (the last one is current). */
  accessTokens: () => string[];
  /** Access tokens that were revoked. */
  revokedTokens: () => string[];
  /** The node:http server (the demo unrefs it so it never holds the process open). */
  server: Server;
  /** Makes every access token issued so far expired (the next REST call with one gets 401). */
  expireAccessTokens: () => void;
  /** Ends every grant, as when the user removes the app in RingCentral. */
  revokeAll: () => void;
  close: () => Promise<void>;
}

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${EMPTY_FAVICON}<title>${title}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f4f6fb;color:#14171f}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:12px;box-shadow:0 2px 10px #0002;padding:24px}
.sandbox{background:#fff3cd;color:#5c4400;border:1px solid #e6c34a;border-radius:8px;padding:8px 12px;font-weight:600;margin-bottom:16px}
h1{font-size:20px;margin:0 0 8px} .row{display:flex;gap:8px;justify-content:flex-end;margin-top:20px}
button{font:inherit;padding:8px 16px;border-radius:8px;border:1px solid #c5cad5;background:#fff;cursor:pointer}
button.primary{background:#c2410c;border-color:#c2410c;color:#fff;font-weight:600}
button:focus-visible{outline:3px solid #2f5bea;outline-offset:2px} dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;color:#454b57}
@media (prefers-color-scheme: dark){body{background:#0f1115;color:#e8eaef}main{background:#171a21}.sandbox{background:#33280f;color:#f5d48a;border-color:#6b5312}button{background:#20242d;color:#e8eaef;border-color:#3a3f4b}dl{color:#a0a7b4}}
</style></head><body><main>${body}</main></body></html>`;

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * A local stand-in for RingCentral's platform that speaks its protocol: the authorize page (a
 * consent screen clearly labelled as a sandbox), `POST /restapi/oauth/token` (authorization code
 * with PKCE S256, refresh token; Basic client auth), `POST /restapi/oauth/revoke`, and the SMS and
 * RingOut REST endpoints (Bearer access token). Tokens expire like RingCentral's (1 hour / 7 days).
 * The demo starts one when no RingCentral credentials are configured; tests start their own.
 */
export async function startFakeRingCentral(
  options: { clientId?: string; clientSecret?: string; port?: number; host?: string; log?: (line: string) => void } = {},
): Promise<FakeRingCentral> {
  const clientId = options.clientId ?? `fake-client-${randomBytes(6).toString('hex')}`;
  const clientSecret = options.clientSecret ?? randomBytes(18).toString('base64url');
  const requests: FakeRingCentralRequest[] = [];
  const codes = new Map<string, { redirectUri: string; challenge: string; method: string; ownerId: string; expiresAt: number }>();
  const grants: Grant[] = [];
  const issued: string[] = [];
  const revoked: string[] = [];
  let ownerCounter = 0;

  const { port, server, close } = await startFakeHttpServer(async ({ req, res, raw: bytes, url, contentType }) => {
    const raw = bytes.toString('utf8');
    let body: Record<string, unknown> = {};
    if (contentType?.startsWith('application/json') && raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = { invalidJson: raw };
      }
    } else if (raw) body = Object.fromEntries(new URLSearchParams(raw));
    const record: FakeRingCentralRequest = { method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization ?? null, contentType, body, status: 0 };
    requests.push(record);

    const json = (status: number, data: unknown) => answerJson(res, record, status, data);
    const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description, errors: [{ errorCode: 'OAU-' + status, message: description }] });
    const apiError = (status: number, errorCode: string, message: string) => json(status, { errorCode, message, errors: [{ errorCode, message }] });
    const html = (status: number, text: string) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(text);
    };
    const clientAuthOk = () => {
      const match = /^Basic\s+(.+)$/i.exec(record.authorization ?? '');
      return match ? Buffer.from(match[1]!, 'base64').toString('utf8') === `${clientId}:${clientSecret}` : false;
    };
    const issue = (ownerId: string, accessTtl = 3600, refreshTtl = 604800) => {
      const now = Date.now();
      const grant: Grant = { accessToken: token('U1FTMDFQMDFQQVMwMXxB'), refreshToken: token('U1FTMDFQMDFQQVMwMXxS'), accessExpiresAt: now + accessTtl * 1000, refreshExpiresAt: now + refreshTtl * 1000, ownerId, revoked: false };
      grants.push(grant);
      issued.push(grant.accessToken);
      return json(200, {
        access_token: grant.accessToken,
        token_type: 'bearer',
        expires_in: accessTtl,
        refresh_token: grant.refreshToken,
        refresh_token_expires_in: refreshTtl,
        scope: 'SMS RingOut ReadAccounts',
        owner_id: ownerId,
        endpoint_id: randomBytes(8).toString('hex'),
      });
    };

    // Authorize: the consent page, then the decision posted back to it.
    if (url.pathname === '/restapi/oauth/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      const problems: string[] = [];
      if (q.get('response_type') !== 'code') problems.push('response_type must be "code"');
      if (q.get('client_id') !== clientId) problems.push('unknown client_id');
      if (!q.get('redirect_uri')) problems.push('redirect_uri is required');
      if (!q.get('state')) problems.push('state is required');
      if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') problems.push('PKCE with S256 is required');
      if (problems.length) return html(400, page('Invalid request', `<div class="sandbox">RingCentral sandbox (local fake)</div><h1>Invalid authorization request</h1><p>${escapeHtml(problems.join('; '))}.</p>`));
      const hidden = ['redirect_uri', 'state', 'code_challenge', 'code_challenge_method'].map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q.get(k) ?? '')}">`).join('');
      return html(
        200,
        page(
          'Sign in to RingCentral (sandbox)',
          `<div class="sandbox" role="note">RingCentral sandbox — a local fake for the demo. No real account, number or message is involved.</div>
<h1>Allow access to RingCentral?</h1>
<p>The settings app asks to send text messages and place RingOut calls with your RingCentral number.</p>
<dl><dt>App</dt><dd>${escapeHtml(clientId)}</dd><dt>Access</dt><dd>SMS, RingOut</dd></dl>
<form method="post" action="/restapi/oauth/authorize">${hidden}<div class="row">
<button type="submit" name="decision" value="deny">Deny</button><button type="submit" name="decision" value="allow" class="primary" autofocus>Allow</button></div></form>`,
        ),
      );
    }
    if (url.pathname === '/restapi/oauth/authorize' && req.method === 'POST') {
      const form = body as Record<string, string>;
      const redirect = new URL(form.redirect_uri ?? '');
      redirect.searchParams.set('state', form.state ?? '');
      if (form.decision !== 'allow') {
        redirect.searchParams.set('error', 'access_denied');
        redirect.searchParams.set('error_description', 'The user denied access.');
      } else {
        const code = token('code-');
        codes.set(code, { redirectUri: form.redirect_uri ?? '', challenge: form.code_challenge ?? '', method: form.code_challenge_method ?? '', ownerId: String(1000 + ++ownerCounter), expiresAt: Date.now() + 60_000 });
        redirect.searchParams.set('code', code);
      }
      record.status = 302;
      res.writeHead(302, { location: redirect.toString() });
      return res.end();
    }

    if (url.pathname === '/restapi/oauth/token' && req.method === 'POST') {
      if (!clientAuthOk()) return oauthError(401, 'invalid_client', 'Invalid client credentials');
      if (!contentType?.startsWith('application/x-www-form-urlencoded')) return oauthError(400, 'invalid_request', 'Expected a form-encoded body');
      const form = body as Record<string, string>;
      if (form.grant_type === 'authorization_code') {
        const entry = form.code ? codes.get(form.code) : undefined;
        if (form.code) codes.delete(form.code);
        if (!entry || entry.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'Authorization code is invalid or expired');
        if (entry.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
        const expected = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
        if (!form.code_verifier || expected !== entry.challenge) return oauthError(400, 'invalid_grant', 'PKCE code_verifier does not match');
        return issue(entry.ownerId);
      }
      if (form.grant_type === 'refresh_token') {
        const grant = grants.find((g) => g.refreshToken === form.refresh_token && !g.revoked);
        if (!grant || grant.refreshExpiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'Token not found');
        grant.revoked = true; // refresh tokens rotate: the old pair ends
        return issue(grant.ownerId);
      }
      return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    }
    if (url.pathname === '/restapi/oauth/revoke' && req.method === 'POST') {
      if (!clientAuthOk()) return oauthError(401, 'invalid_client', 'Invalid client credentials');
      const value = String((body as Record<string, string>).token ?? '');
      const grant = grants.find((g) => g.accessToken === value || g.refreshToken === value);
      if (grant && !grant.revoked) {
        grant.revoked = true;
        revoked.push(grant.accessToken);
      }
      record.status = 200;
      res.writeHead(200);
      return res.end();
    }

    const rest = /^\/restapi\/v1\.0\/account\/~\/extension\/~\/(sms|ring-out)$/.exec(url.pathname);
    if (rest && req.method === 'POST') {
      const bearer = /^Bearer\s+(.+)$/i.exec(record.authorization ?? '')?.[1];
      const grant = bearer ? grants.find((g) => g.accessToken === bearer) : undefined;
      if (!grant || grant.revoked) return apiError(401, 'TokenInvalid', 'Token not found');
      if (grant.accessExpiresAt < Date.now()) return apiError(401, 'TokenExpired', 'Access token expired');
      if (!contentType?.startsWith('application/json')) return apiError(415, 'CMN-415', 'Unsupported media type');
      const e164 = (v: unknown) => typeof v === 'string' && /^\+[1-9]\d{6,14}$/.test(v);
      const from = (body.from as { phoneNumber?: string } | undefined)?.phoneNumber;
      if (rest[1] === 'sms') {
        const to = (body.to as { phoneNumber?: string }[] | undefined)?.[0]?.phoneNumber;
        if (!e164(from)) return apiError(400, 'CMN-101', "Parameter [from.phoneNumber] value is invalid");
        if (!e164(to)) return apiError(400, 'CMN-101', "Parameter [to.phoneNumber] value is invalid");
        if (typeof body.text !== 'string' || !body.text) return apiError(400, 'CMN-102', 'Resource for parameter [text] is not found');
        const id = Math.floor(Math.random() * 1e12);
        return json(200, {
          id,
          uri: `${`http://${req.headers.host}`}/restapi/v1.0/account/~/extension/~/message-store/${id}`,
          type: 'SMS',
          direction: 'Outbound',
          messageStatus: 'Queued',
          from: { phoneNumber: from },
          to: [{ phoneNumber: to }],
          subject: body.text,
          creationTime: new Date().toISOString(),
        });
      }
      const to = (body.to as { phoneNumber?: string } | undefined)?.phoneNumber;
      if (!e164(from)) return apiError(400, 'CMN-101', "Parameter [from.phoneNumber] value is invalid");
      if (!e164(to)) return apiError(400, 'CMN-101', "Parameter [to.phoneNumber] value is invalid");
      const id = Math.floor(Math.random() * 1e12);
      return json(200, { id, uri: `/restapi/v1.0/account/~/extension/~/ring-out/${id}`, status: { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' } });
    }
    options.log?.(`[ringcentral sandbox] ${req.method} ${url.pathname} → 404`);
    return apiError(404, 'CMN-100', `Resource ${url.pathname} not found`);
  }, options);

  const accepted = (pattern: RegExp) => () => requests.filter((r) => pattern.test(r.path) && r.status === 200);
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    clientId,
    clientSecret,
    requests,
    messages: accepted(/\/extension\/~\/sms$/),
    ringOuts: accepted(/\/extension\/~\/ring-out$/),
    server,
    accessTokens: () => [...issued],
    revokedTokens: () => [...revoked],
    expireAccessTokens: () => {
      for (const grant of grants) grant.accessExpiresAt = 0;
    },
    revokeAll: () => {
      for (const grant of grants) grant.revoked = true;
    },
    close,
  };
}
