import { z } from '@hono/zod-openapi';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { currentUser } from '../../lib/auth';
import { idParams, text } from '../../lib/schemas';
import { AuthenticationResponse, RegistrationResponse } from './passkeys.schemas';
import { featureRouter, jsonRoute } from '../../lib/openapi';
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
const options = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });
const PasskeyAnswer = z.object({ passkey: PasskeySchema });
const noSuchPasskey = { 404: 'No such passkey' } as const;

const registrationOptionsRoute = jsonRoute('post', '/security/passkeys/options', {
  tags, summary: 'Start adding a passkey (after the password): PublicKeyCredentialCreationOptionsJSON',
  body: z.object({ password: PasswordSchema.optional() }), response: options('PublicKeyCredentialCreationOptionsJSON'),
});
const registerRoute = jsonRoute('post', '/security/passkeys', {
  tags, summary: "Keep the new passkey: the browser's RegistrationResponseJSON",
  body: z.object({ name: NameSchema, response: RegistrationResponse }), response: PasskeyAnswer, status: 201, errors: { 409: 'Already registered' },
});
const listRoute = jsonRoute('get', '/security/passkeys', { tags, summary: "The signed-in user's passkeys", response: z.object({ passkeys: z.array(PasskeySchema) }) });
const renameRoute = jsonRoute('patch', '/security/passkeys/{id}', {
  tags, summary: 'Rename a passkey',
  params: idParams('passkey'), body: z.object({ name: NameSchema }), response: PasskeyAnswer, errors: noSuchPasskey,
});
const removeRoute = jsonRoute('delete', '/security/passkeys/{id}', { tags, summary: 'Remove a passkey', params: idParams('passkey'), noContent: true, errors: noSuchPasskey });
const signInOptionsRoute = jsonRoute('post', '/auth/passkey/options', {
  tags, summary: 'Start a passkey sign-in: PublicKeyCredentialRequestOptionsJSON for a discoverable credential',
  public: true, response: options('PublicKeyCredentialRequestOptionsJSON'),
});
const signInRoute = jsonRoute('post', '/auth/passkey', {
  tags, summary: 'Sign in with a passkey alone',
  public: true, badRequest: false, body: z.object({ response: AuthenticationResponse }), response: z.object({ status: z.literal('signed_in'), user: z.record(z.string(), z.unknown()) }),
  errors: { 401: 'invalid_passkey', 423: 'account_locked' },
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
