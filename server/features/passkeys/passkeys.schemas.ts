import { z } from '@hono/zod-openapi';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { text } from '../../lib/schemas';

/** A base64url value of the browser's answer (no control characters, bounded). */
const b64 = (what: string) => text({ error: `${what} is missing.` }).max(16_384, `${what} is too long.`);

/** `RegistrationResponseJSON` / `AuthenticationResponseJSON` as the browser's `credential.toJSON()` gives them. */
const credentialJson = <R extends z.ZodRawShape>(response: R) =>
  z.looseObject({
    id: b64('id'),
    rawId: b64('rawId'),
    type: z.literal('public-key', { error: 'type: expected "public-key".' }),
    response: z.looseObject(response),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  });
export const RegistrationResponse = credentialJson({ clientDataJSON: b64('clientDataJSON'), attestationObject: b64('attestationObject'), transports: z.array(text().max(32)).max(10).optional() });
export const AuthenticationResponse = credentialJson({ clientDataJSON: b64('clientDataJSON'), authenticatorData: b64('authenticatorData'), signature: b64('signature'), userHandle: b64('userHandle').optional() });


/** The 2FA code step carries the assertion as a JSON string in `code`: parsed and checked by shape, or null. */
export function passkeyResponseOf(code: string): AuthenticationResponseJSON | null {
  try {
    const parsed = AuthenticationResponse.safeParse(JSON.parse(code));
    return parsed.success ? (parsed.data as unknown as AuthenticationResponseJSON) : null;
  } catch {
    return null;
  }
}
