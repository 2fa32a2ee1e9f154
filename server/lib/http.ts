import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../context';
import { AppError, forbidden } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The server's own origin: the configured public one, else the one the request reached. */
export const ownOrigin = (publicOrigin: string | undefined, url: string) => publicOrigin ?? new URL(url).origin;

/** localhost, *.localhost, 127.0.0.0/8 and ::1: names that can only mean the machine itself. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * API.md: a state-changing request whose Origin is present and is neither ours nor allowlisted
 * gets 403 `csrf`. hono/csrf only looks at form content types, so JSON needs this check.
 */
export function checkOrigin(c: Context<Env>, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (origin && origin !== ownOrigin(c.get('deps').options.publicOrigin, c.req.url) && !allowedOrigins.includes(origin)) {
    throw forbidden('csrf', 'This request came from a site that is not allowed to change your settings.');
  }
}

/** Paths (relative to the mount) that take multipart bodies instead of JSON. */
const MULTIPART_PATHS = [/\/profile\/avatar$/];

/** JSON bodies need `Content-Type: application/json`, else 415 (API.md "Conventions"). */
export function checkJsonBody(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  const hasBody = type !== undefined || Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  const multipartOk = type === 'multipart/form-data' && MULTIPART_PATHS.some((re) => re.test(c.req.path));
  if (hasBody && type !== 'application/json' && !multipartOk) {
    throw new AppError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
}

/** CSP directives; frame-ancestors and connect-src come from the allowlist (nosniff etc. below). */
function contentSecurityPolicy(allowedOrigins: readonly string[]): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'", ...allowedOrigins],
    'frame-ancestors': ["'self'", ...allowedOrigins],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The security header set: a constant per app, so it is built once, not per request. */
export function securityHeaderSet(allowedOrigins: readonly string[]): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy(allowedOrigins)],
    ['Cross-Origin-Resource-Policy', allowedOrigins.length ? 'cross-origin' : 'same-origin'],
    // OAuth popups (RingCentral registration, connected accounts) must keep `window.opener` to report back.
    ['Cross-Origin-Opener-Policy', 'same-origin-allow-popups'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    // No X-Frame-Options: frame-ancestors says who may frame us, and XFO cannot express a list.
  ];
}

const CORS_METHODS = 'GET,POST,PUT,PATCH,DELETE';
const CORS_HEADERS = 'Content-Type';

/**
 * Security headers and CORS, set *before* the handler runs. Headers written onto `c.res` after
 * `next()` (as hono/secure-headers and hono/cors do) make @hono/node-server give up its light
 * response and build a web-stream Response for every request; set up front, the body goes out as a
 * plain string. A handler's own header (the avatar's stricter CSP) still wins, since it is written later.
 *
 * CORS: only allowlisted origins get `Access-Control-Allow-Origin` (never a reflected arbitrary
 * one), with credentials. Returns the answer to a preflight, which ends the request here.
 */
export function headerSetter(allowedOrigins: readonly string[]): (c: Context) => Response | undefined {
  const fixed = securityHeaderSet(allowedOrigins);
  const allowed = new Set(allowedOrigins);
  return (c) => {
    for (const [name, value] of fixed) c.header(name, value);
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin');
    if (origin && allowed.has(origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
    }
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('Access-Control-Max-Age', '600');
      c.header('Access-Control-Allow-Methods', CORS_METHODS);
      c.header('Access-Control-Allow-Headers', CORS_HEADERS);
      c.header('Vary', 'Origin, Access-Control-Request-Headers');
      return c.body(null, 204);
    }
    return undefined;
  };
}

/** `headerSetter` as a middleware, for what the server serves beside the API (the demo's files). */
export function responseHeaders(allowedOrigins: readonly string[]): MiddlewareHandler {
  const setHeaders = headerSetter(allowedOrigins);
  return async (c, next) => setHeaders(c) ?? next();
}
