import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { errorResponses, featureRouter, jsonBody, jsonResponse } from '../../lib/openapi';
import { getNotificationSettings, putNotificationSettings } from './notifications.service';

const flag = (name: string, description: string) =>
  z.boolean({ error: `${name} must be true or false.` }).openapi({ description });

export const NotificationSettingsSchema = z
  .object({
    callAlerts: flag('callAlerts', 'Get notified about new calls'),
    campaignUpdates: flag('campaignUpdates', 'Progress updates on running campaigns'),
    integrationAlerts: flag('integrationAlerts', 'Sync failures and connection issues'),
    billing: flag('billing', 'Payment confirmations and usage warnings'),
    productUpdates: flag('productUpdates', 'New features and improvements'),
    marketing: flag('marketing', 'Tips, best practices, and offers (off by default)'),
  })
  .strict()
  .openapi('NotificationSettings');

const tags = ['Notifications'];

const getRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'The email notification settings (security mail is always sent and has no toggle)',
  responses: { 200: jsonResponse(NotificationSettingsSchema), 401: errorResponses[401] },
});

const putRoute = createRoute({
  method: 'put',
  path: '/notifications',
  tags,
  summary: 'Replace the email notification settings',
  request: jsonBody(NotificationSettingsSchema),
  responses: { 200: jsonResponse(NotificationSettingsSchema), ...errorResponses },
});

export const notificationsRoutes = featureRouter()
  .openapi(getRoute, async (c) => c.json(await getNotificationSettings(c.var.deps, currentUser(c).id), 200))
  .openapi(putRoute, async (c) => {
    const user = currentUser(c);
    return c.json(await putNotificationSettings(c.var.deps, user.id, c.req.valid('json')), 200);
  });
