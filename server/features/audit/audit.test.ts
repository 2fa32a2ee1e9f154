import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';
import { recordAudit } from './audit.service';

let t: TestApp;
let admin: Browser;
let adminId: string;
beforeAll(async () => ({ t, admin, adminId } = await createTestAppWithAdmin({ email: 'auditor@example.com' })));
afterAll(() => t.close());

const policy = { onlineTimeframeMinutes: 60, autoActivate: false, activationEmail: true, confirmation: 'email', requireTwoFactor: false };

describe('GET /admin/audit', () => {
  it('logs a policy change with who, when, and only what changed', async () => {
    expect((await admin.put('/admin/account-policy', policy)).status).toBe(200);
    expect((await admin.put('/admin/account-policy', policy)).status).toBe(200); // no change, no entry
    const { items } = await (await admin.get('/admin/audit')).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: { id: adminId, email: 'auditor@example.com' },
      action: 'account_policy.update',
      targetType: 'account_policy',
      before: { onlineTimeframeMinutes: 10080, autoActivate: true, confirmation: 'none' },
      after: { onlineTimeframeMinutes: 60, autoActivate: false, confirmation: 'email' },
      at: '2026-01-15T10:00:00.000Z',
    });
  });

  it('logs role and status changes of accounts', async () => {
    t.clock.advance(MINUTE);
    const user = await t.browser().signUp('subject@example.com');
    await admin.patch(`/admin/users/${user.id}`, { status: 'active', role: 'admin' });
    const { items } = await (await admin.get('/admin/audit?action=user.update')).json();
    expect(items[0]).toMatchObject({
      targetId: user.id,
      before: { email: 'subject@example.com', role: 'user', status: 'pending' },
      after: { email: 'subject@example.com', role: 'admin', status: 'active' },
    });
  });

  it('never stores a secret, whatever a feature hands in', async () => {
    const [me] = await t.db.execute(`select id, email from users where id = '${adminId}'` as never).then((r: any) => r.rows ?? r);
    const deps = { clock: t.clock } as never;
    await recordAudit(deps, t.db, me, { action: 'twilio.update', targetType: 'twilio', before: { accountSid: 'AC1', authToken: 'old-secret' }, after: { accountSid: 'AC2', authToken: 'new-secret', password: 'x' } });
    const { items } = await (await admin.get('/admin/audit?action=twilio.update')).json();
    expect(items[0].after).toEqual({ accountSid: 'AC2', authToken: '[redacted]', password: '[redacted]' });
    expect(JSON.stringify(items)).not.toContain('secret');
  });

  it('pages newest first with a cursor, and is for admins only', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(MINUTE);
      await admin.put('/admin/account-policy', { ...policy, onlineTimeframeMinutes: 100 + i });
    }
    const first = await (await admin.get('/admin/audit?limit=2')).json();
    expect(first.items.map((e: any) => e.after.onlineTimeframeMinutes)).toEqual([102, 101]);
    const second = await (await admin.get(`/admin/audit?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].after.onlineTimeframeMinutes).toBe(100);
    expect((await admin.get('/admin/audit?cursor=nonsense')).status).toBe(400);
    const user = t.browser();
    await admin.put('/admin/account-policy', { ...policy, autoActivate: true });
    await user.signUp();
    expect((await user.get('/admin/audit')).status).toBe(403);
  });
});
