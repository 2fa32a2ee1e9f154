import { createApiClient, type ApiClient } from '../elements/api/client';

/** A handler answers one `METHOD /path` with a JSON body (status 200), or a full Response. */
export type FakeHandler = (request: Request, body: unknown) => unknown | Response | Promise<unknown | Response>;

/**
 * A typed API client whose fetch answers from a table of `'GET /me'`-style keys, so stories show
 * every state without a server. Unknown routes answer 404 in the API's error shape. `delay`
 * (ms) keeps loading states visible.
 */
export function fakeApi(routes: Record<string, FakeHandler | object>, options: { delay?: number } = {}): ApiClient {
  // Every sign-in screen asks for passkey autofill options (conditional mediation) in the background.
  routes = { 'POST /auth/passkey/options': { challenge: 'c3Rvcnlib29rLWNoYWxsZW5nZQ', rpId: globalThis.location?.hostname, allowCredentials: [], userVerification: 'required', timeout: 60000 }, ...routes };
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api/, '');
    const key = `${request.method} ${path}`;
    const match = Object.entries(routes).find(([pattern]) => new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}$`).test(key));
    if (options.delay) await new Promise((r) => setTimeout(r, options.delay));
    if (!match) {
      // A story that calls a route it does not fake shows an error it did not mean to: say so (the smoke check fails on it).
      console.warn(`[fake-api] No fake for ${key}`);
      return json({ error: { code: 'not_found', message: `No fake for ${key}` } }, 404);
    }
    const [, handler] = match;
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    const result = typeof handler === 'function' ? await (handler as FakeHandler)(request, body) : handler;
    // A Response given as a table entry answers every call: hand out copies, its body reads only once.
    return result instanceof Response ? (handler === result ? result.clone() : result) : result === undefined ? new Response(null, { status: 204 }) : json(result, 200);
  };
  return createApiClient('/api', { fetch: fakeFetch as typeof fetch });
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** An API error answer. */
export const apiError = (status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) =>
  json({ error: { code, message, ...(fields ? { fields } : {}) } }, status, headers);

export const demoUser = {
  id: 'u1',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  role: 'admin',
  status: 'active',
  twoFactorEnabled: false,
  avatarUrl: null,
  preferences: { theme: 'light' },
};
