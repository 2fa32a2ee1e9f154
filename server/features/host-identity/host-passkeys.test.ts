import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../../testing/soft-authenticator';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { as, headerIdentity } from './host-identity.test-helpers';

// A host user has no password here: a passkey they add is a way in the kit must not strip them of
// by accident (issue #15), so the last one cannot be removed.
let t: TestApp;
beforeAll(async () => (t = await createTestApp({ identify: headerIdentity })));
afterAll(() => t.close());

const ORIGIN = 'http://localhost';

async function addPasskey(externalId: string, key: SoftAuthenticator, name: string) {
  const b = t.browser();
  const headers = { ...as(externalId, { 'x-host-reauth': t.clock.now().toISOString() }).headers, origin: ORIGIN };
  const options = await (await b.post('/security/passkeys/options', {}, { headers })).json();
  const res = await b.post('/security/passkeys', { name, response: key.register(options) }, { headers });
  expect(res.status).toBe(201);
  return (await res.json()).passkey as { id: string };
}

describe('passkeys of a passwordless host user', () => {
  it('registers after host re-authentication, and refuses to remove the last one with last_sign_in_method', async () => {
    const key = new SoftAuthenticator(ORIGIN);
    const first = await addPasskey('crm-p', key, 'Laptop');
    const second = await addPasskey('crm-p', new SoftAuthenticator(ORIGIN), 'Phone');
    const headers = { ...as('crm-p').headers, origin: ORIGIN };
    expect((await t.browser().delete(`/security/passkeys/${first.id}`, { headers })).status).toBe(204);
    const last = await t.browser().delete(`/security/passkeys/${second.id}`, { headers });
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe('last_sign_in_method');
    expect((await (await t.browser().get('/security/passkeys', { headers })).json()).passkeys).toHaveLength(1);
  });
});
