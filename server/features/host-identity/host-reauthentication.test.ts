import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostSession } from '../../context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { as, headerIdentity } from './host-identity.test-helpers';

// Every action that asks a kit user for the password asks a host user for a recent
// `reauthenticatedAt` instead, through the one check of lib/reauthenticate.ts.
let t: TestApp;
const hostSessions = new Map<string, HostSession[]>();
beforeAll(async () => {
  t = await createTestApp({
    identify: headerIdentity,
    reauthenticationMaxAgeSeconds: 300,
    sessions: {
      list: async (externalId) => hostSessions.get(externalId) ?? [],
      revoke: async (externalId, id) => {
        const list = hostSessions.get(externalId) ?? [];
        hostSessions.set(externalId, list.filter((s) => s.id !== id));
        return list.some((s) => s.id === id);
      },
      revokeOthers: async (externalId) => {
        const list = hostSessions.get(externalId) ?? [];
        hostSessions.set(externalId, list.filter((s) => s.current));
        return list.filter((s) => !s.current).length;
      },
    },
  });
});
afterAll(() => t.close());

const secondsAgo = (s: number) => new Date(t.clock.now().getTime() - s * 1000).toISOString();

const sensitive: [string, string, unknown][] = [
  ['TOTP setup', '/security/two-factor/totp/setup', {}],
  ['SMS setup', '/security/two-factor/sms/setup', { phone: '+14155550100' }],
  ['recovery codes', '/security/two-factor/recovery-codes', {}],
  ['2FA off', '/security/two-factor/disable', {}],
  ['export', '/account/export', {}],
  ['passkey registration', '/security/passkeys/options', {}],
];

describe('re-authentication of host users', () => {
  it.each(sensitive)('%s: 401 reauthentication_required without a recent reauthenticatedAt', async (_name, path, body) => {
    const b = t.browser();
    for (const headers of [as('crm-r'), as('crm-r', { 'x-host-reauth': secondsAgo(301) }), as('crm-r', { 'x-host-reauth': secondsAgo(-3600) })]) {
      const res = await b.post(path, body, headers);
      expect(res.status, path).toBe(401);
      expect((await res.json()).error.code).toBe('reauthentication_required');
    }
  });

  it('a recent one lets TOTP setup, export and passkey registration through without a password', async () => {
    const b = t.browser();
    const fresh = as('crm-r', { 'x-host-reauth': secondsAgo(299) });
    const setup = await b.post('/security/two-factor/totp/setup', {}, fresh);
    expect(setup.status).toBe(200);
    expect((await setup.json()).secret).toMatch(/^[A-Z2-7]+$/);
    expect((await b.post('/account/export', {}, fresh)).status).toBe(201);
    expect((await b.post('/security/passkeys/options', {}, fresh)).status).toBe(200);
  });

  it('a host user has no password to change, and no email to change here', async () => {
    const b = t.browser();
    const password = await b.post('/security/password', { currentPassword: 'x'.repeat(10), newPassword: 'correct horse battery staple 2' }, as('crm-r'));
    expect(password.status).toBe(409);
    expect((await password.json()).error.code).toBe('no_password');
    const email = await b.post('/profile/email', { newEmail: 'other@crm.example' }, as('crm-r', { 'x-host-reauth': secondsAgo(1) }));
    expect(email.status).toBe(403);
    expect((await email.json()).error.code).toBe('email_managed_by_host');
  });
});

describe('a kit user keeps the password check', () => {
  it('refuses an action without the password, even with a host-looking header', async () => {
    const kit = await createTestApp({}, t.database);
    try {
      const b = kit.browser();
      await b.signUp();
      const res = await b.post('/security/two-factor/totp/setup', {}, { headers: { 'x-host-reauth': secondsAgo(1) } });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.password).toBeTruthy();
    } finally {
      await kit.app.stop();
    }
  });
});

describe('the sessions adapter', () => {
  it('lists, revokes one and revokes the others of the host sessions', async () => {
    const at = t.clock.now();
    hostSessions.set('crm-s', [
      { id: 'h1', current: true, device: 'Desktop', browser: 'Chrome 150', os: 'Linux', ip: '203.0.113.9', createdAt: at, lastActiveAt: at },
      { id: 'h2', current: false, createdAt: at.toISOString(), lastActiveAt: at.toISOString() },
      { id: 'h3', current: false, createdAt: at, lastActiveAt: at },
    ]);
    const b = t.browser();
    const list = await (await b.get('/security/sessions', as('crm-s'))).json();
    expect(list.available).toBe(true);
    expect(list.sessions.map((s: { current: boolean }) => s.current)).toEqual([true, false, false]);
    expect(list.sessions[1]).toMatchObject({ browser: 'Unknown browser', createdAt: at.toISOString() });
    // The host's ids stay on the host: the page gets ids of the API's shape.
    expect(list.sessions.every((s: { id: string }) => /^[A-Za-z0-9_-]{22}$/.test(s.id))).toBe(true);
    const second = list.sessions[1].id;
    expect((await b.delete(`/security/sessions/${second}`, as('crm-s'))).status).toBe(204);
    expect(hostSessions.get('crm-s')!.map((s) => s.id)).toEqual(['h1', 'h3']);
    expect((await b.delete(`/security/sessions/${second}`, as('crm-s'))).status).toBe(404);
    expect((await b.delete(`/security/sessions/${second}`, as('crm-other'))).status).toBe(404);
    expect(await (await b.post('/security/sessions/revoke-others', undefined, as('crm-s'))).json()).toEqual({ revoked: 1 });
    expect(hostSessions.get('crm-s')!.map((s) => s.id)).toEqual(['h1']);
  });
});
