import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioProvider } from '../../providers/twilio';
import { startFakeTwilio, type FakeTwilio } from '../../testing/fake-twilio';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { addContact } from '../contacts/contacts.test-helpers';

// Two Twilio accounts: one from the environment (the `sms` option main.ts builds from TWILIO_*),
// one saved by the admin. The saved one wins; removing it hands back to the environment.
let fromEnv: FakeTwilio;
let fromDb: FakeTwilio;
let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  [fromEnv, fromDb] = await Promise.all([startFakeTwilio(), startFakeTwilio()]);
  t = await createTestApp({
    sms: new TwilioProvider({ accountSid: fromEnv.accountSid, authToken: fromEnv.authToken, from: '+14155550900', baseUrl: fromEnv.url }),
    twilioBaseUrl: fromDb.url,
  });
  admin = t.browser();
  await admin.signUp();
});
afterAll(async () => {
  await t.close();
  await Promise.all([fromEnv.close(), fromDb.close()]);
});

describe('Twilio settings: database over environment', () => {
  it('reports the environment account (token masked) until the admin saves one, then the saved one wins', async () => {
    const env = (await (await admin.get('/admin/twilio')).json()) as Record<string, string>;
    expect(env).toMatchObject({ source: 'environment', accountSid: fromEnv.accountSid, fromNumber: '+14155550900', authToken: '••••' });
    expect(JSON.stringify(env)).not.toContain(fromEnv.authToken);

    const b = t.browser();
    await b.signUp();
    const first = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550901' });
    expect((await b.post(`/contacts/${first.id}/verify`)).status).toBe(202);
    expect(fromEnv.messages().at(-1)!.form.To).toBe('+14155550901');
    expect(fromDb.messages()).toHaveLength(0);

    expect((await admin.put('/admin/twilio', { accountSid: fromDb.accountSid, authToken: fromDb.authToken, fromNumber: '+14155550800' })).status).toBe(200);
    const second = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550902' });
    expect((await b.post(`/contacts/${second.id}/verify`)).status).toBe(202);
    expect(fromDb.messages().at(-1)!.form).toMatchObject({ To: '+14155550902', From: '+14155550800' });
    expect(fromDb.messages().at(-1)!.basicAuth).toEqual({ user: fromDb.accountSid, password: fromDb.authToken });
    const envCount = fromEnv.messages().length;

    expect((await admin.delete('/admin/twilio')).status).toBe(200);
    const third = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550903' });
    expect((await b.post(`/contacts/${third.id}/verify`)).status).toBe(202);
    expect(fromEnv.messages()).toHaveLength(envCount + 1);
  });
});
