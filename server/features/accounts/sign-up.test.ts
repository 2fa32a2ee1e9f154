import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('sign-up', () => {
  it('creates the account, signs in, and makes the first account the admin', async () => {
    const b = t.browser();
    const res = await b.post('/auth/sign-up', { email: 'First@Example.com', password: 'a fine long passphrase', displayName: 'Ada' });
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({ email: 'first@example.com', displayName: 'Ada', role: 'admin', twoFactorEnabled: false });
    expect([...b.cookies.keys()]).toContain('sk_session');
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe('first@example.com');
    const second = await t.browser().signUp();
    expect((await (await t.browser().post('/auth/sign-in', { email: second.email, password: second.password })).json()).user.role).toBe('user');
  });

  it('refuses a taken email with 409 email_taken', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    const res = await t.browser().post('/auth/sign-up', { email: email.toUpperCase(), password: 'another fine passphrase' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('email_taken');
  });

  it.each([
    ['7 characters', 'abcdefg', 'at least 8'],
    ['129 characters', 'x'.repeat(60) + 'y'.repeat(69), 'at most 128'],
    ['a common password', 'password1', 'too common'],
    ['the email local part', 'xx-maryjane-xx', 'email'],
  ])('refuses %s with a reason naming the password field', async (_label, password, reason) => {
    const res = await t.browser().post('/auth/sign-up', { email: 'maryjane@example.com', password });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields.password).toContain(reason);
  });

  it('accepts exactly 8 and exactly 128 characters and compares them exactly', async () => {
    expect((await t.browser().post('/auth/sign-up', { email: 'eight@example.com', password: 'q7#Lm2vZ' })).status).toBe(201);
    const long = 'Zq9'.repeat(42) + 'ab';
    expect([...long].length).toBe(128);
    expect((await t.browser().post('/auth/sign-up', { email: 'long@example.com', password: long })).status).toBe(201);
    expect((await t.browser().post('/auth/sign-in', { email: 'long@example.com', password: long })).status).toBe(200);
    expect((await t.browser().post('/auth/sign-in', { email: 'long@example.com', password: long.slice(0, 127) })).status).toBe(401);
    expect((await t.browser().post('/auth/sign-in', { email: 'long@example.com', password: long.toLowerCase() })).status).toBe(401);
  });

  it('names the email field when it is not an address', async () => {
    const res = await t.browser().post('/auth/sign-up', { email: 'not-an-email', password: 'a fine long passphrase' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.email).toBeTruthy();
  });

  it('stores the password only as an argon2id hash', async () => {
    const rows = await t.database.db.execute('select password_hash from users limit 1' as never);
    const hash = ((rows as any).rows ?? rows)[0].password_hash as string;
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
