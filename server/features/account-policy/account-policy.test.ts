import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../lib/clock';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { totpAt } from '../two-factor/totp';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp();
  admin = t.browser();
  await admin.signUp('policy-admin@example.com', PASSWORD); // first account: the admin
});
afterAll(() => t.close());

const policy = (over: Record<string, unknown> = {}) => ({
  onlineTimeframeMinutes: 60 * 24 * 7,
  autoActivate: true,
  activationEmail: true,
  confirmation: 'none',
  requireTwoFactor: false,
  ...over,
});
const setPolicy = async (over: Record<string, unknown> = {}) => {
  const res = await admin.put('/admin/account-policy', policy(over));
  expect(res.status).toBe(200);
  return res.json();
};

describe('GET/PUT /admin/account-policy', () => {
  it('answers the defaults before anything was saved, and saves an upsert of row 1', async () => {
    const res = await admin.get('/admin/account-policy');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...policy(), twoFactorMethod: 'any', autoCreateProfile: true, defaultProfileTypeId: 'person', profileLimit: 0 });
    expect(await setPolicy({ onlineTimeframeMinutes: 90, autoCreateProfile: false })).toMatchObject({ onlineTimeframeMinutes: 90, autoCreateProfile: false });
    expect(await setPolicy()).toMatchObject({ onlineTimeframeMinutes: 10080, autoCreateProfile: false }); // kept when left out
    const rows = await t.database.db.execute('select id from account_policy' as never);
    expect(((rows as any).rows ?? rows).length).toBe(1);
    await setPolicy({ autoCreateProfile: true }); // off would send every later account to its first-profile gate
  });

  it('is for admins only', async () => {
    const b = t.browser();
    await b.signUp();
    expect((await b.get('/admin/account-policy')).status).toBe(403);
    const put = await b.put('/admin/account-policy', policy());
    expect(put.status).toBe(403);
    expect((await put.json()).error.code).toBe('admin_only');
    expect((await t.browser().get('/admin/account-policy')).status).toBe(401);
  });

  it.each([
    ['onlineTimeframeMinutes', { onlineTimeframeMinutes: 0 }],
    ['onlineTimeframeMinutes', { onlineTimeframeMinutes: 1.5 }],
    ['onlineTimeframeMinutes', { onlineTimeframeMinutes: 'soon' }],
    ['confirmation', { confirmation: 'carrier pigeon' }],
    ['autoActivate', { autoActivate: 'yes' }],
    ['requireTwoFactor', { requireTwoFactor: undefined }],
  ])('refuses a bad %s, naming the field, and changes nothing', async (field, over) => {
    const res = await admin.put('/admin/account-policy', policy(over));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields[field]).toBeTruthy();
    expect((await (await admin.get('/admin/account-policy')).json()).onlineTimeframeMinutes).toBe(10080);
  });
});

