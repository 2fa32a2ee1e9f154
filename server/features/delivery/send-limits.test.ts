import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, HOUR } from '../../lib/clock';
import { createSecondInstance, createTestApp, type TestApp } from '../../testing/test-app';
import { addContact } from '../contacts/contacts.test-helpers';

// API.md "Limits", with smaller numbers set through the `limits` option so a test reaches them.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ limits: { destinationPer15Minutes: 2, destinationPerDay: 3, userPerDay: 4, contactsPerUser: 5 } });
});
afterAll(() => t.close());

const outboxCount = async (to: string) => {
  const r = (await t.db.execute(`select count(*)::int as n from outbox where "to" = '${to}'` as never)) as any;
  return ((r.rows ?? r) as { n: number }[])[0]!.n;
};

async function expectRateLimited(res: Response, wait: number | null, sentence: RegExp) {
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(sentence);
  if (wait !== null) expect(Number(res.headers.get('retry-after'))).toBe(wait);
}

describe('send quotas', () => {
  it('per destination: over all contacts and flows, 15-minute and daily windows, with Retry-After', async () => {
    const b = t.browser();
    await b.signUp();
    const sms = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550601' });
    const call = await addContact(b, { channel: 'call', provider: 'twilio', value: '+14155550601' });
    expect((await b.post(`/contacts/${sms.id}/verify`)).status).toBe(202);
    t.clock.advance(MINUTE);
    expect((await b.post(`/contacts/${call.id}/verify`)).status).toBe(202);
    // A third message to the number, by another flow (phone confirmation): refused, and nothing queued.
    t.clock.advance(MINUTE);
    await expectRateLimited(await b.post('/confirmation/phone/send', { phone: '+1 415 555 0601' }), 13 * 60, /Too many messages went to this number or address recently\. Try again in 13 minutes\./);
    expect(await outboxCount('+14155550601')).toBe(2);
    // Deleting and re-adding the contact resets nothing: the quota is the number's.
    expect((await b.delete(`/contacts/${sms.id}`)).status).toBe(204);
    const again = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550601' });
    await expectRateLimited(await b.post(`/contacts/${again.id}/verify`), 13 * 60, /Try again in 13 minutes/);
    t.clock.advance(13 * MINUTE);
    expect((await b.post(`/contacts/${again.id}/verify`)).status).toBe(202);
    t.clock.advance(16 * MINUTE);
    // The daily window (3) now holds, though the 15-minute one is free: the oldest leaves it 24 h after it was sent.
    const res = await b.post(`/contacts/${call.id}/verify`);
    await expectRateLimited(res, 24 * 3600 - 31 * 60, /Try again in 24 hours/);
    expect(await outboxCount('+14155550601')).toBe(3);
  });

  it('per user: at most `userPerDay` messages a day over different destinations', async () => {
    const b = t.browser();
    await b.signUp();
    for (let i = 0; i < 4; i++) {
      const c = await addContact(b, { channel: 'email', provider: 'mailgun', value: `quota-user-${i}@example.com` });
      expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    }
    const fifth = await addContact(b, { channel: 'email', provider: 'mailgun', value: 'quota-user-4@example.com' });
    await expectRateLimited(await b.post(`/contacts/${fifth.id}/verify`), 24 * 3600, /You have reached the number of messages your account may send today\./);
    expect(await outboxCount('quota-user-4@example.com')).toBe(0);
    t.clock.advance(24 * HOUR);
    expect((await b.post(`/contacts/${fifth.id}/verify`)).status).toBe(202);
  });

  it('caps contacts per user (409 contact_limit); removing one makes room', async () => {
    const b = t.browser();
    await b.signUp();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await addContact(b, { channel: 'sms', provider: 'twilio', value: `+1415555070${i}` }));
    const over = await b.post('/contacts', { channel: 'sms', provider: 'twilio', value: '+14155550709' });
    expect(over.status).toBe(409);
    expect((await over.json()).error).toMatchObject({ code: 'contact_limit', message: 'You can keep at most 5 contacts. Remove one to add another.' });
    expect((await b.delete(`/contacts/${made[0]!.id}`)).status).toBe(204);
    expect((await b.post('/contacts', { channel: 'sms', provider: 'twilio', value: '+14155550709' })).status).toBe(201);
  });

  it('per server: an hourly budget over every destination and user (limits.hourlySends)', async () => {
    const budgeted = await createSecondInstance(t, { limits: { hourlySends: 2 } });
    try {
      const sent: number[] = [];
      for (let i = 0; i < 3; i++) {
        const b = budgeted.browser();
        await b.signUp();
        const res = await b.post('/confirmation/phone/send', { phone: `+1415555080${i}` });
        sent.push(res.status);
        if (i === 2) await expectRateLimited(res, null, /The service is sending too many messages right now\./);
      }
      expect(sent).toEqual([202, 202, 429]);
      t.clock.advance(HOUR);
      const b = budgeted.browser();
      await b.signUp();
      expect((await b.post('/confirmation/phone/send', { phone: '+14155550809' })).status).toBe(202);
    } finally {
      await budgeted.close();
    }
  });
});
