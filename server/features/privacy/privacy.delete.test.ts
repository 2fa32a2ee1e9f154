import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { fakeOAuthProviders, startFakeOAuth, type FakeOAuthServer } from '../../sandbox/fake-oauth';
import { closeInOrder, createTestApp, createTestAppBeside, type Browser, type TestApp } from '../../testing/test-app';
import { userTables } from './privacy.export';
import { rows, userWithEverything } from './privacy.test-helpers';

let t: TestApp;
let fake: FakeOAuthServer;
beforeAll(async () => ({ t, server: fake } = await createTestAppBeside(startFakeOAuth, (fake) => ({ oauth: fakeOAuthProviders(fake) }))));
afterAll(() => closeInOrder(t, fake));

/** Every table of the schema barrel: a table a feature adds later is covered without editing this test. */
const allTables = () =>
  (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((table) => getTableConfig(table).name)
    .sort();

const count = async (sql: string) => Number((await rows(t, sql))[0]!.n);

/** Per table: all rows, and rows that mention the user's id anywhere (any column, any depth of reference). */
async function census(userId: string) {
  const out: Record<string, { total: number; mentioning: number }> = {};
  for (const name of allTables()) {
    out[name] = {
      total: await count(`select count(*) as n from "${name}"`),
      mentioning: await count(`select count(*) as n from "${name}" r where r::text like '%${userId}%'`),
    };
  }
  return out;
}

describe('POST /account/delete', () => {
  it('removes every row of the user in every table, and nothing of anyone else', async () => {
    await t.browser().signUp(); // the first account is the admin; the users below are not
    const a = await userWithEverything(t);
    const b = await userWithEverything(t);

    // Refusals first: nothing may change.
    const wrong = await a.browser.post('/account/delete', { password: 'not the password', confirm: 'DELETE' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.password).toBeTruthy();
    const noWord = await a.browser.post('/account/delete', { password: a.password, confirm: 'delete' });
    expect(noWord.status).toBe(400);
    expect((await a.browser.get('/me')).status).toBe(200);

    const before = await census(a.id);
    const beforeB = await census(b.id);
    const tablesWithA = Object.entries(before).filter(([, c]) => c.mentioning > 0).map(([name]) => name);
    // The data of every kind is really there (so "gone" below means something).
    expect(tablesWithA).toEqual(
      expect.arrayContaining(['users', 'sessions', 'login_activity', 'avatars', 'two_factor', 'recovery_codes', 'trusted_devices', 'contacts', 'notification_settings', 'privacy_settings', 'connected_accounts']),
    );

    const res = await a.browser.post('/account/delete', { password: a.password, confirm: 'DELETE' });
    expect(res.status).toBe(204);

    const after = await census(a.id);
    const afterB = await census(b.id);
    const userKeyed = new Set(userTables().map((u) => u.name).concat('users'));
    for (const name of allTables()) {
      expect(after[name]!.mentioning, `${name} still mentions the deleted user`).toBe(0);
      expect(afterB[name]!.mentioning, `${name} lost rows of another user`).toBe(beforeB[name]!.mentioning);
      if (userKeyed.has(name)) {
        // The goodbye email is queued for no account, after the account's own messages went with it.
        const expected = before[name]!.total - before[name]!.mentioning + (name === 'deliveries' ? 1 : 0);
        expect(after[name]!.total, `${name}: only the user's rows go`).toBe(expected);
      } else if (name === 'outbox') {
        expect(after[name]!.total).toBe(before[name]!.total + 1); // the goodbye email
      } else {
        expect(after[name]!.total, `${name} changed`).toBe(before[name]!.total);
      }
    }
  });

  it('ends every session, sends a goodbye email, and the password no longer signs in', async () => {
    const a = await userWithEverything(t);
    expect((await a.other.get('/me')).status).toBe(200);
    expect((await a.browser.post('/account/delete', { password: a.password, confirm: 'DELETE' })).status).toBe(204);
    expect((await a.browser.get('/me')).status).toBe(401);
    expect((await a.other.get('/me')).status).toBe(401);
    expect([...a.browser.cookies.keys()]).not.toContain('sk_session');
    const mail = (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(a.email)}`)).json()).messages;
    expect(mail.map((m: { subject: string }) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/account has been deleted/)]));
    expect((await t.browser().post('/auth/sign-in', { email: a.email, password: a.password })).status).toBe(401);
    // The linked Google account no longer signs anyone in: the link is gone with the user.
    expect(await count(`select count(*) as n from connected_accounts where user_id = '${a.id}'`)).toBe(0);
  });

  it('refuses to delete the only administrator while other users exist', async () => {
    const fresh = await createTestApp();
    try {
      const admin = fresh.browser();
      const { password } = await admin.signUp();
      await fresh.browser().signUp();
      const res = await admin.post('/account/delete', { password, confirm: 'DELETE' });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('last_admin');
      expect((await admin.get('/me')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

describe('POST /account/delete and the last administrator', () => {
  /**
   * Runs `test` on a fresh app whose first account (the admin) and `more` ordinary users exist, the
   * first of them (`second`) promoted to administrator; closes the app after.
   */
  async function withTwoAdmins(more: number, test: (s: { app: TestApp; admin: Browser; account: { password: string }; second: { b: Browser; id: string; password: string } }) => Promise<void>) {
    const app = await createTestApp();
    try {
      const admin = app.browser();
      const account = await admin.signUp();
      const users = [];
      for (let i = 0; i < more; i++) {
        const b = app.browser();
        users.push({ b, ...(await b.signUp()) });
      }
      const second = users[0]!;
      expect((await admin.patch(`/admin/users/${second.id}`, { role: 'admin' })).status).toBe(200);
      await test({ app, admin, account, second });
    } finally {
      await app.close();
    }
  }
  const remove = (b: Browser, password: string) => b.post('/account/delete', { password, confirm: 'DELETE' });
  const activeAdmins = async (app: TestApp) => {
    const result = await app.db.execute(`select count(*)::int as n from users where role = 'admin' and status = 'active'` as never);
    return Number(((result as any).rows ?? result)[0].n);
  };

  it('counts only active administrators, as the demotion guard does', async () => {
    await withTwoAdmins(2, async ({ app, admin, account, second: other }) => {
      expect((await admin.patch(`/admin/users/${other.id}`, { status: 'disabled' })).status).toBe(200);
      const res = await remove(admin, account.password);
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe('last_admin');
      expect(error.message).toMatch(/administrator/);
      expect((await admin.get('/me')).status).toBe(200);
      expect(await activeAdmins(app)).toBe(1);
    });
  });

  it('lets an administrator go when another active one stays, and the only account go at all', async () => {
    await withTwoAdmins(1, async ({ app, admin, account, second }) => {
      expect((await remove(admin, account.password)).status).toBe(204);
      expect(await activeAdmins(app)).toBe(1);
      // now the last one, and nobody else is left: nothing to administer, so it may go
      expect((await remove(second.b, second.password)).status).toBe(204);
      expect(await activeAdmins(app)).toBe(0);
    });
  });

  it('two administrators deleting themselves at once: exactly one goes', async () => {
    await withTwoAdmins(2, async ({ app, admin, account, second }) => {
      const answers = await Promise.all([remove(admin, account.password), remove(second.b, second.password)]);
      expect(answers.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(await activeAdmins(app)).toBe(1);
    });
  });

  it('an administrator deleting while the other one steps down: one active administrator stays', async () => {
    await withTwoAdmins(2, async ({ app, admin, account, second }) => {
      const [deleted, demoted] = await Promise.all([remove(admin, account.password), second.b.patch(`/admin/users/${second.id}`, { role: 'user' })]);
      // either the deletion wins and the demotion is refused, or the other way round
      expect([
        [204, 409],
        [409, 200],
      ]).toContainEqual([deleted.status, demoted.status]);
      expect(await activeAdmins(app)).toBe(1);
    });
  });
});
