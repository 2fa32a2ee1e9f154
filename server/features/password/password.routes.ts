import { z } from '@hono/zod-openapi';
import { currentAuth } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { PasswordSchema } from '../accounts/accounts.schemas';
import { changePassword } from './password.service';
import { text } from '../../lib/schemas';

const ChangePasswordBody = z
  .object({
    currentPassword: text({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024, 'Use at most 128 characters.'),
    newPassword: PasswordSchema,
  })
  .openapi('ChangePassword');

const changeRoute = jsonRoute('post', '/security/password', {
  tags: ['Security'], summary: 'Change the password; other sessions and trusted devices are revoked, and an email tells the user',
  body: ChangePasswordBody, noContent: true, errors: { 423: '`account_locked`: too many wrong current passwords, with Retry-After' },
});

export const passwordRoutes = featureRouter().openapi(changeRoute, async (c) => {
  const auth = currentAuth(c);
  await changePassword(c.var.deps, auth.user, auth.sessionId, c.req.valid('json'));
  return c.body(null, 204);
});
