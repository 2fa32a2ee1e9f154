import { OpenAPIHono, z } from '@hono/zod-openapi';
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

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** A JSON response. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const noContent = { description: 'No content' } as const;

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
export const errorResponses = {
  400: jsonResponse(ErrorSchema, 'Invalid input; `fields` names each problem'),
  401: jsonResponse(ErrorSchema, 'Not signed in'),
} as const;
