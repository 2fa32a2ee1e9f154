import { describe, expect, it } from 'vitest';
import { randomBase32, randomDigits, Secrets } from './crypto';

const secrets = new Secrets('a-secret-that-is-at-least-32-characters-long');

describe('crypto', () => {
  it('encrypts with AES-256-GCM bound to its context, and detects tampering', () => {
    const sealed = secrets.encrypt('JBSWY3DPEHPK3PXP', 'user:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(secrets.encrypt('JBSWY3DPEHPK3PXP', 'user:1')).not.toBe(sealed); // fresh IV
    expect(secrets.decrypt(sealed, 'user:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => secrets.decrypt(sealed, 'user:2')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => secrets.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'), 'user:1')).toThrow();
    expect(() => new Secrets('another-secret-that-is-32-chars-long!!').decrypt(sealed, 'user:1')).toThrow();
  });

  it('hashes with a key and purpose, and compares in constant time', () => {
    const hash = secrets.keyedHash('ABCDE-FGHIJ', 'recovery');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.keyedHash('ABCDE-FGHIJ', 'session')).not.toBe(hash);
    expect(secrets.matches('ABCDE-FGHIJ', 'recovery', hash)).toBe(true);
    expect(secrets.matches('ABCDE-FGHIJK', 'recovery', hash)).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => new Secrets('too short')).toThrow(/32 characters/);
  });

  it('makes random codes of the asked shape', () => {
    expect(randomDigits(6)).toMatch(/^\d{6}$/);
    expect(randomBase32(10)).toMatch(/^[A-Z2-7]{10}$/);
    expect(new Set(Array.from({ length: 50 }, () => randomBase32(10))).size).toBe(50);
  });
});
