import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { startRegistration } from '../ringcentral/ringcentral.service';
import { confirmVerification, sendTest, sendVerification } from './contacts.delivery';
import { CHANNELS, createContact, deleteContact, listContacts, ownContact, PROVIDERS, ringcentralInfo, STATUSES, updateContact, VALUE_MAX } from './contacts.service';
import { idParams, multilineText, text } from '../../lib/schemas';

const tags = ['Contacts'];

const channel = z.enum(CHANNELS, { error: 'Choose a channel: sms, call, whatsapp or email.' });
const provider = z.enum(PROVIDERS, { error: 'Choose a provider: twilio, ringcentral or mailgun.' });
const status = z.enum(STATUSES, { error: 'Choose a status: active, pending or disabled.' });
const value = text({ error: 'Enter a phone number or an email address.' })
  .max(VALUE_MAX, `Use at most ${VALUE_MAX} characters.`)
  .openapi({ description: 'A phone number in international format (stored as E.164) or an email address (stored lower-cased).', example: '+14155552671' });
const isDefault = z.boolean({ error: 'isDefault is true or false.' });

export const ContactSchema = z
  .object({
    id: z.string(),
    channel,
    provider,
    value: z.string(),
    status,
    isDefault: z.boolean(),
    registered: z.boolean().openapi({ description: 'False only for a RingCentral contact that still needs its OAuth registration.' }),
    verifiedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Contact');

const NewContactSchema = z
  .object({ channel, provider, value, status: status.optional(), isDefault: isDefault.optional() })
  .openapi('NewContact', { description: '`status` defaults to `pending`; `active` comes only from verifying.' });
const ContactChangesSchema = z
  .object({ provider: provider.optional(), value: value.optional(), status: status.optional(), isDefault: isDefault.optional() })
  .openapi('ContactChanges');
const params = idParams('contact');
const contactBody = z.object({ contact: ContactSchema });
const notFound = { 404: 'No such contact of yours' } as const;
const deliveryFailed = { 502: '`delivery_failed`' } as const;

const ContactList = z.object({
  contacts: z.array(ContactSchema),
  ringcentral: z.object({ configured: z.boolean(), sandbox: z.boolean() }).openapi({ description: 'Whether RingCentral registration is available here, and whether it is the local sandbox.' }),
});
const listRoute = jsonRoute('get', '/contacts', { tags, summary: "The signed-in user's contacts", response: ContactList });
const createContactRoute = jsonRoute('post', '/contacts', {
  tags, summary: 'Add a contact',
  body: NewContactSchema, response: contactBody, status: 201, responseDescription: 'Created',
  errors: { 409: '`contact_exists`: the same channel and value again; `contact_limit`: at most 25 contacts' },
});
const patchRoute = jsonRoute('patch', '/contacts/{id}', {
  tags, summary: 'Change a contact (a new value or provider needs verifying again)',
  params, body: ContactChangesSchema, response: contactBody, errors: { ...notFound, 409: '`contact_exists`' },
});
const deleteRoute = jsonRoute('delete', '/contacts/{id}', { tags, summary: 'Remove a contact (a RingCentral registration is revoked)', params, badRequest: false, noContent: true, errors: notFound });
const verifyRoute = jsonRoute('post', '/contacts/{id}/verify', {
  tags, summary: 'Send a verification code through the contact’s provider',
  params, response: z.object({ expiresAt: z.string(), resendAfterSeconds: z.number() }), status: 202, responseDescription: 'Sent',
  errors: { ...notFound, 409: '`already_verified`, `contact_disabled`, `ringcentral_not_registered`', 429: 'A code was sent less than 30 seconds ago', ...deliveryFailed },
});
const confirmRoute = jsonRoute('post', '/contacts/{id}/verify/confirm', {
  tags, summary: 'Confirm the code: the contact becomes active',
  params, body: z.object({ code: text({ error: 'Enter the 6-digit code.' }).trim().min(1, 'Enter the 6-digit code.').max(12, 'The code has 6 digits.') }), response: contactBody,
  errors: { ...notFound, 423: 'Too many wrong codes' },
});
const testRoute = jsonRoute('post', '/contacts/{id}/test', {
  tags, summary: 'Send a test message (or call) through the contact’s provider',
  params, body: z.object({ message: multilineText({ error: 'The message is text.' }).trim().max(480, 'Use at most 480 characters.').optional() }), bodyOptional: true, response: z.object({ id: z.string() }), status: 202, responseDescription: 'Handed to the provider',
  errors: { ...notFound, 409: '`ringcentral_not_registered`, `contact_not_verified`, `contact_disabled`', 429: 'A test was sent less than 30 seconds ago', ...deliveryFailed },
});
const registerRoute = jsonRoute('post', '/contacts/{id}/ringcentral/register', {
  tags, summary: 'Start the RingCentral OAuth registration (state + PKCE S256); open `authorizeUrl` in a popup',
  params, response: z.object({ authorizeUrl: z.string() }), errors: { ...notFound, 409: '`not_ringcentral`', 503: '`ringcentral_unavailable`: no RingCentral app configured' },
});

export const contactsRoutes = featureRouter()
  .openapi(listRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ contacts: await listContacts(c.var.deps, user.id), ringcentral: ringcentralInfo(c.var.deps) }, 200);
  })
  .openapi(createContactRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ contact: await createContact(c.var.deps, user.id, c.req.valid('json')) }, 201);
  })
  .openapi(patchRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ contact: await updateContact(c.var.deps, user.id, c.req.valid('param').id, c.req.valid('json')) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const user = currentUser(c);
    await deleteContact(c.var.deps, user.id, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(verifyRoute, async (c) => {
    const user = currentUser(c);
    return c.json(await sendVerification(c.var.deps, user, c.req.valid('param').id), 202);
  })
  .openapi(confirmRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ contact: await confirmVerification(c.var.deps, user, c.req.valid('param').id, c.req.valid('json').code) }, 200);
  })
  .openapi(testRoute, async (c) => {
    const user = currentUser(c);
    const body = (c.req.valid('json') as { message?: string } | undefined) ?? {};
    return c.json(await sendTest(c.var.deps, user, c.req.valid('param').id, body.message), 202);
  })
  .openapi(registerRoute, async (c) => {
    const user = currentUser(c);
    const contact = await ownContact(c.var.deps.db, user.id, c.req.valid('param').id);
    return c.json(await startRegistration(c, user.id, contact), 200);
  });
