import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeOAuthProviders, startFakeOAuth, type FakeOAuthServer } from '../../sandbox/fake-oauth';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { nextCode, withTotp } from '../two-factor/two-factor.test-helpers';
import { approveAtProvider, linkAccount, popupResult } from './connected-accounts.test-helpers';

let t: TestApp;
let fake: FakeOAuthServer;
beforeAll(async () => {
  fake = await startFakeOAuth();
  const providers = fakeOAuthProviders(fake);
  // GitHub left unconfigured: it must show as unavailable.
  t = await createTestApp({ oauth: { google: providers.google, microsoft: providers.microsoft } });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const unique = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@example.net`;

describe('connected accounts', () => {
  it('lists the three providers, which are available and which are connected', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await b.get('/connected-accounts');
    expect(res.status).toBe(200);
    const { accounts, passwordSignIn } = await res.json();
    expect(passwordSignIn).toBe(true);
    expect(accounts.map((a: any) => [a.provider, a.available, a.connected, a.sandbox])).toEqual([
      ['google', true, false, true],
      ['microsoft', true, false, true],
      ['github', false, false, false],
    ]);
    const github = await b.post('/connected-accounts/github/connect');
    expect(github.status).toBe(404);
    expect((await github.json()).error.code).toBe('provider_not_configured');
    const unknown = await b.post('/connected-accounts/myspace/connect');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields.provider).toContain('google');
    expect((await t.browser().get('/connected-accounts')).status).toBe(401);
    expect((await t.browser().post('/connected-accounts/google/connect')).status).toBe(401);
  });

  it('links with authorization code + PKCE (S256) and a state bound to the browser', async () => {
    const b = t.browser();
    await b.signUp();
    const start = await b.post('/connected-accounts/google/connect');
    const { authorizeUrl } = await start.json();
    const q = new URL(authorizeUrl).searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(q.get('redirect_uri')).toBe('http://localhost/auth/oauth/google/callback');
    expect(b.cookies.get('sk_oauth_state')).toBe(q.get('state'));
    // The state is stored only as a keyed hash, the verifier only encrypted.
    const stored = await t.db.execute(`select state_hash, code_verifier_encrypted from oauth_states` as never);
    const text = JSON.stringify((stored as any).rows ?? stored);
    expect(text).not.toContain(q.get('state'));

    const email = unique('ada');
    const back = await approveAtProvider(authorizeUrl, email);
    const result = await popupResult(await b.get(back.pathname + back.search));
    expect(result).toMatchObject({ provider: 'google', purpose: 'link', status: 'linked', openerOrigin: 'http://localhost' });
    // The provider got the verifier whose S256 hash is the challenge it was shown.
    const exchange = fake.tokenRequests.at(-1)!;
    expect(exchange.ok).toBe(true);
    expect(createHash('sha256').update(exchange.codeVerifier!).digest('base64url')).toBe(q.get('code_challenge'));

    const list = await (await b.get('/connected-accounts')).json();
    expect(list.accounts[0]).toMatchObject({ provider: 'google', connected: true, email });
    const row = await t.db.execute(`select access_token_encrypted from connected_accounts` as never);
    for (const token of fake.issuedTokens) expect(JSON.stringify((row as any).rows ?? row)).not.toContain(token);
  });

  it('refuses a callback whose state does not match the browser, or was used, or expired', async () => {
    const b = t.browser();
    await b.signUp();
    const { authorizeUrl } = await (await b.post('/connected-accounts/google/connect')).json();
    const back = await approveAtProvider(authorizeUrl, unique('eve'));

    // Another browser (the attacker's link opened by a victim): no state cookie.
    const victim = t.browser();
    await victim.signUp();
    const stolen = await popupResult(await victim.get(back.pathname + back.search));
    expect(stolen).toMatchObject({ status: 'error', code: 'invalid_state' });
    // The state was consumed by that attempt: the rightful browser cannot replay it either.
    const replay = await popupResult(await b.get(back.pathname + back.search));
    expect(replay).toMatchObject({ status: 'error', code: 'invalid_state' });

    // A forged state.
    const second = await (await b.post('/connected-accounts/google/connect')).json();
    const back2 = await approveAtProvider(second.authorizeUrl, unique('eve'));
    back2.searchParams.set('state', 'forged-state-value');
    expect(await popupResult(await b.get(back2.pathname + back2.search))).toMatchObject({ status: 'error', code: 'invalid_state' });

    // Expired (10 minutes).
    const third = await (await b.post('/connected-accounts/microsoft/connect')).json();
    const back3 = await approveAtProvider(third.authorizeUrl, unique('eve'));
    t.clock.advance(10 * 60_000 + 1);
    expect(await popupResult(await b.get(back3.pathname + back3.search))).toMatchObject({ status: 'error', code: 'invalid_state' });
    expect((await (await b.get('/connected-accounts')).json()).accounts.every((a: any) => !a.connected)).toBe(true);
  });

  it('fails when the provider refuses the code exchange (wrong PKCE verifier)', async () => {
    const b = t.browser();
    await b.signUp();
    const { authorizeUrl } = await (await b.post('/connected-accounts/google/connect')).json();
    // Tamper with the challenge the provider sees: the server's real verifier no longer matches it.
    const tampered = new URL(authorizeUrl);
    tampered.searchParams.set('code_challenge', createHash('sha256').update('attacker verifier').digest('base64url'));
    const back = await approveAtProvider(tampered.toString(), unique('mallory'));
    const result = await popupResult(await b.get(back.pathname + back.search));
    expect(result).toMatchObject({ status: 'error', code: 'oauth_failed' });
    expect(fake.tokenRequests.at(-1)).toMatchObject({ ok: false, error: 'invalid_grant' });
  });

  it('reports a denial at the provider', async () => {
    const b = t.browser();
    await b.signUp();
    const { authorizeUrl } = await (await b.post('/connected-accounts/google/connect')).json();
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const res = await b.get(`/auth/oauth/google/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(await popupResult(res)).toMatchObject({ status: 'error', code: 'access_denied' });
  });

  it('keeps one provider identity with one user', async () => {
    const email = unique('shared');
    const a = t.browser();
    await a.signUp();
    expect((await linkAccount(a, 'microsoft', email)).status).toBe('linked');
    const b = t.browser();
    await b.signUp();
    expect(await linkAccount(b, 'microsoft', email)).toMatchObject({ status: 'error', code: 'identity_taken' });
  });

  it('unlinks, and the password still signs in', async () => {
    const b = t.browser();
    const account = await b.signUp();
    await linkAccount(b, 'google', unique('grace'));
    expect((await b.delete('/connected-accounts/google')).status).toBe(204);
    expect((await (await b.get('/connected-accounts')).json()).accounts[0].connected).toBe(false);
    const again = await b.delete('/connected-accounts/google');
    expect(again.status).toBe(404);
    expect((await t.browser().post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  });
});

