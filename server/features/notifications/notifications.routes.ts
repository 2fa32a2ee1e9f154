import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
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

const getRoute = jsonRoute('get', '/notifications', { tags, summary: 'The email notification settings (security mail is always sent and has no toggle)', response: NotificationSettingsSchema });
const putRoute = jsonRoute('put', '/notifications', { tags, summary: 'Replace the email notification settings', body: NotificationSettingsSchema, response: NotificationSettingsSchema });

export const notificationsRoutes = featureRouter()
  .openapi(getRoute, async (c) => c.json(await getNotificationSettings(c.var.deps, currentUser(c).id), 200))
  .openapi(putRoute, async (c) => {
    const user = currentUser(c);
    return c.json(await putNotificationSettings(c.var.deps, user.id, c.req.valid('json')), 200);
  });
