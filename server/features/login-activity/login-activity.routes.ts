import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { ACTIVITY_LIMIT_DEFAULT, ACTIVITY_LIMIT_MAX, listLoginActivity, loginAlertsEnabled, setLoginAlerts } from './login-activity.service';
import { text } from '../../lib/schemas';

const tags = ['Security'];

export const LoginActivitySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    success: z.boolean(),
    reason: z.enum(['wrong_password', 'wrong_code', 'locked', 'account_disabled']).nullable().openapi({ description: 'Why it failed; null on success.' }),
    method: z.string().openapi({ description: '`password`, `sign_up`, `totp`, `sms`, `recovery_code`, `trusted_device`…' }),
    ip: z.string().nullable(),
    country: z.string().nullable(),
    device: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
  })
  .openapi('LoginActivity');

const ActivityQuery = z.object({
  limit: z.coerce
    .number({ error: 'Give a whole number from 1 to 100.' })
    .int('Give a whole number from 1 to 100.')
    .min(1, 'Give a whole number from 1 to 100.')
    .max(ACTIVITY_LIMIT_MAX, 'Give a whole number from 1 to 100.')
    .default(ACTIVITY_LIMIT_DEFAULT),
  cursor: text().max(200, 'Not a cursor from a previous page.').optional(),
});
const listRoute = jsonRoute('get', '/security/login-activity', {
  tags, summary: 'Sign-in attempts on this account, newest first, a page at a time',
  query: ActivityQuery, response: z.object({ items: z.array(LoginActivitySchema), nextCursor: z.string().nullable() }), responseDescription: '`nextCursor` is null on the last page',
});

const LoginAlertsSchema = z.object({ newLoginEmail: z.boolean({ error: 'Give true or false.' }) }).openapi('LoginAlerts');

const getAlertsRoute = jsonRoute('get', '/security/login-alerts', { tags, summary: 'Whether a sign-in from a new device or browser sends an email', response: LoginAlertsSchema });

const putAlertsRoute = jsonRoute('put', '/security/login-alerts', { tags, summary: 'Turn the new-login alert email on or off', body: LoginAlertsSchema, response: LoginAlertsSchema });

export const loginActivityRoutes = featureRouter()
  .openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listLoginActivity(c.var.deps, currentUser(c).id, { limit, cursor }), 200);
  })
  .openapi(getAlertsRoute, async (c) => c.json({ newLoginEmail: await loginAlertsEnabled(c.var.deps, currentUser(c).id) }, 200))
  .openapi(putAlertsRoute, async (c) => {
    const { newLoginEmail } = c.req.valid('json');
    await setLoginAlerts(c.var.deps, currentUser(c).id, newLoginEmail);
    return c.json({ newLoginEmail }, 200);
  });
