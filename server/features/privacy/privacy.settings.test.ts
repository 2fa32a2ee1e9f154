import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectRefusedNaming, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('GET/PUT /privacy', () => {
  it('needs a session', async () => {
    expect((await t.browser().get('/privacy')).status).toBe(401);
    expect((await t.browser().put('/privacy', { analytics: true })).status).toBe(401);
  });

  it('starts with analytics off (opt-in), stores a change, and says deletion is available', async () => {
    const b = t.browser();
    await b.signUp();
    expect(await (await b.get('/privacy')).json()).toEqual({ analytics: false, accountDeletion: true });
    const put = await b.put('/privacy', { analytics: true });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ analytics: true, accountDeletion: true });
    expect((await (await b.get('/privacy')).json()).analytics).toBe(true);
  });

  it.each([
    ['a string', { analytics: 'on' }, 'analytics'],
    ['a missing field', {}, 'analytics'],
    ['an unknown key', { analytics: true, tracking: true }, 'body'],
  ])('refuses %s naming the field', async (_label, body, field) => {
    const b = t.browser();
    await b.signUp();
    await expectRefusedNaming(await b.put('/privacy', body), field);
  });
});

describe('POST /account/export and /account/delete validation', () => {
  it('names a missing password and a missing confirmation word', async () => {
    const b = t.browser();
    await b.signUp();
    const exp = await b.post('/account/export', {});
    expect(exp.status).toBe(400);
    expect((await exp.json()).error.fields.password).toBeTruthy();
    const del = await b.post('/account/delete', { password: 'x' });
    expect(del.status).toBe(400);
    expect((await del.json()).error.fields.confirm).toContain('DELETE');
    const wrongWord = await b.post('/account/delete', { password: 'x', confirm: 'delete please' });
    expect((await wrongWord.json()).error.fields.confirm).toContain('DELETE');
    expect((await b.get('/me')).status).toBe(200);
  });

  it('needs a session for both', async () => {
    expect((await t.browser().post('/account/export', { password: 'whatever it is' })).status).toBe(401);
    expect((await t.browser().post('/account/delete', { password: 'whatever it is', confirm: 'DELETE' })).status).toBe(401);
    expect((await t.browser().get('/account/export?ticket=abc')).status).toBe(401);
  });

  it('refuses a wrong password on the field, counting toward the lockout', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    for (let i = 0; i < 5; i++) {
      const res = await b.post('/account/export', { password: `wrong ${i} password` });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_password'); // the one code of every password re-check
      expect(error.fields.password).toContain('not correct');
    }
    expect((await b.post('/account/export', { password: 'correct horse battery staple' })).status).toBe(423);
    expect((await t.browser().post('/auth/sign-in', { email, password: 'correct horse battery staple' })).status).toBe(423);
  });

  it('refuses a request from a foreign origin (CSRF)', async () => {
    const b = t.browser();
    const { password } = await b.signUp();
    const res = await b.post('/account/delete', { password, confirm: 'DELETE' }, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await b.get('/me')).status).toBe(200);
  });
});

describe('allowAccountDeletion: false', () => {
  it('refuses deletion with 403 and says so in GET /privacy', async () => {
    const closed = await createTestApp({ allowAccountDeletion: false });
    try {
      const b = closed.browser();
      const { password } = await b.signUp();
      expect((await (await b.get('/privacy')).json()).accountDeletion).toBe(false);
      const res = await b.post('/account/delete', { password, confirm: 'DELETE' });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('account_deletion_disabled');
      expect((await b.get('/me')).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
