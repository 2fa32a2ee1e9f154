import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto';
import { fakeOAuthProviders, startFakeOAuth, type FakeOAuthServer } from '../../sandbox/fake-oauth';
import { closeInOrder, createTestAppBeside, type Browser, type TestApp } from '../../testing/test-app';
import { loginActivity } from '../login-activity/login-activity.table';
import { AVATAR_SAMPLES } from '../profile/avatar.fixtures';
import { ACTIVITY_PAGE } from './privacy.export';
import { rows, userWithEverything } from './privacy.test-helpers';

let t: TestApp;
let fake: FakeOAuthServer;
beforeAll(async () => ({ t, server: fake } = await createTestAppBeside(startFakeOAuth, (fake) => ({ oauth: fakeOAuthProviders(fake) }))));
afterAll(() => closeInOrder(t, fake));

async function download(b: Browser, password: string) {
  const ticket = await b.post('/account/export', { password });
  expect(ticket.status).toBe(201);
  const body = (await ticket.json()) as { ticket: string; downloadPath: string; expiresAt: string };
  expect(body.downloadPath).toBe(`account/export?ticket=${encodeURIComponent(body.ticket)}`);
  return { ...body, res: await b.get(`/${body.downloadPath}`) };
}

describe('GET /account/export', () => {
  let user: Awaited<ReturnType<typeof userWithEverything>>;
  let text: string;
  let data: any;
  beforeAll(async () => {
    user = await userWithEverything(t);
    const { res } = await download(user.browser, user.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="settings-kit-data-\d{4}-\d\d-\d\d\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    text = await res.text();
    data = JSON.parse(text);
  });

  it('holds the profile, preferences, notification and privacy settings', () => {
    expect(data.profile).toMatchObject({ id: user.id, email: user.email, phone: '+14155550123', timezone: 'Europe/Paris', company: 'Analytical Engines Ltd', bio: 'Poet of science', twoFactorEnabled: true });
    expect(data.preferences).toMatchObject({ theme: 'dark', compact: true, dateFormat: 'eu', timeFormat: '12h' });
    expect(data.notifications).toEqual({ callAlerts: false, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: false, marketing: true });
    expect(data.privacy).toEqual({ analytics: true });
  });

  it('holds the avatar as base64 of the uploaded bytes', () => {
    expect(data.avatar.contentType).toBe('image/png');
    expect(data.avatar.base64).toBe(Buffer.from(AVATAR_SAMPLES.png).toString('base64'));
  });

  it('holds sessions, login activity, trusted devices, contacts, two-factor status and connected accounts', () => {
    expect(data.sessions.length).toBeGreaterThanOrEqual(2);
    expect(data.sessions.map((s: any) => s.browser)).toEqual(expect.arrayContaining([expect.stringContaining('Safari')]));
    expect(data.loginActivity.some((a: any) => a.success === false && a.reason === 'wrong_password')).toBe(true);
    expect(data.loginActivity.some((a: any) => a.success === true)).toBe(true);
    expect(data.trustedDevices).toHaveLength(1);
    expect(data.contacts).toEqual([expect.objectContaining({ channel: 'sms', provider: 'twilio', value: '+14155550199', isDefault: true })]);
    expect(data.twoFactor).toEqual([expect.objectContaining({ totpEnabledAt: expect.any(String) })]);
    expect(data.connectedAccounts).toEqual([expect.objectContaining({ provider: 'google', email: expect.stringContaining('@gmail.example') })]);
  });

  it('holds no secret, hash or token: checked against the real values', async () => {
    const sealed = await rows(
      t,
      `select s.totp_secret as a, c.access_token_encrypted as b, c.refresh_token_encrypted as c from two_factor s, connected_accounts c where s.user_id = '${user.id}' and c.user_id = '${user.id}'`,
    );
    const hashes = await rows(t, `select token_hash as h from sessions where user_id = '${user.id}' union all select code_hash from recovery_codes where user_id = '${user.id}'`);
    const real = [...user.secrets, ...fake.issuedTokens, ...Object.values(sealed[0]!), ...hashes.map((r) => r.h)].filter((v): v is string => typeof v === 'string' && v.length >= 6);
    expect(real.length).toBeGreaterThan(15);
    for (const secret of real) expect(text.includes(secret), `export contains ${secret.slice(0, 12)}…`).toBe(false);
    // Recovery codes as shown (xxxxx-xxxxx) and without the dash.
    for (const code of user.recoveryCodes) expect(text.includes(code.replace('-', ''))).toBe(false);
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toMatch(/"v1\.[\w-]+\.[\w-]+\./);
    expect(text).not.toMatch(/"[a-z]*(tokenHash|codeHash|passwordHash|secret)"/i);
  });

  it('is single use, expires after 5 minutes, and belongs to one user', async () => {
    const b = user.browser;
    const first = await download(b, user.password);
    expect(first.res.status).toBe(200);
    await first.res.text();
    const again = await b.get(`/${first.downloadPath}`);
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe('export_ticket_invalid');

    const late = await b.post('/account/export', { password: user.password });
    const { downloadPath } = await late.json();
    t.clock.advance(5 * 60_000 + 1);
    expect((await b.get(`/${downloadPath}`)).status).toBe(403);

    const mine = await (await b.post('/account/export', { password: user.password })).json();
    const stranger = t.browser();
    await stranger.signUp();
    expect((await stranger.get(`/${mine.downloadPath}`)).status).toBe(403);
    expect((await b.get(`/${mine.downloadPath}`)).status).toBe(200);
  });

  it('refuses a missing or made-up ticket', async () => {
    const missing = await user.browser.get('/account/export');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields.ticket).toBeTruthy();
    expect((await user.browser.get('/account/export?ticket=made-up')).status).toBe(403);
  });
});

describe('a user with many login activity rows', () => {
  it('exports every row once, newest first, across pages (equal timestamps included)', async () => {
    const b = t.browser();
    const account = await b.signUp();
    const total = ACTIVITY_PAGE * 2 + 37;
    const base = t.clock.now().getTime() - 86_400_000;
    const values = Array.from({ length: total }, (_, i) => ({
      id: newId(),
      userId: account.id,
      // Groups of three rows share a timestamp, so the keyset cursor must use the id too.
      at: new Date(base + Math.floor(i / 3) * 1000),
      success: i % 5 !== 0,
      reason: i % 5 === 0 ? 'wrong_password' : null,
      method: 'password',
      ip: `10.0.${Math.floor(i / 250)}.${i % 250}`,
      country: 'Local network',
      device: 'Desktop',
      browser: 'Chrome 120',
      os: 'Linux',
    }));
    for (let i = 0; i < values.length; i += 500) await t.db.insert(loginActivity).values(values.slice(i, i + 500));
    const { res } = await download(b, account.password);
    const data = await res.json();
    const ids: string[] = data.loginActivity.map((a: any) => a.id);
    expect(ids.length).toBe(total + 1); // + the sign-up
    expect(new Set(ids).size).toBe(ids.length);
    const times = data.loginActivity.map((a: any) => Date.parse(a.at));
    expect(times).toEqual([...times].sort((x: number, y: number) => y - x));
  });
});
