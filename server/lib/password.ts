import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage cheat sheet: argon2id, m = 19 MiB, t = 2, p = 1 (SECURITY.md 4). */
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** NFKC, as NIST 800-63B asks, so the same password typed on two keyboards hashes alike. */
export const normalisePassword = (password: string) => password.normalize('NFKC');

export const hashPassword = (password: string) => hash(normalisePassword(password), ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalisePassword(password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Burns the same time as a real check, for unknown accounts (SECURITY.md 6). */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('settings-kit timing parity');
  await verifyPassword(await dummy, password);
  return false;
}

let common: Set<string> | undefined;
/** The 10 000 most common passwords of 8+ characters (OWASP SecLists, CC BY-SA 3.0). */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('../features/accounts/common-passwords.txt', import.meta.url), 'utf8').split('\n').filter(Boolean),
  );
  return common;
}

/**
 * Why a new password is refused, or null when it is fine. No composition rules (SECURITY.md 1–2):
 * length in code points, the common list, and the email's local part.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...normalisePassword(password)].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (commonPasswords().has(password.toLowerCase())) return 'This password is too common. Choose one that is harder to guess.';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && password.toLowerCase().includes(local)) return 'The password must not contain your email address.';
  return null;
}
