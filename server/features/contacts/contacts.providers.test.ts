import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailgunProvider } from '../../providers/mailgun';
import { RingCentralProvider } from '../../providers/ringcentral';
import { startFakeMailgun, type FakeMailgun } from '../../testing/fake-mailgun';
import { startFakeRingCentral, type FakeRingCentral } from '../../sandbox/fake-ringcentral';
import { startFakeTwilio, type FakeTwilio } from '../../testing/fake-twilio';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { addContact } from './contacts.test-helpers';

/**
 * The real clients (`twilio`, `mailgun.js`, `@ringcentral/sdk`) against local fakes that check
 * credentials, paths and bodies the way the providers do.
 */
let twilio: FakeTwilio;
let mailgun: FakeMailgun;
let rc: FakeRingCentral;
let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  [twilio, mailgun, rc] = await Promise.all([startFakeTwilio(), startFakeMailgun(), startFakeRingCentral()]);
  t = await createTestApp({
    twilioBaseUrl: twilio.url,
    mail: new MailgunProvider({ apiKey: mailgun.apiKey, domain: mailgun.domain, from: 'Settings Kit <no-reply@mg.example.test>', url: mailgun.url }),
  });
  admin = t.browser();
  await admin.signUp();
});
afterAll(async () => {
  await t.close();
  await Promise.all([twilio.close(), mailgun.close(), rc.close()]);
});

