import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../testing/fake-twilio';
import { TwilioProvider, twilioFromEnv } from './twilio';

let fake: FakeTwilio;
beforeAll(async () => (fake = await startFakeTwilio()));
afterAll(() => fake.close());

describe('TwilioProvider through the real twilio SDK', () => {
  it('sends an SMS as a form body with Basic auth sid:token', async () => {
    const provider = new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url });
    const { id } = await provider.send({ to: '+14155550100', body: 'Your code is 123456' });
    expect(id).toMatch(/^SM[0-9a-f]{32}$/);
    const [request] = fake.messages().slice(-1);
    expect(request!.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request!.basicAuth).toEqual({ user: fake.accountSid, password: fake.authToken });
    expect(request!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request!.form).toEqual({ To: '+14155550100', From: '+15005550006', Body: 'Your code is 123456' });
  });

  it('prefixes both numbers for WhatsApp', async () => {
    const provider = new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url });
    await provider.send({ to: '+14155550101', body: 'hi', channel: 'whatsapp' });
    expect(fake.messages().at(-1)!.form).toMatchObject({ To: 'whatsapp:+14155550101', From: 'whatsapp:+15005550006' });
  });

  it('places a call with TwiML through the Calls API', async () => {
    const provider = new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url });
    const twiml = '<Response><Say>Hello</Say></Response>';
    const { id } = await provider.call('+14155550102', twiml);
    expect(id).toMatch(/^CA/);
    expect(fake.calls().at(-1)!.form).toEqual({ To: '+14155550102', From: '+15005550006', Twiml: twiml });
  });

  it('fails on a wrong auth token, as Twilio does', async () => {
    const provider = new TwilioProvider({ accountSid: fake.accountSid, authToken: 'wrong', from: '+15005550006', baseUrl: fake.url });
    await expect(provider.send({ to: '+14155550100', body: 'x' })).rejects.toMatchObject({ status: 401, code: 20003 });
    expect(fake.requests.at(-1)!.status).toBe(401);
  });

  it('surfaces Twilio errors such as an invalid number', async () => {
    const provider = new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url });
    await expect(provider.send({ to: '12', body: 'x' })).rejects.toMatchObject({ status: 400, code: 21211 });
    fake.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    await expect(provider.send({ to: '+14155550100', body: 'x' })).rejects.toMatchObject({ status: 429 });
  });
});

describe('twilioFromEnv (read by configureFromEnv)', () => {
  it('gives a provider when TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are set, else null (the outbox)', async () => {
    expect(twilioFromEnv({})).toBeNull();
    expect(twilioFromEnv({ TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken })).toBeNull();
    const provider = twilioFromEnv({ TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_FROM: '+15005550006', TWILIO_BASE_URL: fake.url });
    expect(provider).toBeInstanceOf(TwilioProvider);
    await provider!.send({ to: '+14155550199', body: 'from env' });
    expect(fake.messages().at(-1)!.form).toMatchObject({ To: '+14155550199', From: '+15005550006', Body: 'from env' });
  });
});
