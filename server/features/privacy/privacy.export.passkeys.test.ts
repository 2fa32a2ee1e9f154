import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { passkeys } from '../passkeys/passkeys.table';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the export lists passkeys and profiles', () => {
  it('passkeys by name, created and last used, without key material; every profile with its type', async () => {
    const b = t.browser();
    const account = await b.signUp('grace@example.com');
    t.clock.advance(1000); // the second profile is the newer one (the export lists them oldest first)
    expect((await b.post('/profiles', { typeId: 'organization', displayName: 'Hopper Labs', company: 'HL' })).status).toBe(201);
    // Passkey rows written straight to the table: the ceremonies belong to the passkeys feature.
    const credentialId = 'cred-' + newId();
    const publicKey = 'pQECAyYgASFYIMpublickeymaterial' + newId();
    const created = t.clock.now();
    await t.db.insert(passkeys).values([
      { id: newId(), userId: account.id, credentialId, publicKey, counter: 7, transports: ['internal'], name: 'Laptop', deviceType: 'multiDevice', backedUp: 'true', createdAt: created, lastUsedAt: created },
      { id: newId(), userId: account.id, credentialId: credentialId + 'b', publicKey: publicKey + 'b', name: 'Phone', deviceType: 'singleDevice', createdAt: new Date(created.getTime() + 1000) },
    ]);

    const ticket = await b.post('/account/export', { password: account.password });
    expect(ticket.status).toBe(201);
    const res = await b.get(`/${(await ticket.json()).downloadPath}`);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.passkeys).toEqual([
      { name: 'Laptop', createdAt: created.toISOString(), lastUsedAt: created.toISOString() },
      { name: 'Phone', createdAt: new Date(created.getTime() + 1000).toISOString(), lastUsedAt: null },
    ]);
    expect(text).not.toContain(credentialId);
    expect(text).not.toContain(publicKey);
    expect(data.profiles).toEqual([
      expect.objectContaining({ type: { id: 'person', name: 'Person' }, displayName: 'grace', current: true }),
      expect.objectContaining({ type: { id: 'organization', name: 'Organization' }, displayName: 'Hopper Labs', company: 'HL', current: false }),
    ]);
    expect(data.passkeyChallenges).toBeUndefined();
  });
});
