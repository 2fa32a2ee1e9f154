import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, featureRouter, jsonBody, jsonResponse, noContent } from '../../lib/openapi';
import { EmailSchema, PasswordSchema } from '../accounts/accounts.schemas';
import { recoveryMethods, requestReset, resetPassword } from './password-recovery.service';
import { text } from '../../lib/schemas';

const tags = ['Password recovery'];

const methodsRoute = createRoute({
  method: 'get',
  path: '/auth/password-recovery',
  tags,
  summary: 'How a password can be recovered here (SMS when phone confirmation is on)',
  responses: { 200: jsonResponse(z.object({ methods: z.array(z.enum(['email', 'sms'])) })) },
});

const requestRoute = createRoute({
  method: 'post',
  path: '/auth/password-recovery',
  tags,
  summary: 'Send a reset link by email, or a code by SMS to the confirmed phone; the same answer for every address',
  request: jsonBody(z.object({ email: EmailSchema, method: z.enum(['email', 'sms'], { error: 'method: choose email or sms.' }).default('email') })),
  responses: {
    202: jsonResponse(z.object({ accepted: z.literal(true) }), 'Accepted; a message went out when the account exists'),
    400: jsonResponse(ErrorSchema, 'Invalid input'),
  },
});

const CodeSchema = text({ error: 'code: enter the code.' }).trim().regex(/^\d{6}$/, 'Enter the 6 digits of the code.');
const resetRoute = createRoute({
  method: 'post',
  path: '/auth/password-recovery/reset',
  tags,
  summary: 'Choose a new password with the emailed token, or with the email and the SMS code; ends every session',
  request: jsonBody(
    z.union([
      z.object({ token: text({ error: 'token: the link has no token.' }).min(20, 'token: the link is incomplete.').max(200, 'token: the link is not valid.'), newPassword: PasswordSchema }),
      z.object({ email: EmailSchema, code: CodeSchema, newPassword: PasswordSchema }),
    ]),
  ),
  responses: {
    204: noContent,
    400: jsonResponse(ErrorSchema, '`invalid_token`, or `validation_failed` naming `newPassword`'),
    423: jsonResponse(ErrorSchema, '`account_locked` (SMS code step)'),
  },
});

export const passwordRecoveryRoutes = featureRouter()
  .openapi(methodsRoute, async (c) => c.json({ methods: await recoveryMethods(c.var.deps) }, 200))
  .openapi(requestRoute, async (c) => {
    await requestReset(c, c.req.valid('json'));
    return c.json({ accepted: true as const }, 202);
  })
  .openapi(resetRoute, async (c) => {
    await resetPassword(c.var.deps, c.req.valid('json'));
    return c.body(null, 204);
  });
