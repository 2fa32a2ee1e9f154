import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { rowsOf } from '../two-factor/two-factor.test-helpers';
import { addContact, codeFromOutbox, verifiedContact } from './contacts.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.browser().signUp();
});
afterAll(() => t.close());

const outboxTo = async (to: string) => {
  const res = await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: { kind: string; body: string; subject: string | null }[] }).messages;
};

/** A new user with a Twilio SMS contact whose verification code was just sent, and that code. */
async function codeSentTo(value: string) {
  const b = t.browser();
  const account = await b.signUp();
  const c = await addContact(b, { channel: 'sms', provider: 'twilio', value });
  await b.post(`/contacts/${c.id}/verify`);
  return { b, account, c, code: await codeFromOutbox(t, c.value) };
}

describe('contacts: verification', () => {
  it('sends a 6-digit code through each channel and the right code makes the contact active', async () => {
    const b = t.browser();
    await b.signUp();
    const sms = await verifiedContact(t, b, { channel: 'sms', provider: 'twilio', value: '+14155550201' });
    expect(sms.status).toBe('active');
    expect(sms.verifiedAt).toBeTruthy();
    expect((await outboxTo('+14155550201'))[0]!.kind).toBe('sms');
    const wa = await verifiedContact(t, b, { channel: 'whatsapp', provider: 'twilio', value: '+14155550202' });
    expect(wa.status).toBe('active');
    expect((await outboxTo('+14155550202'))[0]!.kind).toBe('whatsapp');
    const call = await verifiedContact(t, b, { channel: 'call', provider: 'twilio', value: '+14155550203' });
    expect(call.status).toBe('active');
    const spoken = (await outboxTo('+14155550203'))[0]!;
    expect(spoken.kind).toBe('call');
    expect(spoken.body).toMatch(/(\d, ){5}\d/); // digits read one by one
    const email = await verifiedContact(t, b, { channel: 'email', provider: 'mailgun', value: 'verify@example.com' });
    expect(email.status).toBe('active');
    expect((await outboxTo('verify@example.com'))[0]!.subject).toMatch(/verification code/);
  });

  it('stores only a keyed hash of the code', async () => {
    const { c, code } = await codeSentTo('+14155550210');
    const rows = await rowsOf<{ code_hash: string }>(t, `select code_hash from contact_codes where contact_id = '${c.id}'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(code);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a wrong code is 400 naming code; a code works once', async () => {
    const { b, c, code } = await codeSentTo('+14155550211');
    const wrong = await b.post(`/contacts/${c.id}/verify/confirm`, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: 'invalid_code', fields: { code: expect.any(String) } });
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(200);
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(409); // already verified
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(409);
  });

  it('a code expires after 10 minutes', async () => {
    const { b, c, code } = await codeSentTo('+14155550212');
    t.clock.advance(10 * 60_000 + 1000);
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(400);
  });

  it('allows at most 5 tries per code, then even the right code fails', async () => {
    const { b, account, c, code } = await codeSentTo('+14155550213');
    const wrongCode = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 4; i++) expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code: wrongCode })).status).toBe(400);
    // Tries 1-4 failed; a success resets the lockout but this code has one try left.
    const rows = await rowsOf<{ attempts: number }>(t, `select attempts from contact_codes where contact_id = '${c.id}'`);
    expect(rows[0]!.attempts).toBe(4);
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code: wrongCode })).status).toBe(400);
    // The fifth failure locks the account's code steps (seed 004): 423 for a while.
    const locked = await b.post(`/contacts/${c.id}/verify/confirm`, { code });
    expect(locked.status).toBe(423);
    t.clock.advance(5 * 60_000 + 1000);
    // After the lock the code has no tries left (and has expired by now anyway): a new code is needed.
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(400);
    expect(account.email).toBeTruthy();
  });

  it('throttles resends for 30 seconds, and a resend replaces the old code', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550214' });
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    const first = await codeFromOutbox(t, c.value);
    const again = await b.post(`/contacts/${c.id}/verify`);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(30_000);
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    const second = await codeFromOutbox(t, c.value);
    if (first !== second) expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code: first })).status).toBe(400);
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code: second })).status).toBe(200);
  });

  it('a disabled contact gets no code; a changed value drops the live code', async () => {
    const b = t.browser();
    await b.signUp();
    const off = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550215', status: 'disabled' });
    expect((await b.post(`/contacts/${off.id}/verify`)).status).toBe(409);
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550216' });
    await b.post(`/contacts/${c.id}/verify`);
    const code = await codeFromOutbox(t, c.value);
    await b.patch(`/contacts/${c.id}`, { value: '+14155550217' });
    expect((await b.post(`/contacts/${c.id}/verify/confirm`, { code })).status).toBe(400);
  });
});

describe('contacts: test messages', () => {
  it('sends a test to a verified contact (202), throttled to one per 30 s', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await verifiedContact(t, b, { channel: 'sms', provider: 'twilio', value: '+14155550230' });
    t.clock.advance(1000); // the outbox lists newest first by time
    const res = await b.post(`/contacts/${c.id}/test`, { message: 'Hello from the test' });
    expect(res.status).toBe(202);
    expect((await outboxTo(c.value))[0]!.body).toBe('Hello from the test');
    expect((await b.post(`/contacts/${c.id}/test`, {})).status).toBe(429);
    t.clock.advance(30_000);
    expect((await b.post(`/contacts/${c.id}/test`)).status).toBe(202);
    expect((await outboxTo(c.value))[0]!.body).toMatch(/This is a test/);
  });

  it('refuses a pending or disabled contact with 409', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550231' });
    const pending = await b.post(`/contacts/${c.id}/test`, {});
    expect(pending.status).toBe(409);
    expect(((await pending.json()) as { error: { code: string } }).error.code).toBe('contact_not_verified');
  });

  it('answers 409 ringcentral_not_registered for an unregistered RingCentral contact', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'call', provider: 'ringcentral', value: '+14155550232' });
    expect(c.registered).toBe(false);
    const res = await b.post(`/contacts/${c.id}/test`, {});
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ringcentral_not_registered');
    const verify = await b.post(`/contacts/${c.id}/verify`);
    expect(verify.status).toBe(409);
    expect(((await verify.json()) as { error: { code: string } }).error.code).toBe('ringcentral_not_registered');
    // Without a RingCentral app on this server, registration is unavailable.
    expect((await b.post(`/contacts/${c.id}/ringcentral/register`)).status).toBe(503);
  });
});