describe('sign in with a connected account (/auth/oauth/:provider)', () => {
  it('signs in the linked user through a full-page round trip', async () => {
    const owner = t.browser();
    const account = await owner.signUp();
    const googleEmail = unique('linked');
    await linkAccount(owner, 'google', googleEmail);

    const b = t.browser();
    const start = await b.get('/auth/oauth/google?returnTo=/settings%23connected');
    expect(start.status).toBe(302);
    const authorizeUrl = start.headers.get('location')!;
    expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const back = await approveAtProvider(authorizeUrl, googleEmail);
    const done = await b.get(back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://localhost/settings?oauth=signed_in&provider=google#connected');
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(account.id);
    const activity = await t.db.execute(`select method from login_activity where user_id = '${account.id}' and success` as never);
    expect(((activity as any).rows ?? activity).map((r: any) => r.method)).toContain('oauth_google');
  });

  it('reports the result to the opener in popup mode, only to a trusted origin', async () => {
    const owner = t.browser();
    await owner.signUp();
    const email = unique('popup');
    await linkAccount(owner, 'microsoft', email);
    const b = t.browser();
    const start = await b.get('/auth/oauth/microsoft?popup=1&origin=https://evil.example');
    const back = await approveAtProvider(start.headers.get('location')!, email);
    const result = await popupResult(await b.get(back.pathname + back.search));
    expect(result).toMatchObject({ status: 'signed_in', purpose: 'sign_in', openerOrigin: 'http://localhost' });
    expect((await b.get('/me')).status).toBe(200);
  });

  it('signs no one in for an identity that is not linked, and never redirects off-site', async () => {
    const b = t.browser();
    const start = await b.get('/auth/oauth/google?returnTo=https://evil.example/steal');
    const back = await approveAtProvider(start.headers.get('location')!, unique('stranger'));
    const done = await b.get(back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://localhost/?oauth_error=not_linked&provider=google');
    expect((await b.get('/me')).status).toBe(401);
  });

  it.each(['/.//evil.example/phish', '/..//evil.example/phish', '/%2e//evil.example/phish', '//evil.example/phish', '/\\evil.example/phish', '\\\\evil.example', 'javascript:alert(1)', 'https://localhost.evil.example/'])(
    'normalises returnTo %s before the allowlist check and never emits a protocol-relative target',
    async (returnTo) => {
      const owner = t.browser();
      await owner.signUp();
      const email = unique('redirect');
      await linkAccount(owner, 'google', email);
      const b = t.browser();
      const start = await b.get(`/auth/oauth/google?returnTo=${encodeURIComponent(returnTo)}`);
      const back = await approveAtProvider(start.headers.get('location')!, email);
      const done = await b.get(back.pathname + back.search);
      expect(done.status).toBe(302);
      const location = done.headers.get('location')!;
      expect(location.startsWith('//')).toBe(false);
      expect(new URL(location).origin).toBe('http://localhost'); // absolute, on our own origin
    },
  );

  it('after unlinking, the provider no longer signs in', async () => {
    const owner = t.browser();
    await owner.signUp();
    const email = unique('gone');
    await linkAccount(owner, 'google', email);
    await owner.delete('/connected-accounts/google');
    const b = t.browser();
    const start = await b.get('/auth/oauth/google');
    const back = await approveAtProvider(start.headers.get('location')!, email);
    expect((await b.get(back.pathname + back.search)).headers.get('location')).toContain('oauth_error=not_linked');
    expect((await b.get('/me')).status).toBe(401);
  });

  it('still asks the second factor of a user with two-factor authentication', async () => {
    const owner = t.browser();
    const account = await withTotp(t, owner);
    const email = unique('twofactor');
    await linkAccount(owner, 'google', email);
    const b = t.browser();
    const start = await b.get('/auth/oauth/google');
    const back = await approveAtProvider(start.headers.get('location')!, email);
    const done = await b.get(back.pathname + back.search);
    expect(done.headers.get('location')).toBe('http://localhost/?oauth=two_factor_required&provider=google&methods=totp,recovery_code');
    expect((await b.get('/me')).status).toBe(401);
    const code = await nextCode(t, account.secret);
    const step = await b.post('/auth/sign-in/two-factor', { method: 'totp', code });
    expect(step.status).toBe(200);
    expect((await (await b.get('/me')).json()).user.id).toBe(account.id);
  });

  it("carries an SMS-only user's methods in the redirect, so the code step texts a code", async () => {
    const owner = t.browser();
    const account = await owner.signUp();
    const email = unique('smsonly');
    await linkAccount(owner, 'microsoft', email);
    const phone = '+14155550917';
    expect((await owner.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
    const rows = (await t.db.execute(`select body from outbox where "to" = '${phone}' order by created_at desc limit 1` as never)) as any;
    const setupCode = /(\d{6})/.exec((rows.rows ?? rows)[0].body)![1]!;
    expect((await owner.post('/security/two-factor/sms/enable', { code: setupCode })).status).toBe(200);
    const b = t.browser();
    const start = await b.get('/auth/oauth/microsoft');
    const back = await approveAtProvider(start.headers.get('location')!, email);
    const location = new URL((await b.get(back.pathname + back.search)).headers.get('location')!);
    expect(location.searchParams.get('oauth')).toBe('two_factor_required');
    expect(location.searchParams.get('methods')).toBe('sms,recovery_code');
    expect(location.search).toContain('&methods=sms,recovery_code');
  });

  it('lists the providers a signed-out visitor can sign in with', async () => {
    const res = await t.browser().get('/auth/oauth/providers');
    expect(res.status).toBe(200);
    expect((await res.json()).providers).toEqual([
      { provider: 'google', name: 'Google', sandbox: true },
      { provider: 'microsoft', name: 'Microsoft', sandbox: true },
    ]);
  });

  it('serves the popup script the result page loads', async () => {
    const res = await t.browser().get('/auth/oauth/result.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('postMessage');
  });
});
