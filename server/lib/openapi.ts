import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env } from '../context';
import { AppError } from './errors';

/** A feature's router: validation failures become 400 `validation_failed` naming each field. */
export const featureRouter = () => new OpenAPIHono<Env>({ defaultHook: validationHook });

export function validationHook(result: { success: boolean; error?: unknown }) {
  if (result.success) return;
  const issues = (result.error as z.ZodError).issues ?? [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  const [first] = Object.entries(fields);
  throw new AppError(400, 'validation_failed', first ? `${first[0]}: ${first[1]}` : 'The request is not valid.', fields);
}

/** A JSON response. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

const noContent = { description: 'No content' } as const;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');

/** Responses every authenticated route can give, for the document. */
const errorResponses = {
  400: jsonResponse(ErrorSchema, 'Invalid input; `fields` names each problem'),
  401: jsonResponse(ErrorSchema, 'Not signed in'),
} as const;

/** For `jsonRoute`'s `errors`: the answer of every administrator route to a signed-in user who is none. */
export const adminOnly = { 403: '`admin_only`' } as const;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ParamsSchema = z.ZodObject | z.ZodPipe;
type ErrorResponse = ReturnType<typeof jsonResponse<typeof ErrorSchema>>;
type JsonResponse<S extends z.ZodType> = ReturnType<typeof jsonResponse<S>>;

/** What `jsonRoute` puts together; everything but `tags` and `summary` may be left out. */
export interface JsonRouteOptions {
  tags: string[];
  summary: string;
  description?: string;
  /** A JSON request body (`bodyOptional`: the body may be left out). */
  body?: z.ZodType;
  bodyOptional?: true;
  params?: ParamsSchema;
  query?: ParamsSchema;
  /** The JSON answer, with `status` (200 by default) and `responseDescription` ('OK' by default). */
  response?: z.ZodType;
  status?: 200 | 201 | 202;
  responseDescription?: string;
  /** The answer is 204 without a body. */
  noContent?: true;
  /** Needs no session: no 401 "Not signed in". */
  public?: true;
  /** The generic 400 "Invalid input": given by default when the route takes a body, params or a query. */
  badRequest?: boolean;
  /** Error answers (the `Error` schema), by status, with their descriptions. */
  errors?: Readonly<Record<number, string>>;
  /** Any other answers, as in `createRoute`. */
  responses?: Readonly<Record<number, ResponseConfig>>;
}
type ResponseConfig = { description: string; content?: Record<string, { schema: z.ZodType }> };

type Has<O, K extends string> = O extends Record<K, unknown> ? true : false;
type TakesInput<O> = true extends Has<O, 'body'> | Has<O, 'params'> | Has<O, 'query'> ? true : false;
type BadRequestOf<O> = O extends { badRequest: false } ? {} : O extends { badRequest: true } ? { 400: ErrorResponse } : TakesInput<O> extends true ? { 400: ErrorResponse } : {};
type MainOf<O> = O extends { noContent: true }
  ? { 204: typeof noContent }
  : O extends { response: infer S extends z.ZodType }
    ? { [K in O extends { status: infer N extends number } ? N : 200]: JsonResponse<S> }
    : {};
type ResponsesOf<O> = MainOf<O> &
  (O extends { public: true } ? {} : { 401: ErrorResponse }) &
  BadRequestOf<O> &
  (O extends { errors: infer E } ? { [K in keyof E]: ErrorResponse } : {}) &
  (O extends { responses: infer R } ? R : {});
type RequestOf<O> = (O extends { body: infer B extends z.ZodType } ? { body: { content: { 'application/json': { schema: B } }; required: boolean } } : {}) &
  (O extends { params: infer P extends ParamsSchema } ? { params: P } : {}) &
  (O extends { query: infer Q extends ParamsSchema } ? { query: Q } : {});
type JsonRoute<M extends Method, P extends string, O> = ReturnType<
  typeof createRoute<P, { method: M; path: P; tags: string[]; summary: string; description?: string; request: RequestOf<O>; responses: ResponsesOf<O> }>
>;

/**
 * A route in one call: `jsonRoute('get', '/notifications', { tags, summary, response: Schema })`. It adds
 * 401 unless `public`, and 400 when the route takes input, so a route lists only what is its own.
 * The document comes out as from the equivalent `createRoute` (same keys, same order).
 */
export function jsonRoute<M extends Method, P extends string, const O extends JsonRouteOptions>(method: M, path: P, options: O): JsonRoute<M, P, O> {
  const { tags, summary, description, body, bodyOptional, params, query } = options;
  const request = {
    ...(params && { params }),
    ...(query && { query }),
    ...(body && { body: { content: { 'application/json': { schema: body } }, required: !bodyOptional } }),
  };
  const takesInput = Boolean(body || params || query);
  const responses: Record<number, ResponseConfig> = {};
  if (options.noContent) responses[204] = noContent;
  if (options.response) responses[options.status ?? 200] = jsonResponse(options.response, options.responseDescription);
  if (!options.public) responses[401] = errorResponses[401];
  if (options.badRequest ?? takesInput) responses[400] = errorResponses[400];
  for (const [status, text] of Object.entries(options.errors ?? {})) responses[Number(status)] = jsonResponse(ErrorSchema, text);
  Object.assign(responses, options.responses);
  return createRoute({
    method,
    path,
    tags,
    summary,
    ...(description !== undefined && { description }),
    ...(Object.keys(request).length > 0 && { request }),
    responses,
  }) as never;
}
