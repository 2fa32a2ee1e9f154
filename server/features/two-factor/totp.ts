import { requireOptional } from '../../lib/optional-import';

/** otplib, loaded at its first use (two-factor setup or check), not when the server starts. */
const otp = () => requireOptional<typeof import('otplib')>('otplib', 'Authenticator-app codes (TOTP)');

/** RFC 6238 parameters of API.md: 30 s step, 6 digits, SHA-1; one step of drift back (SECURITY.md 9). */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** A new secret: 20 bytes (160 bits) from the CSPRNG, base32 (32 characters). */
export const newTotpSecret = () => otp().generateSecret({ length: 20 });

/** `otpauth://totp/<issuer>:<email>?secret=…&issuer=…` for authenticator apps. */
export const totpUri = (issuer: string, email: string, secret: string) => otp().generateURI({ issuer, label: email, secret });

export interface TotpCheck {
  /** Base32 string (stored secrets) or raw bytes (RFC seeds). */
  secret: string | Uint8Array;
  token: string;
  /** The moment of the check. */
  at: Date;
  /** The last accepted time step: codes at or before it are refused. */
  afterTimeStep?: number | null;
  digits?: 6 | 7 | 8;
  algorithm?: TotpAlgorithm;
}

/**
 * The one TOTP check the server uses. Returns the accepted time step, or null. Accepts the current
 * step and the one before it; never a step at or before `afterTimeStep`.
 */
export async function checkTotp(input: TotpCheck): Promise<number | null> {
  const digits = input.digits ?? TOTP_DIGITS;
  const token = input.token.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return null;
  const result = await otp().verify({
    secret: input.secret,
    token,
    digits,
    algorithm: input.algorithm ?? 'sha1',
    period: TOTP_PERIOD,
    epoch: Math.floor(input.at.getTime() / 1000),
    epochTolerance: [TOTP_PERIOD, 0],
    ...(input.afterTimeStep != null ? { afterTimeStep: input.afterTimeStep } : {}),
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

/** The code at a moment (tests, and the RFC vectors). */
export const totpAt = (secret: string | Uint8Array, at: Date, options: { digits?: 6 | 7 | 8; algorithm?: TotpAlgorithm } = {}) =>
  otp().generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD, digits: options.digits ?? TOTP_DIGITS, algorithm: options.algorithm ?? 'sha1' });

/** An HOTP code (RFC 4226), through the same library the TOTP check uses. */
export const hotpAt = (secret: string | Uint8Array, counter: number) => otp().generate({ secret, strategy: 'hotp', counter, digits: TOTP_DIGITS });

/** The time step of a moment. */
export const timeStepOf = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
