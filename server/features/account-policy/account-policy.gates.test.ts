import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** The gates apply to a host's own identity (the `identify` option) just as to the session cookie. */
let t: TestApp;
let who: string | null = null;
beforeAll(async () => {
  t = await createTestApp({ identify: async () => (who ? { externalId: who, email: 'host-user@example.com' } : null) });
});
afterAll(() => t.close());

const rows = async (q: string) => {
  const r = await t.db.execute(q as never);
  return ((r as any).rows ?? r) as any[];
};

describe('account gates with a host identity', () => {
  it('blocks a pending account everywhere but /me, its profile and confirmation; lifts at activation', async () => {
    who = 'crm-42';
    const b = t.browser();
    expect((await b.get('/me')).status).toBe(200); // first sight creates the user
    const [{ id }] = await rows(`select id from users where external_id = 'crm-42'`);
    await t.db.execute(`update users set status = 'pending' where id = '${id}'` as never);
    expect((await b.get('/me')).status).toBe(200);
    expect((await b.get('/profile')).status).toBe(200);
    const blocked = await b.get('/security/sessions');
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe('account_pending');
    expect((await b.patch('/profile', { company: 'Acme' })).status).toBe(403); // reading only
    expect((await b.post('/confirmation/email/send')).status).toBe(202);

    await t.db.execute(`update users set status = 'active' where id = '${id}'` as never);
    expect((await b.get('/security/sessions')).status).toBe(200);
    expect((await b.patch('/profile', { company: 'Acme' })).status).toBe(200);
  });

  it('applies the 2FA requirement from the policy row read with the user', async () => {
    const b = t.browser();
    await t.db.execute(`insert into account_policy (id, require_two_factor) values (1, true) on conflict (id) do update set require_two_factor = true` as never);
    const me = await (await b.get('/me')).json();
    expect(me.user.twoFactorSetupRequired).toBe(true);
    const res = await b.get('/notifications');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('two_factor_setup_required');
    expect((await b.get('/security')).status).toBe(200);
    await t.db.execute(`update account_policy set require_two_factor = false` as never);
    expect((await b.get('/notifications')).status).toBe(200);
  });
});
