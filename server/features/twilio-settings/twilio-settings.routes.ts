import { z } from '@hono/zod-openapi';
import { currentAdmin } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { e164 } from '../profile/profile.service';
import { clearTwilioSettings, readTwilioSettings, writeTwilioSettings } from './twilio-settings.service';
import { text } from '../../lib/schemas';

const tags = ['Administration'];

const TwilioSettingsSchema = z
  .object({
    accountSid: z.string().nullable().openapi({ example: 'AC0123456789abcdef0123456789abcdef' }),
    authToken: z.string().nullable().openapi({ description: 'Masked (`••••` and the last 4 characters); the token itself is never returned.' }),
    fromNumber: z.string().nullable().openapi({ example: '+14155550100' }),
    source: z.enum(['database', 'environment', 'none']).openapi({ description: 'Saved settings win over the TWILIO_* environment.' }),
    updatedAt: z.string().nullable(),
  })
  .openapi('TwilioSettings');

const TwilioSettingsInput = z
  .object({
    accountSid: text({ error: 'Enter the account SID.' })
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'The account SID is "AC" followed by 32 hexadecimal characters.'),
    authToken: text({ error: 'Enter the auth token.' })
      .trim()
      .regex(/^[0-9a-zA-Z]{16,64}$/, 'The auth token is 32 letters and digits from the Twilio console.')
      .optional()
      .openapi({ description: 'Write-only. Leave out to keep the saved token.' }),
    fromNumber: text({ error: "Enter the 'From' number." })
      .trim()
      .refine((v) => e164(v) !== null, "Enter the 'From' number in international format, e.g. +14155550100.")
      .transform((v) => e164(v)!),
  })
  .openapi('TwilioSettingsInput');

const forbidden = { 403: 'Not an administrator' } as const;

const getRoute = jsonRoute('get', '/admin/twilio', { tags, summary: 'The Twilio account used for SMS, WhatsApp and calls (token masked)', response: TwilioSettingsSchema, errors: forbidden });
const putRoute = jsonRoute('put', '/admin/twilio', {
  tags, summary: 'Save the Twilio account (encrypted at rest; wins over the environment; logged in the audit log without the token)',
  body: TwilioSettingsInput, response: TwilioSettingsSchema, errors: forbidden,
});
const deleteRoute = jsonRoute('delete', '/admin/twilio', {
  tags, summary: 'Forget the saved Twilio account (the environment, or the outbox, takes over; logged in the audit log)',
  response: TwilioSettingsSchema, errors: forbidden,
});

export const twilioSettingsRoutes = featureRouter()
  .openapi(getRoute, async (c) => {
    currentAdmin(c);
    return c.json(await readTwilioSettings(c.var.deps), 200);
  })
  .openapi(putRoute, async (c) => {
    const admin = currentAdmin(c);
    return c.json(await writeTwilioSettings(c.var.deps, admin, c.req.valid('json')), 200);
  })
  .openapi(deleteRoute, async (c) => {
    return c.json(await clearTwilioSettings(c.var.deps, currentAdmin(c)), 200);
  });
