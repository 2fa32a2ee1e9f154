import { createRoute, z } from '@hono/zod-openapi';
import { DATE_FORMAT_NAMES, THEMES, TIME_FORMATS } from '../../../shared/date-formats';
import { currentUser } from '../../lib/auth';
import { errorResponses, featureRouter, jsonBody, jsonResponse } from '../../lib/openapi';
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

const getRoute = createRoute({
  method: 'get',
  path: '/preferences',
  tags,
  summary: 'Theme, compact mode, date and time format (also in `/me` as `user.preferences`)',
  responses: { 200: jsonResponse(PreferencesSchema), 401: errorResponses[401] },
});

const putRoute = createRoute({
  method: 'put',
  path: '/preferences',
  tags,
  summary: 'Replace the display preferences',
  request: jsonBody(PreferencesSchema),
  responses: { 200: jsonResponse(PreferencesSchema), ...errorResponses },
});

export const preferencesRoutes = featureRouter()
  .openapi(getRoute, async (c) => c.json(await getPreferences(c.var.deps, currentUser(c).id), 200))
  .openapi(putRoute, async (c) => c.json(await putPreferences(c.var.deps, currentUser(c).id, c.req.valid('json')), 200));
