import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';
import { depsOf } from '../two-factor/two-factor.test-helpers';
import { loadSessionUser } from '../sessions/sessions.service';
import { updateUser } from './user-admin.service';

let t: TestApp;
let admin: Browser;
let adminId: string;
beforeAll(async () => ({ t, admin, adminId } = await createTestAppWithAdmin({ email: 'root-admin@example.com' })));
afterAll(() => t.close());

const patch = (b: Browser, id: string, body: unknown) => b.patch(`/admin/users/${id}`, body);
const activeAdminCount = async () => {
  const result = await t.database.db.execute(`select count(*)::int as n from users where role = 'admin' and status = 'active'` as never);
  return Number(((result as any).rows ?? result)[0].n);
};

describe('GET /admin/users', () => {
  it('searches email and display name, pages with a total, and is for admins only', async () => {
    for (let i = 0; i < 5; i++) await t.browser().signUp(`searchable-${i}@example.com`, undefined, `Searchable Person ${i}`);
    await t.browser().signUp('other@example.com', undefined, 'Zelda_100%');
    const page1 = await (await admin.get('/admin/users?search=SEARCHABLE&limit=2')).json();
    expect(page1.total).toBe(5);
    expect(page1.users).toHaveLength(2);
    const page3 = await (await admin.get('/admin/users?search=searchable&limit=2&offset=4')).json();
    expect(page3.users).toHaveLength(1);
    const all = new Set([...page1.users, ...page3.users].map((u: { email: string }) => u.email));
    expect(all.size).toBe(3);
    const byName = await (await admin.get('/admin/users?search=person%203')).json();
    expect(byName.users.map((u: { email: string }) => u.email)).toEqual(['searchable-3@example.com']);
    // % and _ are literal characters, not patterns
    expect((await (await admin.get('/admin/users?search=' + encodeURIComponent('_100%'))).json()).total).toBe(1);
    expect((await (await admin.get('/admin/users?search=' + encodeURIComponent('%'))).json()).total).toBe(1);
    const row = byName.users[0];
    expect(row).toMatchObject({ role: 'user', status: 'active', twoFactorEnabled: false, emailConfirmed: false, online: true });
    expect(row).not.toHaveProperty('passwordHash');

    const user = t.browser();
    await user.signUp();
    expect((await user.get('/admin/users')).status).toBe(403);
    const bad = await admin.get('/admin/users?limit=1000');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.limit).toBeTruthy();
  });
});

describe('PATCH /admin/users/:id', () => {
  it('grants and withdraws the admin role', async () => {
    const b = t.browser();
    const other = await b.signUp();
    expect((await b.get('/admin/users')).status).toBe(403);
    const res = await patch(admin, other.id, { role: 'admin' });
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe('admin');
    expect((await b.get('/admin/users')).status).toBe(200); // at once, on the existing session
    expect((await patch(admin, other.id, { role: 'user' })).status).toBe(200);
    expect((await b.get('/admin/users')).status).toBe(403);
  });

  it('activates a pending account and sends the activation email when the policy says so', async () => {
    const put = (activationEmail: boolean, autoActivate = false) =>
      admin.put('/admin/account-policy', { onlineTimeframeMinutes: 10080, autoActivate, activationEmail, confirmation: 'none', requireTwoFactor: false });
    await put(true);
    const b = t.browser();
    const pending = await b.signUp('waiting@example.com');
    expect((await b.get('/security/sessions')).status).toBe(403);
    const list = await (await admin.get('/admin/users?status=pending')).json();
    expect(list.users.map((u: { id: string }) => u.id)).toContain(pending.id);
    expect((await patch(admin, pending.id, { status: 'active' })).status).toBe(200);
    expect((await b.get('/security/sessions')).status).toBe(200);
    const { messages } = await (await t.browser().get('/dev/outbox?to=waiting@example.com')).json();
    expect(messages.map((m: { subject: string }) => m.subject)).toContain('Your Settings Kit account is active');

    await put(false);
    const quiet = await t.browser().signUp('quiet@example.com');
    expect((await patch(admin, quiet.id, { status: 'active' })).status).toBe(200);
    expect((await (await t.browser().get('/dev/outbox?to=quiet@example.com')).json()).messages).toHaveLength(0);
    await put(true, true);
  });

  it('disabling an account ends its sessions', async () => {
    const b = t.browser();
    const victim = await b.signUp();
    expect((await patch(admin, victim.id, { status: 'disabled' })).status).toBe(200);
    expect((await b.get('/me')).status).toBe(401);
    const again = t.browser();
    const refused = await again.post('/auth/sign-in', { email: victim.email, password: victim.password });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('account_disabled');
    expect((await again.get('/security/sessions')).status).toBe(401);
  });

  it('validates the body and answers 404 for an unknown id', async () => {
    const bad = await patch(admin, adminId, { role: 'owner' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.role).toBeTruthy();
    expect((await patch(admin, adminId, {})).status).toBe(400);
    expect((await patch(admin, 'no-such-id', { role: 'user' })).status).toBe(400); // not an id's shape
    expect((await patch(admin, 'AAAAAAAAAAAAAAAAAAAAAA', { role: 'user' })).status).toBe(404);
  });

  it('never lets the last active administrator go, even when two admins demote each other at once', async () => {
    const res = await patch(admin, adminId, { role: 'user' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('last_admin');
    expect((await patch(admin, adminId, { status: 'disabled' })).status).toBe(409);
    expect((await patch(admin, adminId, { status: 'pending' })).status).toBe(409);

    const second = t.browser();
    const other = await second.signUp();
    // The list says how many active admins there are in all (a search narrows the page, not this).
    const activeAdmins = async () => (await (await admin.get(`/admin/users?search=${encodeURIComponent(other.email)}`)).json()).activeAdmins;
    expect(await activeAdmins()).toBe(1);
    expect((await patch(admin, other.id, { role: 'admin' })).status).toBe(200);
    expect(await activeAdmins()).toBe(2);
    const [a, b] = await Promise.all([patch(admin, other.id, { role: 'user' }), patch(second, adminId, { role: 'user' })]);
    // The loser is refused by the guard inside the transaction (409), or, when the winner's change
    // landed before the loser's request was authorized, as no longer an administrator (403).
    const [won, lost] = [a.status, b.status].sort();
    expect(won).toBe(200);
    expect([403, 409]).toContain(lost);
    expect(await activeAdminCount()).toBe(1);
  });

  it('lets one of two admins demoting each other at once win, both already authorized (the guard in the transaction)', async () => {
    const app = await createTestAppWithAdmin({ email: 'race-admin@example.com' });
    try {
      const two = await app.t.browser().signUp();
      expect((await app.admin.patch(`/admin/users/${two.id}`, { role: 'admin' })).status).toBe(200);
      const deps = depsOf(app.t);
      const [actorOne, actorTwo] = await Promise.all([loadSessionUser(deps, app.adminId), loadSessionUser(deps, two.id)]);
      const results = await Promise.allSettled([updateUser(deps, actorOne!, two.id, { role: 'user' }), updateUser(deps, actorTwo!, app.adminId, { role: 'user' })]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ status: 409, code: 'last_admin' });
      const result = await app.t.database.db.execute(`select count(*)::int as n from users where role = 'admin' and status = 'active'` as never);
      expect(Number(((result as any).rows ?? result)[0].n)).toBe(1);
    } finally {
      await app.t.close();
    }
  });
});
