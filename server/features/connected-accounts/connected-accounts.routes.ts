import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Env } from '../../context';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { ownOrigin } from '../../lib/http';
import { OAUTH_PROVIDERS, PROVIDER_NAMES, providerConfig } from './connected-accounts.providers';
import { beginLink, beginSignIn, finishAuthorization, listConnectedAccounts, safeReturnTo, unlink, type OAuthOutcome } from './connected-accounts.service';
import { text } from '../../lib/schemas';
import { EMPTY_FAVICON, escapeHtml } from '../../lib/html';

const tags = ['Connected accounts'];
const ProviderParam = z.object({
  provider: z.enum(OAUTH_PROVIDERS, { error: `provider must be one of ${OAUTH_PROVIDERS.join(', ')}.` }).openapi({ param: { name: 'provider', in: 'path' } }),
});

const ConnectedAccount = z
  .object({
    provider: z.enum(OAUTH_PROVIDERS),
    name: z.string(),
    available: z.boolean().openapi({ description: 'The host configured this provider' }),
    sandbox: z.boolean().openapi({ description: 'A local test provider, not the real one (demo only)' }),
    connected: z.boolean(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    connectedAt: z.string().nullable(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi('ConnectedAccount');

const listRoute = jsonRoute('get', '/connected-accounts', {
  tags, summary: 'Google, Microsoft and GitHub: which are available and which are connected',
  response: z.object({ accounts: z.array(ConnectedAccount), passwordSignIn: z.literal(true) }),
});

const connectRoute = jsonRoute('post', '/connected-accounts/{provider}/connect', {
  tags, summary: 'Start linking a provider: open `authorizeUrl` in a popup',
  description: 'OAuth 2.0 authorization code with PKCE (S256) and a state bound to this browser. The popup ends on a page that posts `{source:"settings-kit", type:"sk-oauth", provider, purpose, status, code?, message?}` to the opener (this request\'s origin) and closes.',
  params: ProviderParam, response: z.object({ authorizeUrl: z.string() }), errors: { 404: '`provider_not_configured`' },
});

const unlinkRoute = jsonRoute('delete', '/connected-accounts/{provider}', {
  tags, summary: 'Disconnect a provider (email and password always remain)',
  params: ProviderParam, noContent: true, errors: { 404: 'Not connected' },
});

const ProviderList = z.object({ providers: z.array(z.object({ provider: z.enum(OAUTH_PROVIDERS), name: z.string(), sandbox: z.boolean() })) });
const providersRoute = jsonRoute('get', '/auth/oauth/providers', { tags: ['Auth'], summary: 'Providers a user can sign in with (public: for the sign-in page)', public: true, response: ProviderList });

const resultScriptRoute = jsonRoute('get', '/auth/oauth/result.js', {
  tags, summary: 'The script of the popup result page (kept out of the page so the CSP needs no inline script)',
  public: true, responses: { 200: { description: 'JavaScript', content: { 'text/javascript': { schema: z.string() } } } },
});

const SignInQuery = z.object({
  popup: z.enum(['1', 'true']).optional().openapi({ description: 'Report to the opener with postMessage instead of redirecting back' }),
  origin: text().max(300, 'origin is too long.').optional().openapi({ description: 'Popup: the opener origin (ours or allowlisted)' }),
  returnTo: text().max(2000, 'returnTo is too long.').optional().openapi({ description: 'Full page: where to go afterwards (a path here, or an allowlisted origin)' }),
  loginHint: text().max(254, 'loginHint is too long.').optional(),
});
const signInRoute = jsonRoute('get', '/auth/oauth/{provider}', {
  tags: ['Auth'], summary: 'Sign in with a connected provider: redirects to the provider',
  public: true, params: ProviderParam, query: SignInQuery, errors: { 404: '`provider_not_configured`' }, responses: { 302: { description: 'To the provider' } },
});

const callbackRoute = jsonRoute('get', '/auth/oauth/{provider}/callback', {
  tags: ['Auth'], summary: 'Where the provider sends the browser back (link or sign-in)',
  public: true, badRequest: false, params: ProviderParam, query: z.object({ code: text().max(4096).optional(), state: text().max(512).optional(), error: text().max(200).optional() }),
  responses: { 200: { description: 'Popup: a page that tells its opener and closes' }, 302: { description: 'Full page: back to returnTo' } },
});

const RESULT_SCRIPT = `(function () {
  var el = document.getElementById('sk-oauth-result');
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var target = data.openerOrigin;
  delete data.openerOrigin;
  if (window.opener && target) {
    window.opener.postMessage({ source: 'settings-kit', type: 'sk-oauth', provider: data.provider, purpose: data.purpose, status: data.status, code: data.code, message: data.message }, target);
    setTimeout(function () { window.close(); }, 100);
  }
})();
`;


function respond(c: Context<Env>, outcome: OAuthOutcome) {
  const name = PROVIDER_NAMES[outcome.provider];
  if (outcome.returnTo) {
    // returnTo was made absolute and checked when the flow began (safeReturnTo); checked again
    // here so a row written before that rule cannot redirect off-site.
    const url = new URL(safeReturnTo(c, outcome.returnTo));
    if (outcome.status === 'error') url.searchParams.set('oauth_error', outcome.code ?? 'oauth_failed');
    else url.searchParams.set('oauth', outcome.status);
    url.searchParams.set('provider', outcome.provider);
    // The code step offers what this user has (an SMS-only user is not asked for an app code);
    // the names are fixed tokens, joined with a plain comma for a readable address.
    if (outcome.status === 'two_factor_required' && outcome.methods?.length) url.search += `&methods=${outcome.methods.join(',')}`;
    return c.redirect(url.href, 302);
  }
  const openerOrigin = outcome.openerOrigin ?? ownOrigin(c.var.deps.options.publicOrigin, c.req.url);
  const text =
    outcome.status === 'error'
      ? (outcome.message ?? 'Something went wrong.')
      : outcome.status === 'linked'
        ? `Your ${name} account is connected.`
        : outcome.status === 'two_factor_required'
          ? 'Enter your two-factor code to finish signing in.'
          : `Signed in with ${name}.`;
  const data = JSON.stringify({ ...outcome, returnTo: undefined, openerOrigin }).replace(/</g, '\\u003c');
  c.header('Cache-Control', 'no-store');
  // The popup went through the provider's origin: only without COOP isolation does it still reach its opener.
  c.header('Cross-Origin-Opener-Policy', 'unsafe-none');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${EMPTY_FAVICON}<title>${escapeHtml(name)}</title></head>` +
      `<body style="font:15px system-ui,sans-serif;padding:24px"><script type="application/json" id="sk-oauth-result">${data}</script>` +
      `<p role="status">${escapeHtml(text)} You can close this window.</p><script src="../result.js"></script></body></html>`,
    200,
  );
}

export const connectedAccountsRoutes = featureRouter()
  .openapi(listRoute, async (c) => c.json({ accounts: await listConnectedAccounts(c.var.deps, currentUser(c).id), passwordSignIn: true as const }, 200))
  .openapi(connectRoute, async (c) => {
    const user = currentUser(c);
    const authorizeUrl = await beginLink(c, user, c.req.valid('param').provider, c.req.header('origin'));
    return c.json({ authorizeUrl }, 200);
  })
  .openapi(unlinkRoute, async (c) => {
    await unlink(c.var.deps, currentUser(c).id, c.req.valid('param').provider);
    return c.body(null, 204);
  })
  .openapi(providersRoute, (c) => {
    const providers = OAUTH_PROVIDERS.flatMap((id) => {
      const config = providerConfig(c.var.deps, id);
      return config ? [{ provider: id, name: PROVIDER_NAMES[id], sandbox: config.sandbox }] : [];
    });
    return c.json({ providers }, 200);
  })
  .openapi(resultScriptRoute, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(RESULT_SCRIPT, 200) as never;
  })
  .openapi(signInRoute, async (c) => {
    const { popup, origin, returnTo, loginHint } = c.req.valid('query');
    const url = await beginSignIn(c, c.req.valid('param').provider, { popup: !!popup, origin, returnTo });
    const target = new URL(url);
    if (loginHint) target.searchParams.set('login_hint', loginHint);
    return c.redirect(target.toString(), 302) as never;
  })
  .openapi(callbackRoute, async (c) => respond(c, await finishAuthorization(c, c.req.valid('param').provider, c.req.valid('query'))) as never);
