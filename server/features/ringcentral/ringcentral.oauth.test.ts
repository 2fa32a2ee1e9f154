import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRingCentral, type FakeRingCentral } from '../../sandbox/fake-ringcentral';
import { closeInOrder, createTestAppBeside, type Browser, type TestApp } from '../../testing/test-app';
import { addContact, listOf } from '../contacts/contacts.test-helpers';
import { rowsOf } from '../two-factor/two-factor.test-helpers';

const APP = 'http://app.example';
let rc: FakeRingCentral;
let t: TestApp;
beforeAll(async () => {
  ({ t, server: rc } = await createTestAppBeside(startFakeRingCentral, (rc) => ({ ringcentral: { server: rc.url, clientId: rc.clientId, clientSecret: rc.clientSecret, sandbox: true }, allowedOrigins: [APP] })));
  await t.browser().signUp();
});
afterAll(() => closeInOrder(t, rc));

/** POST register from the app's page (Origin header), as the element does. */
async function register(b: Browser, contactId: string) {
  const res = await b.post(`/contacts/${contactId}/ringcentral/register`, undefined, { headers: { origin: APP } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { authorizeUrl: string }).authorizeUrl;
}

/** What the user does in the popup: open the consent page and press Allow (or Deny). Returns the callback path. */
async function consent(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow') {
  const pageRes = await fetch(authorizeUrl);
  expect(pageRes.status).toBe(200);
  const html = await pageRes.text();
  expect(html).toContain('RingCentral sandbox');
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name!, value!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))));
  form.set('decision', decision);
  const decided = await fetch(`${rc.url}/restapi/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(decided.status).toBe(302);
  const location = new URL(decided.headers.get('location')!);
  expect(location.origin).toBe('http://localhost');
  return location.pathname + location.search;
}

/** Adds the contact and walks its registration through the consent page, to the callback URL. */
async function consentedContact(b: Browser, body: Record<string, unknown>) {
  const contact = await addContact(b, body);
  return { contact, callback: await consent(await register(b, contact.id)) };
}

async function registeredContact(b: Browser, body: Record<string, unknown>) {
  const { contact, callback } = await consentedContact(b, body);
  const res = await b.get(callback);
  expect(res.status).toBe(200);
  return { contact, page: await res.text(), res };
}

describe('RingCentral registration: the full OAuth round trip', () => {
  it('authorize URL → consent → callback → token exchange → registered → SMS with the bearer token → refresh', async () => {
    const b = t.browser();
    await b.signUp();
    const contact = await addContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550501', isDefault: true });
    expect(contact.registered).toBe(false);

    const authorizeUrl = await register(b, contact.id);
    const url = new URL(authorizeUrl);
    expect(url.origin).toBe(rc.url);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost/integrations/ringcentral/callback');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const state = url.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(40);
    // The state is stored only as a keyed hash, with the PKCE verifier encrypted.
    const states = await rowsOf<{ state_hash: string; code_verifier: string }>(t, `select state_hash, code_verifier from ringcentral_states where contact_id = '${contact.id}'`);
    expect(states).toHaveLength(1);
    expect(states[0]!.state_hash).not.toContain(state);
    expect(states[0]!.code_verifier).toMatch(/^v1\./);

    const callback = await consent(authorizeUrl);
    const res = await b.get(callback);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const page = await res.text();
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toContain(`"type":"sk-ringcentral-registered","contactId":"${contact.id}"`);
    expect(page).toContain(`"target":"${APP}"`); // the opener's origin, never "*"
    expect(page).toContain('window.close()');

    // The code was exchanged with PKCE and client auth; tokens are stored encrypted.
    const exchange = rc.requests.find((r) => r.path === '/restapi/oauth/token' && r.body.grant_type === 'authorization_code' && r.status === 200)!;
    expect(exchange.authorization).toBe(`Basic ${Buffer.from(`${rc.clientId}:${rc.clientSecret}`).toString('base64')}`);
    expect(exchange.body.code_verifier).toBeTruthy();
    const firstToken = rc.accessTokens().at(-1)!;
    const stored = await rowsOf<{ tokens: string }>(t, `select tokens from ringcentral_tokens where contact_id = '${contact.id}'`);
    expect(stored[0]!.tokens).toMatch(/^v1\./);
    expect(stored[0]!.tokens).not.toContain(firstToken);
    expect((await listOf(b)).find((c) => c.id === contact.id)!.registered).toBe(true);

    // Verify through RingCentral: the code goes by SMS with the bearer token.
    expect((await b.post(`/contacts/${contact.id}/verify`)).status).toBe(202);
    const sms = rc.messages().at(-1)!;
    expect(sms.authorization).toMatch(new RegExp(`^bearer ${firstToken}$`, 'i'));
    expect(sms.body).toMatchObject({ from: { phoneNumber: '+14155550501' }, to: [{ phoneNumber: '+14155550501' }] });
    const code = /(\d{6})/.exec(String(sms.body.text))![1]!;
    expect((await b.post(`/contacts/${contact.id}/verify/confirm`, { code })).status).toBe(200);
    expect((await b.post(`/contacts/${contact.id}/test`, { message: 'rc test' })).status).toBe(202);
    expect(rc.messages().at(-1)!.body.text).toBe('rc test');

    // An hour later the access token is stale: it is refreshed first, and the new one is used.
    rc.expireAccessTokens();
    t.clock.advance(61 * 60_000);
    expect((await b.post(`/contacts/${contact.id}/test`, { message: 'after refresh' })).status).toBe(202);
    const refresh = rc.requests.filter((r) => r.path === '/restapi/oauth/token' && r.body.grant_type === 'refresh_token');
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.status).toBe(200);
    const secondToken = rc.accessTokens().at(-1)!;
    expect(secondToken).not.toBe(firstToken);
    const after = rc.messages().at(-1)!;
    expect(after.body.text).toBe('after refresh');
    expect(after.authorization).toMatch(new RegExp(`^bearer ${secondToken}$`, 'i'));
    const refreshed = await rowsOf<{ refreshed_at: string | null }>(t, `select refreshed_at from ringcentral_tokens where contact_id = '${contact.id}'`);
    expect(refreshed[0]!.refreshed_at).not.toBeNull();

    // Replaying the callback finds no state.
    const replay = await b.get(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
  });

  it('stores tokens the SDK refreshed by itself after a 401, and ends the registration when RingCentral revokes the grant', async () => {
    const b = t.browser();
    await b.signUp();
    const { contact } = await registeredContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550505' });
    const first = rc.accessTokens().at(-1)!;
    // RingCentral says the access token expired before our clock does: the SDK refreshes and retries.
    rc.expireAccessTokens();
    expect((await b.post(`/contacts/${contact.id}/verify`)).status).toBe(202);
    const second = rc.accessTokens().at(-1)!;
    expect(second).not.toBe(first);
    expect(rc.messages().at(-1)!.authorization).toMatch(new RegExp(`^bearer ${second}$`, 'i'));
    // The rotated tokens were stored: the next call uses them (the old grant is gone at the fake).
    t.clock.advance(30_000);
    expect((await b.post(`/contacts/${contact.id}/verify`)).status).toBe(202);
    expect(rc.messages().at(-1)!.authorization).toMatch(new RegExp(`^bearer ${second}$`, 'i'));
    // The sandbox keeps a copy in the outbox so the demo can read the code.
    const copy = (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent('+14155550505')}`)).json()) as { messages: { body: string }[] };
    expect(copy.messages[0]!.body).toMatch(/^\[RingCentral sandbox\] \d{6} is your/);

    // The user removes the app in RingCentral: the queued message is refused, the registration ends
    // (the request only queued it), and from then on the contact answers at once that it needs registering.
    rc.revokeAll();
    t.clock.advance(30_000);
    expect((await b.post(`/contacts/${contact.id}/verify`)).status).toBe(202);
    expect((await listOf(b)).find((c) => c.id === contact.id)!.registered).toBe(false);
    const refused = await b.post(`/contacts/${contact.id}/verify`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ringcentral_not_registered');
  });

  it('a RingCentral call contact tests with a RingOut', async () => {
    const b = t.browser();
    await b.signUp();
    const { contact } = await registeredContact(b, { channel: 'call', provider: 'ringcentral', value: '+14155550502' });
    await b.post(`/contacts/${contact.id}/verify`);
    const code = /(\d{6})/.exec(String(rc.messages().at(-1)!.body.text))![1]!;
    expect((await b.post(`/contacts/${contact.id}/verify/confirm`, { code })).status).toBe(200);
    expect((await b.post(`/contacts/${contact.id}/test`, {})).status).toBe(202);
    expect(rc.ringOuts().at(-1)!.body).toMatchObject({ from: { phoneNumber: '+14155550502' }, to: { phoneNumber: '+14155550502' } });
  });

  it('removing the contact revokes the tokens at RingCentral', async () => {
    const b = t.browser();
    await b.signUp();
    const { contact } = await registeredContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550503' });
    const token = rc.accessTokens().at(-1)!;
    expect((await b.delete(`/contacts/${contact.id}`)).status).toBe(204);
    const revoke = rc.requests.filter((r) => r.path === '/restapi/oauth/revoke').at(-1)!;
    expect(revoke.status).toBe(200);
    expect(revoke.authorization).toMatch(/^Basic /);
    expect(rc.revokedTokens()).toContain(token);
    expect(await rowsOf(t, `select * from ringcentral_tokens where contact_id = '${contact.id}'`)).toEqual([]);
  });

  it('switching a registered contact to Twilio revokes the registration', async () => {
    const b = t.browser();
    await b.signUp();
    const { contact } = await registeredContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550504' });
    const token = rc.accessTokens().at(-1)!;
    expect((await b.patch(`/contacts/${contact.id}`, { provider: 'twilio' })).status).toBe(200);
    expect(rc.revokedTokens()).toContain(token);
  });
});

