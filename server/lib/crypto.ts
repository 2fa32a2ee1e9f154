import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Keys derived from SETTINGS_SECRET with HKDF, one per purpose, so a leak of one derived key
 * (say, the HMAC key used for lookups) says nothing about the encryption key.
 */
export class Secrets {
  readonly #encryptionKey: Buffer;
  readonly #hashKey: Buffer;

  constructor(secret: string) {
    if (!secret || secret.length < 32) throw new Error('SETTINGS_SECRET must be at least 32 characters.');
    const ikm = Buffer.from(secret, 'utf8');
    this.#encryptionKey = Buffer.from(hkdfSync('sha256', ikm, 'settings-kit', 'encryption v1', 32));
    this.#hashKey = Buffer.from(hkdfSync('sha256', ikm, 'settings-kit', 'keyed hash v1', 32));
  }

  /** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. `context` binds the value to its row. */
  encrypt(plain: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string, context = ''): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unreadable encrypted value.');
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA-256 under the derived hash key, hex. For tokens, codes and lookup keys. */
  keyedHash(value: string, purpose: string): string {
    return createHmac('sha256', this.#hashKey).update(purpose).update('\0').update(value).digest('hex');
  }

  /** Constant-time comparison of a value against a stored keyed hash. */
  matches(value: string, purpose: string, storedHash: string): boolean {
    const a = Buffer.from(this.keyedHash(value, purpose), 'hex');
    const b = Buffer.from(storedHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** A random token with `bytes` of entropy, base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** A random opaque id for rows (128 bits). */
export const newId = () => randomBytes(16).toString('base64url');

/** A numeric code of `digits` digits from the CSPRNG, zero-padded. */
export const randomDigits = (digits = 6) => String(randomInt(0, 10 ** digits)).padStart(digits, '0');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** `length` base32 characters (5 bits each) from the CSPRNG. */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[bytes[i]! & 31];
  return out;
}
