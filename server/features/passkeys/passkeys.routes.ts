import { createRoute, z } from '@hono/zod-openapi';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { currentUser } from '../../lib/auth';
import { idParams, text } from '../../lib/schemas';
import { AuthenticationResponse, RegistrationResponse } from './passkeys.schemas';
import { errorResponses, ErrorSchema, featureRouter, jsonBody, jsonResponse, noContent } from '../../lib/openapi';
import { completeSignIn } from '../sign-in/sign-in-completion';
import { PasswordSchema } from '../accounts/accounts.schemas';
import { confirmItsYou as confirmPassword } from '../../lib/reauthenticate';
import { authenticationOptions, invalidPasskey, listPasskeys, registerPasskey, registrationOptions, removePasskey, renamePasskey, verifyPasskey } from './passkeys.service';

const tags = ['Passkeys'];

const PasskeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    synced: z.boolean().openapi({ description: 'Backed up by a passkey provider (iCloud Keychain, Google Password Manager) rather than bound to one device.' }),
  })
  .openapi('Passkey');

const NameSchema = text({ error: 'Give the passkey a name.' }).trim().min(1, 'Give the passkey a name.').max(64, 'Use at most 64 characters.');
const options = (description: string) => jsonResponse(z.record(z.string(), z.unknown()).openapi({ description }));

const registrationOptionsRoute = createRoute({
  method: 'post',
  path: '/security/passkeys/options',
  tags,
  summary: 'Start adding a passkey (after the password): PublicKeyCredentialCreationOptionsJSON',
  request: jsonBody(z.object({ password: PasswordSchema.optional() })),
  responses: { 200: options('PublicKeyCredentialCreationOptionsJSON'), ...errorResponses },
});
const registerRoute = createRoute({
  method: 'post',
  path: '/security/passkeys',
  tags,
  summary: "Keep the new passkey: the browser's RegistrationResponseJSON",
  request: jsonBody(z.object({ name: NameSchema, response: RegistrationResponse })),
  responses: { 201: jsonResponse(z.object({ passkey: PasskeySchema })), ...errorResponses, 409: jsonResponse(ErrorSchema, 'Already registered') },
});
const listRoute = createRoute({
  method: 'get',
  path: '/security/passkeys',
  tags,
  summary: "The signed-in user's passkeys",
  responses: { 200: jsonResponse(z.object({ passkeys: z.array(PasskeySchema) })), 401: errorResponses[401] },
});
const renameRoute = createRoute({
  method: 'patch',
  path: '/security/passkeys/{id}',
  tags,
  summary: 'Rename a passkey',
  request: { params: idParams('passkey'), ...jsonBody(z.object({ name: NameSchema })) },
  responses: { 200: jsonResponse(z.object({ passkey: PasskeySchema })), ...errorResponses, 404: jsonResponse(ErrorSchema, 'No such passkey') },
});
const removeRoute = createRoute({
  method: 'delete',
  path: '/security/passkeys/{id}',
  tags,
  summary: 'Remove a passkey',
  request: { params: idParams('passkey') },
  responses: { 204: noContent, ...errorResponses, 404: jsonResponse(ErrorSchema, 'No such passkey') },
});
const signInOptionsRoute = createRoute({
  method: 'post',
  path: '/auth/passkey/options',
  tags,
  summary: 'Start a passkey sign-in: PublicKeyCredentialRequestOptionsJSON for a discoverable credential',
  responses: { 200: options('PublicKeyCredentialRequestOptionsJSON') },
});
const signInRoute = createRoute({
  method: 'post',
  path: '/auth/passkey',
  tags,
  summary: 'Sign in with a passkey alone',
  request: jsonBody(z.object({ response: AuthenticationResponse })),
  responses: { 200: jsonResponse(z.object({ status: z.literal('signed_in'), user: z.record(z.string(), z.unknown()) })), 401: jsonResponse(ErrorSchema, 'invalid_passkey'), 423: jsonResponse(ErrorSchema, 'account_locked') },
});

export const passkeysRoutes = featureRouter()
  .openapi(registrationOptionsRoute, async (c) => {
    const user = currentUser(c);
    await confirmPassword(c.get('deps'), user, c.req.valid('json').password);
    return c.json((await registrationOptions(c, user)) as unknown as Record<string, unknown>, 200);
  })
  .openapi(registerRoute, async (c) => {
    const { name, response } = c.req.valid('json');
    return c.json({ passkey: await registerPasskey(c, currentUser(c), { name, response: response as unknown as RegistrationResponseJSON }) }, 201);
  })
  .openapi(listRoute, async (c) => c.json({ passkeys: await listPasskeys(c.get('deps'), currentUser(c).id) }, 200))
  .openapi(renameRoute, async (c) => {
    const passkey = await renamePasskey(c.get('deps'), currentUser(c).id, c.req.valid('param').id, c.req.valid('json').name);
    return c.json({ passkey }, 200);
  })
  .openapi(removeRoute, async (c) => {
    await removePasskey(c.get('deps'), currentUser(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(signInOptionsRoute, async (c) => c.json((await authenticationOptions(c)) as unknown as Record<string, unknown>, 200))
  .openapi(signInRoute, async (c) => {
    const userId = await verifyPasskey(c, c.req.valid('json').response as unknown as AuthenticationResponseJSON);
    if (!userId) throw invalidPasskey();
    // A passkey with user verification is two factors in one (the device, and the PIN or biometric
    // that unlocked it), so it completes the sign-in without the code step.
    return c.json(await completeSignIn(c, userId, 'passkey'), 200);
  });
