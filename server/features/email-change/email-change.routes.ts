import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { text } from '../../lib/schemas';
import { EmailSchema, PasswordSchema } from '../accounts/accounts.schemas';
import { cancelPendingEmailChange, confirmEmailChange, requestEmailChange, resendEmailChange, undoEmailChange } from './email-change.service';

const tags = ['Profile'];
const TokenBody = z.object({ token: text({ error: 'The link has no token.' }).min(20, 'token: this link is not complete.').max(200, 'token: this link is not valid.') });
const Pending = z.object({ pendingEmail: z.string() });
const EmailAnswer = z.object({ email: z.string() });

const requestRoute = jsonRoute('post', '/profile/email', {
  tags, summary: 'Change the sign-in email: a link to the new address, a notice with an undo link to the old one',
  body: z.object({ newEmail: EmailSchema, password: PasswordSchema.optional() }), response: Pending, status: 202, responseDescription: 'The link was sent; nothing changes until it is opened',
  errors: { 409: '`email_taken`' },
});
const resendRoute = jsonRoute('post', '/profile/email/resend', {
  tags, summary: 'Send the links of the pending change again (the earlier ones stop working)',
  badRequest: true, response: Pending, status: 202, errors: { 404: 'Nothing pending' },
});
const dropRoute = jsonRoute('delete', '/profile/email', { tags, summary: 'Cancel the pending change', badRequest: true, noContent: true });
const confirmRoute = jsonRoute('post', '/profile/email/confirm', {
  tags, summary: 'Open the link sent to the new address: from then on it is the sign-in email; other sessions end',
  public: true, body: TokenBody, response: EmailAnswer, errors: { 400: '`invalid_token`', 409: '`email_taken`' },
});
const undoRoute = jsonRoute('post', '/profile/email/cancel', {
  tags, summary: 'The undo link sent to the old address: stops the change, or puts the old address back and ends every session',
  public: true, body: TokenBody, response: EmailAnswer, errors: { 400: '`invalid_token`' },
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
