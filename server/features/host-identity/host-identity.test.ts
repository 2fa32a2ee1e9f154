import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondInstance, createTestApp, type TestApp } from '../../testing/test-app';
import { as, headerIdentity } from './host-identity.test-helpers';

let t: TestApp;
let kit: TestApp;
const deleted: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ identify: headerIdentity, onAccountDeleted: (id) => void deleted.push(id) });
  kit = await createTestApp({}, t.database);
});
afterAll(async () => {
  await kit.app.stop();
  await t.close();
});

const rows = async (q: string) => {
  const r = await t.db.execute(q as never);
  return ((r as any).rows ?? r) as any[];
};

describe('host users (options.identify)', () => {
  it('creates the user on first sight, with no password, and keeps email, name and role in step', async () => {
    const b = t.browser();
    expect((await b.get('/me')).status).toBe(401);
    const first = await (await b.get('/me', as('crm-1', { 'x-host-email': 'Ada@CRM.example', 'x-host-name': 'Ada' }))).json();
    expect(first.user).toMatchObject({ email: 'ada@crm.example', displayName: 'Ada', role: 'user', identity: 'host', hasPassword: false });
    // Being the first user on an empty database makes no one admin: the host's role does.
    const again = await (await b.get('/me', as('crm-1', { 'x-host-email': 'ada@new.example', 'x-host-name': 'Ada L.', 'x-host-role': 'admin' }))).json();
    expect(again.user).toMatchObject({ id: first.user.id, email: 'ada@new.example', displayName: 'Ada L.', role: 'admin' });
    const [row] = await rows(`select password_hash, external_id from users where id = '${first.user.id}'`);
    expect(row).toMatchObject({ password_hash: null, external_id: 'crm-1' });
    expect((await b.get('/me', as('crm-1', { 'x-host-email': 'ada@new.example', 'x-host-name': 'Ada L.' }))).status).toBe(200);
    expect((await rows(`select role from users where external_id = 'crm-1'`))[0].role).toBe('user');
  });

  it('refuses an email that another account here already has, naming no one', async () => {
    const account = await kit.browser().signUp();
    const res = await t.browser().get('/me', as('crm-dup', { 'x-host-email': account.email }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('email_taken');
  });

  it('rejects a malformed identity without creating anyone', async () => {
    const res = await t.browser().get('/me', as('crm-bad', { 'x-host-email': 'not an email' }));
    expect(res.status).toBe(500);
    expect(await rows(`select id from users where external_id = 'crm-bad'`)).toHaveLength(0);
  });

  it('switches off every kit sign-in route with 404 not_found', async () => {
    const b = t.browser();
    const paths = ['/auth/sign-up', '/auth/sign-in', '/auth/sign-in/two-factor', '/auth/sign-in/two-factor/sms', '/auth/sign-out', '/auth/password-recovery', '/auth/password-recovery/reset', '/auth/passkey/options', '/auth/passkey'];
    for (const path of paths) {
      const res = await b.post(path, {}, as('crm-1'));
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect((await b.get('/auth/oauth/providers', as('crm-1'))).status).toBe(404);
    // The kit's own sign-in still works where there is no host identity.
    expect((await kit.browser().post('/auth/sign-in', { email: 'x@example.com', password: 'wrong password here' })).status).toBe(401);
  });

  it('says the sessions card has nothing true to show without an adapter', async () => {
    const res = await t.browser().get('/security/sessions', as('crm-1'));
    expect(await res.json()).toEqual({ available: false, sessions: [] });
    const account = kit.browser();
    await account.signUp();
    const mine = await (await account.get('/security/sessions')).json();
    expect(mine.available).toBe(true);
    expect(mine.sessions).toHaveLength(1);
  });

  it('deletes our rows and tells the host, even for a host admin', async () => {
    const b = t.browser();
    const me = await (await b.get('/me', as('crm-gone', { 'x-host-role': 'admin' }))).json();
    const stale = as('crm-gone', { 'x-host-role': 'admin', 'x-host-reauth': new Date(t.clock.now().getTime() - 601_000).toISOString() });
    const refused = await b.post('/account/delete', { confirm: 'DELETE' }, stale);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('reauthentication_required');
    const fresh = as('crm-gone', { 'x-host-role': 'admin', 'x-host-reauth': t.clock.now().toISOString() });
    expect((await b.post('/account/delete', { confirm: 'DELETE' }, fresh)).status).toBe(204);
    expect(await rows(`select id from users where id = '${me.user.id}'`)).toHaveLength(0);
    expect(deleted).toEqual(['crm-gone']);
  });
});

describe('host users on two instances', () => {
  it('first sight of one user on two instances at once makes one row', async () => {
    const other = await createSecondInstance(t, { identify: headerIdentity });
    try {
      for (let round = 0; round < 5; round++) {
        const id = `crm-race-${round}`;
        const answers = await Promise.all([
          t.app.request('/me', as(id)),
          other.app.request('/me', as(id)),
          t.app.request('/me', as(id)),
          other.app.request('/me', as(id)),
        ]);
        expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).user.id)));
        expect(ids.size).toBe(1);
        expect(await rows(`select id from users where external_id = '${id}'`)).toHaveLength(1);
      }
    } finally {
      await other.close();
    }
  });
});
