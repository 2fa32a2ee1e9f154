import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { errorResponses, ErrorSchema, featureRouter, jsonBody, jsonResponse, noContent } from '../../lib/openapi';
import { text } from '../../lib/schemas';
import { EmailSchema, PasswordSchema } from '../accounts/accounts.schemas';
import { cancelPendingEmailChange, confirmEmailChange, requestEmailChange, resendEmailChange, undoEmailChange } from './email-change.service';

const tags = ['Profile'];
const TokenBody = z.object({ token: text({ error: 'The link has no token.' }).min(20, 'token: this link is not complete.').max(200, 'token: this link is not valid.') });
const Pending = z.object({ pendingEmail: z.string() });

const requestRoute = createRoute({
  method: 'post',
  path: '/profile/email',
  tags,
  summary: 'Change the sign-in email: a link to the new address, a notice with an undo link to the old one',
  request: jsonBody(z.object({ newEmail: EmailSchema, password: PasswordSchema.optional() })),
  responses: { 202: jsonResponse(Pending, 'The link was sent; nothing changes until it is opened'), ...errorResponses, 409: jsonResponse(ErrorSchema, '`email_taken`') },
});
const resendRoute = createRoute({
  method: 'post',
  path: '/profile/email/resend',
  tags,
  summary: 'Send the links of the pending change again (the earlier ones stop working)',
  responses: { 202: jsonResponse(Pending), ...errorResponses, 404: jsonResponse(ErrorSchema, 'Nothing pending') },
});
const dropRoute = createRoute({
  method: 'delete',
  path: '/profile/email',
  tags,
  summary: 'Cancel the pending change',
  responses: { 204: noContent, ...errorResponses },
});
const confirmRoute = createRoute({
  method: 'post',
  path: '/profile/email/confirm',
  tags,
  summary: 'Open the link sent to the new address: from then on it is the sign-in email; other sessions end',
  request: jsonBody(TokenBody),
  responses: { 200: jsonResponse(z.object({ email: z.string() })), 400: jsonResponse(ErrorSchema, '`invalid_token`'), 409: jsonResponse(ErrorSchema, '`email_taken`') },
});
const undoRoute = createRoute({
  method: 'post',
  path: '/profile/email/cancel',
  tags,
  summary: 'The undo link sent to the old address: stops the change, or puts the old address back and ends every session',
  request: jsonBody(TokenBody),
  responses: { 200: jsonResponse(z.object({ email: z.string() })), 400: jsonResponse(ErrorSchema, '`invalid_token`') },
});

export const emailChangeRoutes = featureRouter()
  .openapi(requestRoute, async (c) => c.json(await requestEmailChange(c, currentUser(c), c.req.valid('json')), 202))
  .openapi(resendRoute, async (c) => c.json(await resendEmailChange(c, currentUser(c)), 202))
  .openapi(dropRoute, async (c) => {
    await cancelPendingEmailChange(c.get('deps'), currentUser(c).id);
    return c.body(null, 204);
  })
  .openapi(confirmRoute, async (c) => {
    // Any browser may open the link (the new address may be read on another device).
    const { email } = await confirmEmailChange(c.get('deps'), c.req.valid('json').token);
    return c.json({ email }, 200);
  })
  .openapi(undoRoute, async (c) => c.json(await undoEmailChange(c.get('deps'), c.req.valid('json').token), 200));