describe('RingCentral registration: refusals are readable pages', () => {
  it('refuses a forged state', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await b.get('/integrations/ringcentral/callback?code=abc&state=forged-state-value');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('This link is not valid');
    expect(page).not.toContain('sk-ringcentral-registered');
    expect((await b.get('/integrations/ringcentral/callback')).status).toBe(400);
  });

  it('refuses an expired state (over 10 minutes)', async () => {
    const b = t.browser();
    await b.signUp();
    const { callback } = await consentedContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550510' });
    t.clock.advance(10 * 60_000 + 1000);
    const res = await b.get(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('expired');
    expect((await listOf(b))[0]!.registered).toBe(false);
  });

  it('refuses a state started by another user', async () => {
    const b = t.browser();
    await b.signUp();
    const { callback } = await consentedContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550511' });
    const other = t.browser();
    await other.signUp();
    const res = await other.get(callback);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Sign in first');
    expect((await listOf(b))[0]!.registered).toBe(false);
  });

  it('a new Register voids the state of the previous one', async () => {
    const b = t.browser();
    await b.signUp();
    const contact = await addContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550514' });
    const stale = await consent(await register(b, contact.id));
    const fresh = await consent(await register(b, contact.id));
    expect((await b.get(stale)).status).toBe(400);
    expect((await b.get(fresh)).status).toBe(200);
    expect((await listOf(b))[0]!.registered).toBe(true);
  });

  it('a denied consent registers nothing', async () => {
    const b = t.browser();
    await b.signUp();
    const contact = await addContact(b, { channel: 'sms', provider: 'ringcentral', value: '+14155550512' });
    const res = await b.get(await consent(await register(b, contact.id), 'deny'));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Registration cancelled');
    expect(page).toContain('sk-ringcentral-failed');
    expect((await listOf(b))[0]!.registered).toBe(false);
  });

  it('only RingCentral contacts register', async () => {
    const b = t.browser();
    await b.signUp();
    const contact = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550513' });
    const res = await b.post(`/contacts/${contact.id}/ringcentral/register`);
    expect(res.status).toBe(409);
  });
});
