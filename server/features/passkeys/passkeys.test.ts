import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { SoftAuthenticator } from '../../testing/soft-authenticator';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { passwordStep, withTotp } from '../two-factor/two-factor.test-helpers';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const ORIGIN = 'http://localhost';
const page = { headers: { origin: ORIGIN } };
const rows = async (q: string) => {
  const r = await t.db.execute(q as never);
  return ((r as any).rows ?? r) as any[];
};

/** Signs up and registers one passkey through the API, as the Passkeys card does. */
async function withPasskey(b: Browser, name = 'This laptop') {
  const account = await b.signUp();
  const key = new SoftAuthenticator(ORIGIN);
  const options = await (await b.post('/security/passkeys/options', { password: account.password }, page)).json();
  const res = await b.post('/security/passkeys', { name, response: key.register(options) }, page);
  expect(res.status).toBe(201);
  return { account, key, passkey: (await res.json()).passkey };
}

async function signInWith(key: SoftAuthenticator, b = t.browser(), tamper?: (r: any) => void) {
  const options = await (await b.post('/auth/passkey/options', undefined, page)).json();
  const response = key.authenticate(options);
  tamper?.(response);
  return { b, res: await b.post('/auth/passkey', { response }, page), options, response };
}

describe('passkeys', () => {
  it('registers a discoverable passkey with user verification after the password, and lists it', async () => {
    const b = t.browser();
    const account = await b.signUp();
    expect((await b.post('/security/passkeys/options', { password: 'not the password' }, page)).status).toBe(400);
    const options = await (await b.post('/security/passkeys/options', { password: account.password }, page)).json();
    expect(options.rp).toEqual({ name: 'Settings Kit', id: 'localhost' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.attestation).toBe('none');
    const key = new SoftAuthenticator(ORIGIN);
    const res = await b.post('/security/passkeys', { name: 'Work laptop', response: key.register(options) }, page);
    expect(res.status).toBe(201);
    const { passkeys } = await (await b.get('/security/passkeys')).json();
    expect(passkeys).toEqual([expect.objectContaining({ name: 'Work laptop', lastUsedAt: null, synced: false })]);
    const mail = await rows(`select subject from outbox where "to" = '${account.email}' and subject like 'A passkey was added%'`);
    expect(mail).toHaveLength(1);
  });

  it('uses a registration challenge once, only for the user it was issued to, and only from our origins', async () => {
    const a = t.browser();
    const account = await a.signUp();
    const options = await (await a.post('/security/passkeys/options', { password: account.password }, page)).json();
    const other = t.browser();
    await other.signUp();
    const stolen = await other.post('/security/passkeys', { name: 'Stolen', response: new SoftAuthenticator(ORIGIN).register(options) }, page);
    expect(stolen.status).toBe(400); // the challenge was A's, and is now spent
    const again = await (await a.post('/security/passkeys/options', { password: account.password }, page)).json();
    const phishing = await a.post('/security/passkeys', { name: 'Phish', response: new SoftAuthenticator('https://evil.example').register(again) }, page);
    expect((await phishing.json()).error.code).toBe('invalid_passkey');
  });

  it('signs in with the passkey alone, records "passkey" in the activity, and refuses a replayed assertion', async () => {
    const { account, key } = await withPasskey(t.browser());
    const { b, res, response } = await signInWith(key);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('signed_in');
    expect((await (await b.get('/me')).json()).user.email).toBe(account.email);
    expect(await rows(`select 1 from login_activity where user_id = '${account.id}' and success and method = 'passkey'`)).toHaveLength(1);
    const replay = await t.browser().post('/auth/passkey', { response }, page);
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('invalid_passkey');
    const [stored] = await rows(`select counter, last_used_at from passkeys where user_id = '${account.id}'`);
    expect(Number(stored.counter)).toBe(1);
    expect(stored.last_used_at).not.toBeNull();
  });

  it('refuses a bad signature, an unknown credential, a counter that went back, and no user verification', async () => {
    const { key } = await withPasskey(t.browser());
    expect((await signInWith(key, t.browser(), (r) => (r.response.signature = Buffer.from('nope').toString('base64url')))).res.status).toBe(401);
    expect((await signInWith(new SoftAuthenticator(ORIGIN))).res.status).toBe(401);
    expect((await signInWith(key)).res.status).toBe(200);
    key.counter = 0; // a clone of the authenticator taken before the last sign-in
    expect((await signInWith(key)).res.status).toBe(401);
    key.counter = 10;
    key.userVerified = false;
    expect((await signInWith(key)).res.status).toBe(401);
  });

  it('counts failed passkey sign-ins toward the lockout of the account', async () => {
    const { key, account } = await withPasskey(t.browser());
    for (let i = 0; i < 5; i++) expect((await signInWith(key, t.browser(), (r) => (r.response.signature = Buffer.from(`bad${i}`).toString('base64url')))).res.status).toBe(401);
    const locked = await signInWith(key);
    expect(locked.res.status).toBe(423);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(423);
  });

  it('gives a disabled account no session, even with its passkey', async () => {
    const { key, account } = await withPasskey(t.browser());
    await t.db.execute(`update users set status = 'disabled' where id = '${account.id}'` as never);
    const { res, b } = await signInWith(key);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('account_disabled');
    expect((await b.get('/me')).status).toBe(401);
  });

  it('passes the two-factor code step of its own account with a passkey, and not of another', async () => {
    const owner = await withTotp(t);
    const key = new SoftAuthenticator(ORIGIN);
    const options = await (await owner.browser.post('/security/passkeys/options', { password: owner.password }, page)).json();
    expect((await owner.browser.post('/security/passkeys', { name: 'Key', response: key.register(options) }, page)).status).toBe(201);
    const { browser: b, body } = await passwordStep(t, owner);
    expect(body).toEqual({ status: 'two_factor_required', methods: ['totp', 'passkey', 'recovery_code'] });
    const stranger = new SoftAuthenticator(ORIGIN); // a valid passkey of nobody here
    const wrong = await b.post('/auth/sign-in/two-factor', { method: 'passkey', code: JSON.stringify(stranger.authenticate(await (await b.post('/auth/passkey/options', undefined, page)).json())) }, page);
    expect(wrong.status).toBe(401);
    const assertion = key.authenticate(await (await b.post('/auth/passkey/options', undefined, page)).json());
    const res = await b.post('/auth/sign-in/two-factor', { method: 'passkey', code: JSON.stringify(assertion) }, page);
    expect(res.status).toBe(200);
    expect((await (await b.get('/me')).json()).user.email).toBe(owner.email);
    expect((await b.post('/auth/sign-in/two-factor', { method: 'totp', code: 'x'.repeat(65) })).status).toBe(400);
  });

  it('expires challenges after five minutes', async () => {
    const { key } = await withPasskey(t.browser());
    const b = t.browser();
    const options = await (await b.post('/auth/passkey/options', undefined, page)).json();
    t.clock.advance(5 * MINUTE + 1000);
    expect((await b.post('/auth/passkey', { response: key.authenticate(options) }, page)).status).toBe(401);
  });

  it('renames and removes only the owner\'s passkeys, with a notice, and validates names', async () => {
    const owner = t.browser();
    const { passkey, account } = await withPasskey(owner);
    const stranger = t.browser();
    await stranger.signUp();
    expect((await stranger.patch(`/security/passkeys/${passkey.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await stranger.delete(`/security/passkeys/${passkey.id}`)).status).toBe(404);
    const bad = await owner.patch(`/security/passkeys/${passkey.id}`, { name: 'a\u0000b' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.name).toBeTruthy();
    const renamed = await owner.patch(`/security/passkeys/${passkey.id}`, { name: '  Phone  ' });
    expect((await renamed.json()).passkey.name).toBe('Phone');
    expect((await owner.delete(`/security/passkeys/${passkey.id}`)).status).toBe(204);
    expect((await (await owner.get('/security/passkeys')).json()).passkeys).toEqual([]);
    expect(await rows(`select 1 from outbox where "to" = '${account.email}' and subject like 'A passkey was removed%'`)).toHaveLength(1);
  });
});
