import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

// Count argon2 verifications instead of timing requests: the same hash work for unknown and known
// emails is what keeps their answers equally slow (SECURITY.md 6), and a count does not depend on
// how busy the machine is.
const argon2 = vi.hoisted(() => ({ verifies: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const original = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon2.verifies++;
      return original.verify(...args);
    },
  };
});

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const attempt = (email: string, password: string) => t.browser().post('/auth/sign-in', { email, password });
async function verificationsFor(email: string): Promise<{ status: number; verifies: number }> {
  const before = argon2.verifies;
  const { status } = await attempt(email, 'wrong password!');
  return { status, verifies: argon2.verifies - before };
}

describe('unknown-email parity in hash work (SECURITY.md 6)', () => {
  it('runs exactly one argon2 verification for a known and for an unknown email', async () => {
    const { email } = await t.browser().signUp();
    const known = await verificationsFor(email);
    const unknown = await verificationsFor('nobody-here@example.com');
    expect(known).toEqual({ status: 401, verifies: 1 });
    expect(unknown).toEqual({ status: 401, verifies: 1 });
  });

  it('runs none for either once the address is locked', async () => {
    const { email } = await t.browser().signUp();
    const ghost = 'ghost-locked@example.com';
    for (let i = 0; i < 5; i++) {
      await attempt(email, 'wrong password!');
      await attempt(ghost, 'wrong password!');
    }
    expect(await verificationsFor(email)).toEqual({ status: 423, verifies: 0 });
    expect(await verificationsFor(ghost)).toEqual({ status: 423, verifies: 0 });
    t.clock.advance(6 * MINUTE);
    expect(await verificationsFor(ghost)).toEqual({ status: 401, verifies: 1 });
  });
});
