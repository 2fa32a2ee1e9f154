import { expect } from 'vitest';
import { type Browser, type TestApp } from '../../testing/test-app';
import { newId } from '../../lib/crypto';
import { linkAccount } from '../connected-accounts/connected-accounts.test-helpers';
import { contacts } from '../contacts/contacts.table';
import { AVATAR_SAMPLES } from '../profile/avatar.fixtures';
import { totpAt } from '../two-factor/totp';
import { withTotp } from '../two-factor/two-factor.test-helpers';

/**
 * A user with data of every kind the kit holds: profile fields, an avatar, TOTP with recovery codes,
 * a trusted device, several sessions, failed and successful logins, preferences, notification and
 * privacy settings, and a connected Google account (the app needs the fake OAuth provider).
 * Returns the secrets it saw, so tests can prove they never leave the server.
 */
export async function userWithEverything(t: TestApp) {
  const b = t.browser();
  const account = await withTotp(t, b);
  const secrets: string[] = [account.secret, ...account.recoveryCodes];

  expect((await b.patch('/profile', { phone: '+14155550123', timezone: 'Europe/Paris', company: 'Analytical Engines Ltd', bio: 'Poet of science' })).status).toBe(200);
  const form = new FormData();
  form.append('avatar', new Blob([AVATAR_SAMPLES.png], { type: 'image/png' }), 'me.png');
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  expect((await t.app.request('http://localhost/profile/avatar', { method: 'PUT', body: form, headers: { cookie } })).status).toBe(200);
  expect((await b.put('/preferences', { theme: 'dark', compact: true, dateFormat: 'eu', timeFormat: '12h' })).status).toBe(200);
  expect((await b.put('/notifications', { callAlerts: false, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: false, marketing: true })).status).toBe(200);
  expect((await b.put('/privacy', { analytics: true })).status).toBe(200);

  // A failed attempt, then a second browser through the code step that trusts its device.
  const other: Browser = t.browser();
  other.userAgent = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
  expect((await other.post('/auth/sign-in', { email: account.email, password: 'not my password at all' })).status).toBe(401);
  expect((await other.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  t.clock.advance(30_000);
  const code = await totpAt(account.secret, t.clock.now());
  const step = await other.post('/auth/sign-in/two-factor', { method: 'totp', code, trustDevice: true });
  expect(step.status).toBe(200);
  for (const [name, value] of [...b.cookies, ...other.cookies]) if (/session|trusted|2fa/i.test(name)) secrets.push(value);

  // A contact channel, written straight to the contacts table (its routes belong to another feature).
  const now = t.clock.now();
  await t.db.insert(contacts).values({ id: newId(), userId: account.id, channel: 'sms', provider: 'twilio', value: '+14155550199', status: 'active', isDefault: true, createdAt: now, updatedAt: now });

  const linked = await linkAccount(b, 'google', `ada.${account.id.slice(0, 6).toLowerCase()}@gmail.example`);
  expect(linked.status).toBe('linked');

  const [{ password_hash }] = (await rows(t, `select password_hash from users where id = '${account.id}'`)) as [{ password_hash: string }];
  secrets.push(password_hash);
  return { ...account, browser: b, other, secrets };
}

export async function rows(t: TestApp, query: string): Promise<Record<string, unknown>[]> {
  const result = await t.db.execute(query as never);
  return ((result as any).rows ?? result) as Record<string, unknown>[];
}
