import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock';
import { users } from '../accounts/accounts.table';
import { trustedDevices } from '../two-factor/two-factor.table';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const NEW = 'a completely new passphrase';

async function twoBrowsers() {
  const here = t.browser();
  const account = await here.signUp();
  const there = t.browser();
  expect((await there.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  return { here, there, account };
}

const fieldsOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

describe('POST /security/password', () => {
  it('changes the password, signs out other sessions, forgets trusted devices, keeps this session, and emails', async () => {
    const { here, there, account } = await twoBrowsers();
    const now = t.clock.now();
    await t.db.insert(trustedDevices).values({ id: 'td-' + account.id, tokenHash: 'h-' + account.id, userId: account.id, createdAt: now, lastUsedAt: now, expiresAt: new Date(now.getTime() + 30 * DAY) });
    t.clock.advance(60_000);

    const res = await here.post('/security/password', { currentPassword: account.password, newPassword: NEW });
    expect(res.status).toBe(204);

    expect((await here.get('/me')).status).toBe(200); // the current session stays
    expect((await there.get('/me')).status).toBe(401); // the other one is gone at once
    expect(await t.db.select().from(trustedDevices).where(eq(trustedDevices.userId, account.id))).toHaveLength(0);
    const [row] = await t.db.select({ changed: users.passwordChangedAt }).from(users).where(eq(users.id, account.id));
    expect(row!.changed.toISOString()).toBe(t.clock.now().toISOString());

    const { messages } = (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(account.email)}`)).json()) as { messages: { subject: string; body: string }[] };
    expect(messages.find((m) => /password was changed/.test(m.subject))?.body).toMatch(/signed out/);

    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(401);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: NEW })).status).toBe(200);
  });

  it('requires the right current password, and counts wrong ones toward the lockout', async () => {
    const { here, there, account } = await twoBrowsers();
    const wrong = await here.post('/security/password', { currentPassword: 'not the password', newPassword: NEW });
    expect(wrong.status).toBe(400);
    expect(await fieldsOf(wrong)).toMatchObject({ code: 'invalid_password', fields: { currentPassword: expect.any(String) } });
    expect((await there.get('/me')).status).toBe(200); // nothing was revoked

    const missing = await here.post('/security/password', { newPassword: NEW });
    expect(missing.status).toBe(400);
    expect((await fieldsOf(missing)).fields).toHaveProperty('currentPassword');

    for (let i = 0; i < 4; i++) await here.post('/security/password', { currentPassword: `guess ${i} wrong`, newPassword: NEW });
    const locked = await here.post('/security/password', { currentPassword: account.password, newPassword: NEW });
    expect(locked.status).toBe(423);
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it("refuses a weak new password with the server's reason, and changes nothing", async () => {
    const { here, there, account } = await twoBrowsers();
    for (const [newPassword, reason] of [
      ['short', /at least 8/],
      ['password123', /too common/],
      [`${account.email.split('@')[0]}-secret`, /email/],
      ['x'.repeat(129), /at most 128/],
      [account.password, /different/],
    ] as const) {
      const res = await here.post('/security/password', { currentPassword: account.password, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect((await fieldsOf(res)).fields?.newPassword).toMatch(reason);
    }
    expect((await there.get('/me')).status).toBe(200);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });

  it('needs a session', async () => {
    expect((await t.browser().post('/security/password', { currentPassword: 'x', newPassword: NEW })).status).toBe(401);
  });
});
