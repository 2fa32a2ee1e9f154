import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Field name → human reason, for validation errors. */
export type FieldErrors = Record<string, string>;

/**
 * The one error type of the server. Services throw it; `onError` in app.ts turns it into
 * `{"error":{"code","message","fields"?}}` with the right status (API.md "Conventions").
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, fields?: FieldErrors) =>
  new AppError(400, code, message, fields);

/** A validation error naming one field. */
export const invalidField = (field: string, why: string) =>
  new AppError(400, 'validation_failed', why, { [field]: why });

export const unauthorized = (message = 'Sign in to continue.') =>
  new AppError(401, 'unauthenticated', message);

export const forbidden = (code = 'forbidden', message = 'You are not allowed to do this.') =>
  new AppError(403, code, message);

export const notFound = (what = 'That item') => new AppError(404, 'not_found', `${what} was not found.`);

export const conflict = (code: string, message: string, fields?: FieldErrors) =>
  new AppError(409, code, message, fields);

export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests. Try again later.') =>
  new AppError(429, 'rate_limited', message, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

/** More attempts for one account are being judged than may be at once: nothing was counted, retry shortly. */
export const tryAgain = () =>
  new AppError(429, 'try_again', 'Another sign-in attempt for this account is still being checked. Try again in a moment.', undefined, { 'Retry-After': '1' });

export const locked = (retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    423,
    'account_locked',
    `Too many failed attempts. Try again in ${formatWait(seconds)}.`,
    undefined,
    { 'Retry-After': String(seconds) },
  );
};

export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/** Postgres unique violation, as both drivers report it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: any = error; e; e = e.cause) {
    if (e.code === '23505') return !constraint || e.constraint_name === constraint || e.constraint === constraint || String(e.message).includes(constraint);
  }
  return false;
}
