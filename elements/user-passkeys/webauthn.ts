/**
 * The browser half of the passkey ceremonies, through @simplewebauthn/browser (loaded on first use,
 * so pages that never touch passkeys do not download it).
 */
export const passkeysSupported = () => typeof globalThis.PublicKeyCredential === 'function';

export async function createPasskey(optionsJSON: unknown) {
  const { startRegistration } = await import('@simplewebauthn/browser');
  return startRegistration({ optionsJSON: optionsJSON as never });
}

export async function getPasskey(optionsJSON: unknown) {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  return startAuthentication({ optionsJSON: optionsJSON as never });
}

/** The user closed the browser's dialog, or it timed out: not an error worth a red message. */
export const passkeyCancelled = (error: unknown) => error instanceof Error && (error.name === 'NotAllowedError' || (error as { code?: string }).code === 'ERROR_CEREMONY_ABORTED');