describe('each switch changes behaviour at once', () => {
  it('autoActivate off: new accounts are pending and may only read /me and their profile, confirm and sign out', async () => {
    await setPolicy({ autoActivate: false });
    const b = t.browser();
    const res = await b.post('/auth/sign-up', { email: 'pending-one@example.com', password: 'correct horse battery staple' });
    expect(res.status).toBe(201);
    expect((await res.json()).user.status).toBe('pending');
    const blocked = await b.get('/security/sessions');
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe('account_pending');
    expect((await b.put('/admin/account-policy', policy())).status).toBe(403);
    expect((await b.get('/me')).status).toBe(200);
    expect((await b.get('/profile')).status).toBe(200);
    expect((await b.post('/confirmation/email/send')).status).toBe(202);
    expect((await b.post('/auth/sign-out')).status).toBe(204);
    expect((await b.get('/me')).status).toBe(401);

    await setPolicy({ autoActivate: true });
    const c = t.browser();
    await c.signUp();
    expect((await c.get('/security/sessions')).status).toBe(200);
  });

  it('onlineTimeframeMinutes is the idle timeout of sessions that already exist', async () => {
    await setPolicy();
    const b = t.browser();
    await b.signUp();
    t.clock.advance(60 * MINUTE);
    expect((await b.get('/me')).status).toBe(200); // 1 h idle is fine under 7 days
    await setPolicy({ onlineTimeframeMinutes: 30 });
    t.clock.advance(29 * MINUTE);
    expect((await b.get('/me')).status).toBe(200); // now idle for 29 minutes: still inside 30
    t.clock.advance(31 * MINUTE);
    expect((await b.get('/me')).status).toBe(401); // 31 idle minutes > 30
    expect((await admin.get('/me')).status).toBe(401); // the admin was idle for 60 minutes
    admin = t.browser();
    expect((await admin.post('/auth/sign-in', { email: 'policy-admin@example.com', password: PASSWORD })).status).toBe(200);
    await setPolicy();
    const c = t.browser();
    await c.signUp();
    t.clock.advance(DAY);
    expect((await c.get('/me')).status).toBe(200);
  });

  it('requireTwoFactor by an admin without 2FA is refused up front, and the policy stays reachable', async () => {
    const refused = await admin.put('/admin/account-policy', policy({ requireTwoFactor: true }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('two_factor_setup_first');
    const still = await admin.get('/admin/account-policy');
    expect(still.status).toBe(200);
    expect((await still.json()).requireTwoFactor).toBe(false);
    expect((await admin.get('/security/sessions')).status).toBe(200); // nothing else was gated either
  });

  it('requireTwoFactor: users without 2FA are let through only to set it up', async () => {
    // The admin sets up 2FA first (else the policy is refused, see above).
    const mine = await admin.post('/security/two-factor/totp/setup', { password: PASSWORD });
    const adminSecret = (await mine.json()).secret;
    expect((await admin.post('/security/two-factor/totp/enable', { code: await totpAt(adminSecret, t.clock.now()) })).status).toBe(200);
    const b = t.browser();
    const account = await b.signUp();
    await setPolicy({ requireTwoFactor: true });
    const me = await (await b.get('/me')).json();
    expect(me.user.twoFactorSetupRequired).toBe(true);
    const blocked = await b.get('/security/sessions');
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe('two_factor_setup_required');
    expect((await b.post('/confirmation/email/send')).status).toBe(403);
    expect((await b.get('/security')).status).toBe(200);
    const setup = await b.post('/security/two-factor/totp/setup', { password: account.password });
    expect(setup.status).toBe(200);
    const { secret } = await setup.json();

    // the same right after the password step of a new sign-in
    const fresh = t.browser();
    const signIn = await fresh.post('/auth/sign-in', { email: account.email, password: account.password });
    expect((await signIn.json()).user.twoFactorSetupRequired).toBe(true);
    expect((await fresh.get('/preferences')).status).toBe(403);

    // setting it up is allowed through the gate; once it is on, everything opens again at once
    const enable = await b.post('/security/two-factor/totp/enable', { code: await totpAt(secret, t.clock.now()) });
    expect(enable.status).toBe(200);
    expect((await b.get('/security/sessions')).status).toBe(200);
    expect((await fresh.get('/preferences')).status).not.toBe(403);
    expect((await (await b.get('/me')).json()).user.twoFactorSetupRequired).toBe(false);

    // the admin, who has 2FA, keeps the policy page and turns the requirement off again
    expect((await admin.get('/admin/account-policy')).status).toBe(200);
    expect((await setPolicy({ requireTwoFactor: false })).requireTwoFactor).toBe(false);
  });

  it('confirmation modes decide what /me lists as pending', async () => {
    const b = t.browser();
    await b.signUp();
    const pending = async () => (await (await b.get('/me')).json()).user.pendingConfirmations;
    expect(await pending()).toEqual([]);
    await setPolicy({ confirmation: 'email' });
    expect(await pending()).toEqual(['email']);
    await setPolicy({ confirmation: 'phone' });
    expect(await pending()).toEqual(['phone']);
    await setPolicy({ confirmation: 'both' });
    expect(await pending()).toEqual(['email', 'phone']);
    expect((await b.get('/security/sessions')).status).toBe(200); // a banner, not a gate
    await setPolicy({ confirmation: 'none' });
    expect(await pending()).toEqual([]);
  });

  it('autoCreateProfile off: the display name is not made from the account name', async () => {
    await setPolicy({ autoCreateProfile: false });
    const b = t.browser();
    const res = await b.post('/auth/sign-up', { email: 'no-profile@example.com', password: 'correct horse battery staple' });
    expect((await res.json()).user.displayName).toBe('');
    await setPolicy({ autoCreateProfile: true });
    const c = await t.browser().post('/auth/sign-up', { email: 'grace.hopper@example.com', password: 'correct horse battery staple' });
    expect((await c.json()).user.displayName).toBe('grace.hopper');
  });
});

describe('a disabled account', () => {
  it('may only read /me and sign out', async () => {
    const b = t.browser();
    const account = await b.signUp();
    await t.database.db.execute(`update users set status = 'disabled' where id = '${account.id}'` as never);
    const res = await b.get('/security/sessions');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('account_disabled');
    expect((await b.get('/me')).status).toBe(200);
  });
});
