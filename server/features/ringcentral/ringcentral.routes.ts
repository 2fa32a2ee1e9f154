import { z } from '@hono/zod-openapi';
import { randomToken } from '../../lib/crypto';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { callbackPage, completeRegistration } from './ringcentral.service';
import { text } from '../../lib/schemas';

const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const callbackRoute = jsonRoute('get', '/integrations/ringcentral/callback', {
  tags: ['Contacts'], summary: 'Where RingCentral sends the registration popup back (OAuth redirect URI)',
  description: 'Spends the single-use state, exchanges the code (PKCE) and stores the tokens encrypted. The HTML page posts `{type:"sk-ringcentral-registered", contactId}` to the opener (target: the origin of the page that started the registration) and closes; refusals (forged, reused or expired state) are readable pages.',
  public: true, badRequest: false, query: z.object({ code: text().max(2048).optional(), state: text().max(256).optional(), error: text().max(256).optional(), error_description: text().max(1024).optional() }),
  responses: { 200: htmlPage('Registered: a page that tells its opener and closes'), 400: htmlPage('Refused: a readable page'), 403: htmlPage('Another user is signed in: a readable page'), 502: htmlPage('RingCentral refused the code: a readable page') },
});

export const ringcentralRoutes = featureRouter().openapi(callbackRoute, async (c) => {
  const outcome = await completeRegistration(c, c.req.valid('query'));
  const nonce = randomToken(16);
  return c.html(callbackPage(outcome, nonce), outcome.ok ? 200 : outcome.status, {
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    // The opener must stay reachable from this page (postMessage), so no COOP isolation here.
    'Cross-Origin-Opener-Policy': 'unsafe-none',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  }) as never;
});
