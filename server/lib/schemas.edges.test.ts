import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAppWithAdmin, type Browser, type TestApp } from '../testing/test-app';
import { ID_PATTERN } from './schemas';

// NUL and other control characters are refused at the edge, for every string field and path id,
// with 400 validation_failed naming the field (a NUL that reached PostgreSQL was a 500).
let t: TestApp;
let admin: Browser;
let user: Browser;
beforeAll(async () => {
  ({ t, admin } = await createTestAppWithAdmin());
  user = t.browser();
  await user.signUp();
});
afterAll(() => t.close());

const WELL_SHAPED_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
/** NUL, a C0 control (BEL), DEL and a C1 control (NEL). */
const CONTROLS = ['\u0000', '\u0007', '\u007f', '\u0085'];

type Case = { name: string; field: string; as?: 'admin' | 'user' | 'anonymous'; send: (b: Browser, bad: string) => Promise<Response> };
const pathPart = (bad: string) => encodeURIComponent(`a${bad}b`);

const cases: Case[] = [
  { name: 'PATCH /profile displayName', field: 'displayName', send: (b, x) => b.patch('/profile', { displayName: `Ada${x}` }) },
  { name: 'PATCH /profile company', field: 'company', send: (b, x) => b.patch('/profile', { company: `Acme${x}` }) },
  { name: 'PATCH /profile bio', field: 'bio', send: (b, x) => b.patch('/profile', { bio: `Hello${x}there` }) },
  { name: 'POST /auth/sign-up displayName', field: 'displayName', as: 'anonymous', send: (b, x) => b.post('/auth/sign-up', { email: `new${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'correct horse battery staple', displayName: `Ada${x}` }) },
  { name: 'POST /auth/sign-in email', field: 'email', as: 'anonymous', send: (b, x) => b.post('/auth/sign-in', { email: `a${x}b@example.com`, password: 'whatever it is' }) },
  { name: 'POST /contacts value (email)', field: 'value', send: (b, x) => b.post('/contacts', { channel: 'email', provider: 'mailgun', value: `a${x}b@example.com` }) },
  { name: 'POST /contacts/:id/test message', field: 'message', send: (b, x) => b.post(`/contacts/${WELL_SHAPED_ID}/test`, { message: `hello${x}` }) },
  { name: 'PATCH /contacts/:id id', field: 'id', send: (b, x) => b.patch(`/contacts/${pathPart(x)}`, { isDefault: true }) },
  { name: 'DELETE /security/sessions/:id', field: 'id', send: (b, x) => b.delete(`/security/sessions/${pathPart(x)}`) },
  { name: 'DELETE /security/trusted-devices/:id', field: 'id', send: (b, x) => b.delete(`/security/trusted-devices/${pathPart(x)}`) },
  { name: 'GET /admin/users?search=', field: 'search', as: 'admin', send: (b, x) => b.get(`/admin/users?search=${pathPart(x)}`) },
  { name: 'PATCH /admin/users/:id', field: 'id', as: 'admin', send: (b, x) => b.patch(`/admin/users/${pathPart(x)}`, { status: 'disabled' }) },
  { name: 'GET /admin/audit?action=', field: 'action', as: 'admin', send: (b, x) => b.get(`/admin/audit?action=${pathPart(x)}`) },
  { name: 'GET /dev/outbox?to=', field: 'to', as: 'anonymous', send: (b, x) => b.get(`/dev/outbox?to=${pathPart(x)}`) },
  { name: 'GET /security/login-activity?cursor=', field: 'cursor', send: (b, x) => b.get(`/security/login-activity?cursor=${pathPart(x)}`) },
  { name: 'POST /security/two-factor/sms/setup phone', field: 'phone', send: (b, x) => b.post('/security/two-factor/sms/setup', { password: 'correct horse battery staple', phone: `+1415555${x}0142` }) },
  { name: 'POST /security/password currentPassword', field: 'currentPassword', send: (b, x) => b.post('/security/password', { currentPassword: `pw${x}`, newPassword: 'another fine passphrase' }) },
  { name: 'POST /auth/password-recovery/reset token', field: 'token', as: 'anonymous', send: (b, x) => b.post('/auth/password-recovery/reset', { token: `${'t'.repeat(30)}${x}`, newPassword: 'another fine passphrase' }) },
];

const browserFor = (as: Case['as']) => (as === 'admin' ? admin : as === 'anonymous' ? t.browser() : user);

describe('control characters are refused at the edge', () => {
  for (const c of cases) {
    it(`${c.name}: 400 naming \`${c.field}\` for NUL, BEL, DEL and NEL`, async () => {
      for (const bad of CONTROLS) {
        const res = await c.send(browserFor(c.as), bad);
        const label = `${c.name} with U+${bad.charCodeAt(0).toString(16).padStart(4, '0')}`;
        expect(res.status, label).toBe(400);
        const body = (await res.json()) as { error: { code: string; fields?: Record<string, string> } };
        expect(body.error.code, label).toBe('validation_failed');
        expect(Object.keys(body.error.fields ?? {}), label).toContain(c.field);
      }
    });
  }

  it('a bio keeps its line breaks and tabs; a one-line field refuses them', async () => {
    const bio = 'First line\nSecond line\r\n\tindented';
    const res = await user.patch('/profile', { bio });
    expect(res.status).toBe(200);
    expect((await res.json()).bio).toBe(bio);
    expect((await (await user.get('/profile')).json()).bio).toBe(bio);
    const lone = await user.patch('/profile', { bio: 'a lone\rcarriage return' });
    expect(lone.status).toBe(400);
    const company = await user.patch('/profile', { company: 'Two\nlines' });
    expect(company.status).toBe(400);
    expect((await company.json()).error.fields).toHaveProperty('company');
  });

  it('ids are judged by their shape (newId: 22 base64url characters); a well-shaped unknown one is 404', async () => {
    expect(ID_PATTERN.test('Jb3tq1YkQ0mFqk2sXxv9bA')).toBe(true);
    for (const bad of ['short', 'x'.repeat(23), 'AAAAAAAAAAAAAAAAAAAA+=', 'AAAAAAAAAAAAAAAAAAAA%2F']) {
      const res = await user.delete(`/security/sessions/${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect((await user.delete(`/security/sessions/${WELL_SHAPED_ID}`)).status).toBe(404);
    expect((await user.delete(`/security/trusted-devices/${WELL_SHAPED_ID}`)).status).toBe(404);
    expect((await admin.patch(`/admin/users/${WELL_SHAPED_ID}`, { status: 'active' })).status).toBe(404);
  });

  it('the OpenAPI document still builds, with the id pattern on the path parameter', async () => {
    const res = await t.browser().get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { parameters?: { name: string; schema: { pattern?: string } }[] }>> };
    const param = doc.paths['/security/sessions/{id}']!.delete!.parameters!.find((p) => p.name === 'id')!;
    expect(param.schema.pattern).toBe(ID_PATTERN.source);
  });
});
