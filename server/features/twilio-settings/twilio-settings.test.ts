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

describe('Twilio settings: audit log', () => {
  type Entry = { action: string; actor: { id: string | null; email: string }; targetType: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
  const twilioEntries = async () => {
    const res = await admin.get('/admin/audit?limit=100');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Entry[] };
    return items.filter((e) => e.targetType === 'twilio');
  };
  const sid = (digit: string) => `AC${digit.repeat(32)}`;

  it('records PUT and DELETE with before and after, and never the auth token, not even masked', async () => {
    const tokens = ['FirstTokenAbc123FirstTokenAbc123', 'SecondTokenXyz789SecondTokenXyz7'];
    const me = (await (await admin.get('/me')).json()).user;
    const seen = (await twilioEntries()).length;

    t.clock.advance(1000);
    expect((await admin.put('/admin/twilio', { accountSid: sid('1'), authToken: tokens[0], fromNumber: '+14155550811' })).status).toBe(200);
    t.clock.advance(1000);
    // a new number and a new token
    expect((await admin.put('/admin/twilio', { accountSid: sid('1'), authToken: tokens[1], fromNumber: '+14155550812' })).status).toBe(200);
    t.clock.advance(1000);
    // the token left out: kept
    expect((await admin.put('/admin/twilio', { accountSid: sid('2'), fromNumber: '+14155550812' })).status).toBe(200);
    t.clock.advance(1000);
    // the same again: nothing changed, nothing logged
    expect((await admin.put('/admin/twilio', { accountSid: sid('2'), authToken: tokens[1], fromNumber: '+14155550812' })).status).toBe(200);
    t.clock.advance(1000);
    expect((await admin.delete('/admin/twilio')).status).toBe(200);
    t.clock.advance(1000);
    // nothing saved any more: nothing to log
    expect((await admin.delete('/admin/twilio')).status).toBe(200);

    const entries = (await twilioEntries()).slice(0, -seen || undefined);
    expect(entries.map((e) => e.action)).toEqual(['twilio.delete', 'twilio.update', 'twilio.update', 'twilio.update']);
    const [removed, kept, replaced, created] = entries as [Entry, Entry, Entry, Entry];
    for (const e of entries) expect(e.actor).toEqual({ id: me.id, email: me.email });
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ accountSid: sid('1'), fromNumber: '+14155550811', credentials: 'replaced' });
    expect(replaced.before).toMatchObject({ accountSid: sid('1'), fromNumber: '+14155550811' });
    expect(replaced.after).toMatchObject({ accountSid: sid('1'), fromNumber: '+14155550812', credentials: 'replaced' });
    expect(kept.before).toMatchObject({ accountSid: sid('1'), fromNumber: '+14155550812' });
    expect(kept.after).toMatchObject({ accountSid: sid('2'), fromNumber: '+14155550812', credentials: 'kept' });
    expect(removed.before).toMatchObject({ accountSid: sid('2'), fromNumber: '+14155550812' });
    expect(removed.after).toBeNull();

    const text = JSON.stringify(entries);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(-4));
    }
    expect(text).not.toMatch(/authToken|••••/);
  });

  it('is refused, and logs nothing, for a user who is not an administrator', async () => {
    const before = (await twilioEntries()).length;
    const user = t.browser();
    await user.signUp();
    expect((await user.put('/admin/twilio', { accountSid: sid('3'), authToken: 'ThirdTokenThirdToken', fromNumber: '+14155550813' })).status).toBe(403);
    expect((await user.delete('/admin/twilio')).status).toBe(403);
    expect(await twilioEntries()).toHaveLength(before);
  });
});
