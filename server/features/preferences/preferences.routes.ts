import { z } from '@hono/zod-openapi';
import { DATE_FORMAT_NAMES, THEMES, TIME_FORMATS } from '../../../shared/date-formats';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { getPreferences, putPreferences } from './preferences.service';

export const PreferencesSchema = z
  .object({
    theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}.` }),
    compact: z.boolean({ error: 'compact must be true or false.' }),
    dateFormat: z.enum(DATE_FORMAT_NAMES, { error: `dateFormat must be one of ${DATE_FORMAT_NAMES.join(', ')}.` }),
    timeFormat: z.enum(TIME_FORMATS, { error: 'timeFormat must be 12h or 24h.' }),
  })
  .strict()
  .openapi('Preferences');

const tags = ['Preferences'];

const getRoute = jsonRoute('get', '/preferences', { tags, summary: 'Theme, compact mode, date and time format (also in `/me` as `user.preferences`)', response: PreferencesSchema });

const putRoute = jsonRoute('put', '/preferences', { tags, summary: 'Replace the display preferences', body: PreferencesSchema, response: PreferencesSchema });

export const preferencesRoutes = featureRouter()
  .openapi(getRoute, async (c) => c.json(await getPreferences(c.var.deps, currentUser(c).id), 200))
  .openapi(putRoute, async (c) => c.json(await putPreferences(c.var.deps, currentUser(c).id, c.req.valid('json')), 200));