describe('Twilio settings (GET/PUT /admin/twilio) drive the twilio client', () => {
  it('is admin-only', async () => {
    const user = t.browser();
    await user.signUp();
    expect((await user.get('/admin/twilio')).status).toBe(403);
    expect((await user.put('/admin/twilio', { accountSid: twilio.accountSid, authToken: twilio.authToken, fromNumber: '+14155550100' })).status).toBe(403);
    expect((await t.browser().get('/admin/twilio')).status).toBe(401);
  });

  it('saves the account with the token write-only, masked and encrypted at rest', async () => {
    const none = await admin.get('/admin/twilio');
    expect(await none.json()).toMatchObject({ source: 'none', authToken: null });
    const bad = await admin.put('/admin/twilio', { accountSid: 'XX123', authToken: 'short', fromNumber: '4155550100' });
    expect(bad.status).toBe(400);
    const { fields } = ((await bad.json()) as { error: { fields: Record<string, string> } }).error;
    expect(Object.keys(fields).sort()).toEqual(['accountSid', 'authToken', 'fromNumber']);
    const res = await admin.put('/admin/twilio', { accountSid: twilio.accountSid, authToken: twilio.authToken, fromNumber: '+1 415 555 0100' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Record<string, string>;
    expect(saved).toMatchObject({ accountSid: twilio.accountSid, fromNumber: '+14155550100', source: 'database', authToken: `••••${twilio.authToken.slice(-4)}` });
    expect(JSON.stringify(saved)).not.toContain(twilio.authToken);
    const stored = (await t.db.execute('select auth_token from twilio_settings' as never)) as unknown as { rows?: { auth_token: string }[] } & { auth_token: string }[];
    const sealed = (stored.rows ?? stored)[0]!.auth_token;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(twilio.authToken);
    // Leaving the token out keeps it.
    const keep = await admin.put('/admin/twilio', { accountSid: twilio.accountSid, fromNumber: '+14155550100' });
    expect(keep.status).toBe(200);
  });

  it('sends SMS, WhatsApp and a call with TwiML through the twilio client (Basic auth, paths, form bodies)', async () => {
    const b = t.browser();
    await b.signUp();
    const sms = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550301' });
    expect((await b.post(`/contacts/${sms.id}/verify`)).status).toBe(202);
    const sent = twilio.messages().at(-1)!;
    expect(sent.basicAuth).toEqual({ user: twilio.accountSid, password: twilio.authToken });
    expect(sent.path).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
    expect(sent.contentType).toMatch(/application\/x-www-form-urlencoded/);
    expect(sent.form).toMatchObject({ To: '+14155550301', From: '+14155550100' });
    const code = /(\d{6})/.exec(sent.form.Body!)![1]!;
    expect((await b.post(`/contacts/${sms.id}/verify/confirm`, { code })).status).toBe(200);
    expect((await b.post(`/contacts/${sms.id}/test`, { message: 'ping' })).status).toBe(202);
    expect(twilio.messages().at(-1)!.form).toMatchObject({ To: '+14155550301', Body: 'ping' });

    const wa = await addContact(b, { channel: 'whatsapp', provider: 'twilio', value: '+14155550302' });
    expect((await b.post(`/contacts/${wa.id}/verify`)).status).toBe(202);
    expect(twilio.messages().at(-1)!.form).toMatchObject({ To: 'whatsapp:+14155550302', From: 'whatsapp:+14155550100' });

    const call = await addContact(b, { channel: 'call', provider: 'twilio', value: '+14155550303' });
    expect((await b.post(`/contacts/${call.id}/verify`)).status).toBe(202);
    const placed = twilio.calls().at(-1)!;
    expect(placed.path).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Calls.json`);
    expect(placed.form.To).toBe('+14155550303');
    expect(placed.form.Twiml).toMatch(/^<Response><Say[^>]*>Your Settings Kit verification code is (\d, ){5}\d\./);
  });

  it('a provider refusal (4xx) is not retried: the delivery is given up and the admin sees it in the audit log', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550304' });
    twilio.failNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    // The request only queues: it answers at once, whatever the provider says later.
    const res = await b.post(`/contacts/${c.id}/verify`);
    expect(res.status).toBe(202);
    const rows = (await t.db.execute(`select status, attempts, payload from deliveries order by created_at desc limit 1` as never)) as any;
    expect((rows.rows ?? rows)[0]).toMatchObject({ status: 'failed', attempts: 1, payload: null });
    const audit = (await (await admin.get('/admin/audit')).json()) as { items: { action: string; after: Record<string, unknown> }[] };
    const entry = audit.items.find((e) => e.action === 'delivery.failed')!;
    expect(entry.after).toMatchObject({ kind: 'sms', to: '+141•••••04', attempts: 1 });
    expect(String(entry.after.error)).toMatch(/not a valid phone number/);
  });

  it('the admin settings also carry two-factor SMS (database wins over the app default)', async () => {
    const before = twilio.messages().length;
    const b = t.browser();
    const account = await b.signUp();
    const res = await b.post('/security/two-factor/sms/setup', { password: account.password, phone: '+14155550305' });
    expect(res.ok).toBe(true);
    expect(twilio.messages().length).toBe(before + 1);
    expect(twilio.messages().at(-1)!.form.To).toBe('+14155550305');
  });

  it('a wrong saved token makes Twilio refuse (401 at the fake): the delivery is given up, not retried', async () => {
    await admin.put('/admin/twilio', { accountSid: twilio.accountSid, authToken: 'a'.repeat(32), fromNumber: '+14155550100' });
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550306' });
    const asked = twilio.requests.length;
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    expect(twilio.requests.at(-1)!.status).toBe(401);
    t.clock.advance(60 * 60_000);
    await t.drain();
    expect(twilio.requests.length).toBe(asked + 1);
    await admin.put('/admin/twilio', { accountSid: twilio.accountSid, authToken: twilio.authToken, fromNumber: '+14155550100' });
    const cleared = await admin.delete('/admin/twilio');
    expect(((await cleared.json()) as { source: string }).source).toBe('none');
  });
});

describe('Mailgun through mailgun.js', () => {
  it('sends the email contact code and test with Basic api:key to /v3/<domain>/messages', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'email', provider: 'mailgun', value: 'Mail.Me@Example.com' });
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    const sent = mailgun.messages().at(-1)!;
    expect(sent.basicAuth).toEqual({ user: 'api', password: mailgun.apiKey });
    expect(sent.path).toBe(`/v3/${mailgun.domain}/messages`);
    expect(sent.contentType).toMatch(/multipart\/form-data/);
    expect(sent.fields.to).toEqual(['mail.me@example.com']);
    expect(sent.fields.from![0]).toContain('no-reply@mg.example.test');
    const code = /(\d{6})/.exec(sent.fields.text![0]!)![1]!;
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(200);
    expect((await b.post(`/contacts/${c.id}/test`, { message: 'mail test' })).status).toBe(202);
    expect(mailgun.messages().at(-1)!.fields.text).toEqual(['mail test']);
  });

  it('a wrong key is refused by the fake', async () => {
    const wrong = new MailgunProvider({ apiKey: 'key-wrong', domain: mailgun.domain, from: 'x@mg.example.test', url: mailgun.url });
    await expect(wrong.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toThrow();
    expect(mailgun.requests.at(-1)!.status).toBe(401);
  });
});

describe('RingCentral through @ringcentral/sdk', () => {
  it('builds an authorize URL with state and PKCE S256', () => {
    const provider = new RingCentralProvider({ server: rc.url, clientId: rc.clientId, clientSecret: rc.clientSecret });
    const { url, codeVerifier } = provider.authorizeUrl({ state: 'st-1', redirectUri: 'http://localhost/cb' });
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe(`${rc.url}/restapi/oauth/authorize`);
    expect(Object.fromEntries(parsed.searchParams)).toMatchObject({ response_type: 'code', client_id: rc.clientId, state: 'st-1', redirect_uri: 'http://localhost/cb', code_challenge_method: 'S256' });
    expect(codeVerifier.length).toBeGreaterThanOrEqual(43);
  });

  it('a wrong client secret is refused at the token endpoint', async () => {
    const provider = new RingCentralProvider({ server: rc.url, clientId: rc.clientId, clientSecret: 'wrong' });
    await expect(provider.exchangeCode({ code: 'x', redirectUri: 'http://localhost/cb', codeVerifier: 'v' })).rejects.toThrow();
    expect(rc.requests.at(-1)).toMatchObject({ path: '/restapi/oauth/token', status: 401 });
  });

  it('sends SMS and RingOut with the bearer token, and the fake refuses a forged one', async () => {
    const provider = new RingCentralProvider({ server: rc.url, clientId: rc.clientId, clientSecret: rc.clientSecret });
    await expect(
      provider.sendSms({ access_token: 'forged', refresh_token: 'r', expires_in: 3600 }, { from: '+14155550401', to: '+14155550401', text: 'hi' }),
    ).rejects.toThrow();
    expect(rc.requests.filter((r) => r.path.endsWith('/sms')).at(-1)).toMatchObject({ authorization: expect.stringMatching(/^bearer forged$/i), status: 401 });
  });
});
