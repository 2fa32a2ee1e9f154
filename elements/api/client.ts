import type { hc } from 'hono/client';
import type { AppType } from '../../server/app';

/** The typed client of the settings API (Hono RPC). Only types come from the server (and from hono). */
export type ApiClient = ReturnType<typeof hc<AppType>>;

type Query = Record<string, string | string[] | undefined>;
interface CallArgs {
  param?: Record<string, string>;
  query?: Query;
  json?: unknown;
}

/**
 * What `hc<AppType>(base, options)` of hono/client does at run time, for the calls the elements make
 * (`api.a.b[':id'].$get({ param, query })`, `$post({ json })`, `$put(undefined, { init })`, `$url(...)`) in a fraction of its
 * bytes, so an elements host ships no part of hono: the path is the property chain, `:name`
 * segments take `param`, `index` is the parent path; the types are hono's own.
 */
function typedClient(base: string, fetcher: typeof fetch, headers: Record<string, string> = {}): ApiClient {
  const build = (path: string[], args: CallArgs = {}) => {
    let url = `${base}/${path.join('/')}`.replace(/\/index$/, '');
    for (const [k, v] of Object.entries(args.param ?? {})) url = url.replace(new RegExp(`/:${k}(?:{[^/]+})?\\??(?=/|$)`), () => (v ? `/${v}` : ''));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(args.query ?? {})) for (const one of ([] as (string | undefined)[]).concat(v)) if (one !== undefined) search.append(k, one);
    const query = search.toString();
    return query ? `${url}?${query}` : url;
  };
  const node = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get: (_, key) => (typeof key === 'string' && key !== 'then' ? node([...path, key]) : undefined),
      apply: (_, __, [args, call]: [CallArgs | undefined, { headers?: Record<string, string>; init?: RequestInit } | undefined]) => {
        const method = path.at(-1)!.slice(1);
        const url = build(path.slice(0, -1), args);
        if (method === 'url') return new URL(url);
        const json = args?.json !== undefined;
        return fetcher(url, {
          method: method.toUpperCase(),
          headers: { ...headers, ...call?.headers, ...(json ? { 'Content-Type': 'application/json' } : {}) },
          body: json && method !== 'get' ? JSON.stringify(args.json) : undefined,
          credentials: 'include',
          ...call?.init,
        });
      },
    });
  return node([]) as ApiClient;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** A non-2xx answer of the API, with the error shape of API.md. */
export class ApiError extends Error implements ApiErrorBody {
  readonly code: string;
  readonly fields?: Record<string, string>;
  constructor(
    readonly status: number,
    body: ApiErrorBody,
    readonly retryAfter: number | null = null,
  ) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields;
  }
}

/** Options for `createApiClient`. */
export interface ApiClientOptions {
  /** Replace `fetch`, e.g. with a fake in stories and tests. */
  fetch?: typeof fetch;
  /** Extra headers for every request (e.g. a host's own auth header). */
  headers?: Record<string, string>;
  /**
   * Called when any answer says the session is gone (`401 unauthenticated`): revoked on another
   * device, expired, or a cookie the browser never kept. Wrong passwords (`401 invalid_credentials`)
   * do not count.
   */
  onUnauthenticated?: () => void;
}

/**
 * A client for the API at `baseUrl` (same origin: "/api"; across origins: "https://api.example.com/api").
 * Cookies go along with every request, so sessions work across origins when the server allowlists the page.
 */
export function createApiClient(baseUrl = '/api', options: ApiClientOptions = {}): ApiClient {
  const base = new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/').toString().replace(/\/$/, '');
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const watched: typeof fetch = options.onUnauthenticated
    ? async (input, init) => {
        const response = await send(input, init);
        if (response.status === 401) void sessionGone(response.clone()).then((gone) => gone && options.onUnauthenticated!());
        return response;
      }
    : send;
  return typedClient(base, watched, options.headers);
}

async function sessionGone(response: Response): Promise<boolean> {
  try {
    return ((await response.json()) as { error?: ApiErrorBody }).error?.code === 'unauthenticated';
  } catch {
    return false;
  }
}

type Json<R> = R extends { json(): Promise<infer T> } ? T : never;

/**
 * Awaits a client call and returns its JSON, or throws `ApiError` for a non-2xx answer.
 * `const { user } = await read(api.me.$get())`.
 */
export async function read<R extends Response | { ok: boolean; status: number; json(): Promise<unknown> }>(
  call: Promise<R>,
): Promise<Exclude<Json<R>, { error: ApiErrorBody }>> {
  const response = (await call) as unknown as Response;
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as never;
  return (await response.json()) as never;
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = { code: 'http_' + response.status, message: 'Something went wrong. Please try again.' };
  try {
    const parsed = (await response.json()) as { error?: ApiErrorBody };
    if (parsed?.error?.code) body = parsed.error;
  } catch {
    // not JSON (a proxy error page): keep the generic message
  }
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, body, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/** A message a person can read, for any thrown value. */
export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : error instanceof TypeError ? 'The server could not be reached. Check your connection and try again.' : 'Something went wrong. Please try again.';
