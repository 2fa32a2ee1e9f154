import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOAuthProviders, startFakeOAuth, type FakeOAuthServer } from '../../sandbox/fake-oauth';
import { closeInOrder, createTestAppBeside, type Browser, type TestApp } from '../../testing/test-app';
import { approveAtProvider, linkAccount } from '../connected-accounts/connected-accounts.test-helpers';
import { nextCode, passwordStep, rowsOf, withTotp } from '../two-factor/two-factor.test-helpers';

// A disabled account gets no session, no challenge and no trusted device, even with the right
// credentials; a wrong password answers as any wrong password; the attempt is logged with its reason.
let t: TestApp;
let fake: FakeOAuthServer;
let admin: Browser;
beforeAll(async () => {
  ({ t, server: fake } = await createTestAppBeside(startFakeOAuth, (fake) => ({ oauth: { google: fakeOAuthProviders(fake).google } })));
  admin = t.browser();
  await admin.signUp(`root-admin-${Math.random().toString(36).slice(2, 7)}@example.com`);
});
afterAll(() => closeInOrder(t, fake));

const disable = async (id: string) => expect((await admin.patch(`/admin/users/${id}`, { status: 'disabled' })).status).toBe(200);
const signIn = (email: string, password: string) => t.browser().post('/auth/sign-in', { email, password });
/** The failed attempts logged for a user (the test clock stands still, so no order by time). */
const failedAttempts = async (userId: string) =>
  rowsOf<{ reason: string | null; method: string }>(t, `select reason, method from login_activity where user_id = '${userId}' and not success order by reason, method`);
const sessionsOf = async (userId: string) => Number((await rowsOf<{ n: number }>(t, `select count(*)::int as n from sessions where user_id = '${userId}'`))[0]!.n);

async function expectDisabled(res: Response) {
  expect(res.status).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: 'account_disabled', message: expect.stringMatching(/disabled/) } });
  expect(res.headers.getSetCookie().filter((c) => /^sk_(session|trusted|2fa)=[^;]/.test(c))).toEqual([]);
}

describe('a disabled account', () => {
  it('gets 403 account_disabled and no session for the right password; a wrong one answers as any wrong password', async () => {
    const owner = t.browser();
    const account = await owner.signUp();
    expect((await owner.get('/me')).status).toBe(200);
    await disable(account.id);

    // Sessions from before keep being refused.
    expect((await owner.get('/me')).status).toBe(401);
    expect((await owner.get('/profile')).status).toBe(401);

    const right = await signIn(account.email, account.password);
    await expectDisabled(right);
    expect(await sessionsOf(account.id)).toBe(0);
    expect(await failedAttempts(account.id)).toEqual([{ reason: 'account_disabled', method: 'password' }]);

    const wrong = await signIn(account.email, 'wrong password!');
    const unknown = await signIn('nobody-at-all@example.com', 'wrong password!');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(await failedAttempts(account.id)).toEqual([{ reason: 'account_disabled', method: 'password' }, { reason: 'wrong_password', method: 'password' }]);
  });

  it('with 2FA: the password step issues no challenge; a code step begun before the disabling gives no session and no trusted device', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account); // begun while still active
    await disable(account.id);

    const again = t.browser();
    await expectDisabled(await again.post('/auth/sign-in', { email: account.email, password: account.password }));
    expect(again.cookies.has('sk_2fa')).toBe(false);

    const code = await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true });
    await expectDisabled(code);
    expect(browser.cookies.has('sk_session')).toBe(false);
    expect(browser.cookies.has('sk_trusted')).toBe(false);
    expect(await sessionsOf(account.id)).toBe(0);
    expect(Number((await rowsOf<{ n: number }>(t, `select count(*)::int as n from trusted_devices where user_id = '${account.id}'`))[0]!.n)).toBe(0);
    expect(await failedAttempts(account.id)).toEqual([{ reason: 'account_disabled', method: 'password' }, { reason: 'account_disabled', method: 'totp' }]);
  });

  it('with a trusted device: the right password still gives no session', async () => {
    const account = await withTotp(t);
    const { browser } = await passwordStep(t, account);
    expect((await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: await nextCode(t, account.secret), trustDevice: true })).status).toBe(200);
    expect(browser.cookies.has('sk_trusted')).toBe(true);
    await disable(account.id);
    browser.cookies.delete('sk_session');
    await expectDisabled(await browser.post('/auth/sign-in', { email: account.email, password: account.password }));
    expect(await sessionsOf(account.id)).toBe(0);
  });

  it('signs in with no connected provider either, and the attempt is logged', async () => {
    const owner = t.browser();
    const account = await owner.signUp();
    const googleEmail = `linked.${Math.random().toString(36).slice(2, 8)}@example.net`;
    expect((await linkAccount(owner, 'google', googleEmail)).status).toBe('linked');
    await disable(account.id);

    const b = t.browser();
    const start = await b.get('/auth/oauth/google');
    const back = await approveAtProvider(start.headers.get('location')!, googleEmail);
    const done = await b.get(back.pathname + back.search);
    expect(done.headers.get('location')).toContain('oauth_error=account_disabled');
    expect(b.cookies.has('sk_session')).toBe(false);
    expect((await b.get('/me')).status).toBe(401);
    expect(await failedAttempts(account.id)).toEqual([{ reason: 'account_disabled', method: 'oauth_google' }]);
  });

  it('shows the refused attempt in login activity once the account is enabled again', async () => {
    const account = await t.browser().signUp();
    await disable(account.id);
    await expectDisabled(await signIn(account.email, account.password));
    expect((await admin.patch(`/admin/users/${account.id}`, { status: 'active' })).status).toBe(200);
    const b = t.browser();
    expect((await b.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
    const { items } = await (await b.get('/security/login-activity')).json();
    expect(items.map((i: { success: boolean; reason: string | null }) => i.reason)).toContain('account_disabled');
  });
});
