import { z } from '@hono/zod-openapi';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { EmailSchema, PasswordSchema } from '../accounts/accounts.schemas';
import { recoveryMethods, requestReset, resetPassword } from './password-recovery.service';
import { text } from '../../lib/schemas';

const tags = ['Password recovery'];

const methodsRoute = jsonRoute('get', '/auth/password-recovery', {
  tags, summary: 'How a password can be recovered here (SMS when phone confirmation is on)',
  public: true, response: z.object({ methods: z.array(z.enum(['email', 'sms'])) }),
});

const requestRoute = jsonRoute('post', '/auth/password-recovery', {
  tags, summary: 'Send a reset link by email, or a code by SMS to the confirmed phone; the same answer for every address',
  public: true, body: z.object({ email: EmailSchema, method: z.enum(['email', 'sms'], { error: 'method: choose email or sms.' }).default('email') }), response: z.object({ accepted: z.literal(true) }), status: 202, responseDescription: 'Accepted; a message went out when the account exists',
  errors: { 400: 'Invalid input' },
});

const CodeSchema = text({ error: 'code: enter the code.' }).trim().regex(/^\d{6}$/, 'Enter the 6 digits of the code.');
const ResetBody = z.union([
  z.object({ token: text({ error: 'token: the link has no token.' }).min(20, 'token: the link is incomplete.').max(200, 'token: the link is not valid.'), newPassword: PasswordSchema }),
  z.object({ email: EmailSchema, code: CodeSchema, newPassword: PasswordSchema }),
]);
const resetRoute = jsonRoute('post', '/auth/password-recovery/reset', {
  tags, summary: 'Choose a new password with the emailed token, or with the email and the SMS code; ends every session',
  public: true, body: ResetBody, noContent: true, errors: { 400: '`invalid_token`, or `validation_failed` naming `newPassword`', 423: '`account_locked` (SMS code step)' },
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
