import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
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
export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== ownOrigin(c.var.deps.options.publicOrigin, c.req.url) && !allowedOrigins.includes(origin)) {
        throw forbidden('csrf', 'This request came from a site that is not allowed to change your settings.');
      }
    }
    await next();
  };
}

/** Paths (relative to the mount) that take multipart bodies instead of JSON. */
const MULTIPART_PATHS = [/\/profile\/avatar$/];

/** JSON bodies need `Content-Type: application/json`, else 415 (API.md "Conventions"). */
export const requireJsonBodies: MiddlewareHandler<Env> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    const hasBody = type !== undefined || Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    const multipartOk = type === 'multipart/form-data' && MULTIPART_PATHS.some((re) => re.test(c.req.path));
    if (hasBody && type !== 'application/json' && !multipartOk) {
      throw new AppError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
    }
  }
  await next();
};

/** CORS only for allowlisted origins, with credentials; never a reflected arbitrary origin. */
export const corsFor = (allowedOrigins: readonly string[]) =>
  cors({
    origin: (origin) => (allowedOrigins.includes(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });

/** nosniff, Referrer-Policy, and a CSP whose frame-ancestors come from the allowlist (SECURITY.md 24). */
export const securityHeaders = (allowedOrigins: readonly string[]) =>
  secureHeaders({
    overwrite: false, // a route's own stricter headers win (avatars: CSP default-src 'none')
    xFrameOptions: false, // frame-ancestors below says who may frame us; XFO cannot express a list
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginResourcePolicy: allowedOrigins.length ? 'cross-origin' : 'same-origin',
    // OAuth popups (RingCentral registration, connected accounts) must keep `window.opener` to report back.
    crossOriginOpenerPolicy: 'same-origin-allow-popups',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'", ...allowedOrigins],
      frameAncestors: ["'self'", ...allowedOrigins],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  });
