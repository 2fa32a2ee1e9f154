import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../lib/clock';
import { TwilioProvider } from '../../providers/twilio';
import { startFakeTwilio, type FakeTwilio } from '../../testing/fake-twilio';
import { createSecondInstance, createTestApp, type TestApp } from '../../testing/test-app';
import { addContact } from '../contacts/contacts.test-helpers';
import { deliveryBacklog } from './delivery.service';

// Two app instances on one database (on PostgreSQL each with its own pool), both draining the same
// queue at once: what two server processes look like to the delivery worker.
let t: TestApp;
let other: Awaited<ReturnType<typeof createSecondInstance>>;
let fake: FakeTwilio;
let admin: ReturnType<TestApp['browser']>;
beforeAll(async () => {
  fake = await startFakeTwilio();
  const sms = new TwilioProvider({ accountSid: fake.accountSid, authToken: fake.authToken, from: '+15005550006', baseUrl: fake.url });
  t = await createTestApp({ sms });
  other = await createSecondInstance(t, { sms });
  admin = t.browser();
  await admin.signUp(); // the first account is the admin
});
afterAll(async () => {
  await other.close();
  await t.close();
  await fake.close();
});

const rows = async <T = Record<string, any>>(q: string): Promise<T[]> => {
  const r = (await t.db.execute(q as never)) as any;
  return (r.rows ?? r) as T[];
};
const sentTo = (to: string) => fake.messages().filter((m) => m.form.To === to);
const drainBoth = () => Promise.all([t.drain(), other.drain(), t.drain(), other.drain()]);

describe('the delivery queue', () => {
  it('answers before any provider call, and sends once the worker runs', async () => {
    const b = t.browser({ drain: false });
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550401' });
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    expect(sentTo('+14155550401')).toHaveLength(0);
    expect((await deliveryBacklog(t.db, t.clock.now())).pending).toBeGreaterThanOrEqual(1);
    await t.drain();
    expect(sentTo('+14155550401')).toHaveLength(1);
    expect(await deliveryBacklog(t.db, t.clock.now())).toEqual({ pending: 0, oldestAgeSeconds: null });
  });

  it('three 5xx answers, then success: every message delivered exactly once, with two instances claiming concurrently', async () => {
    const b = t.browser({ drain: false });
    const user = await b.signUp();
    const numbers = Array.from({ length: 10 }, (_, i) => `+1415555${String(4100 + i)}`);
    for (const value of numbers) {
      const c = await addContact(b, { channel: 'sms', provider: 'twilio', value });
      expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    }
    const before = fake.requests.length;
    fake.failNext({ status: 503, code: 20503, message: 'Service Unavailable' }, 3);
    // Rounds of both workers at once; the clock moves past every backoff between rounds.
    for (let round = 0; round < 6; round++) {
      await drainBoth();
      t.clock.advance(10 * MINUTE);
    }
    for (const value of numbers) expect(sentTo(value), value).toHaveLength(1);
    expect(fake.requests.length - before).toBe(numbers.length + 3);
    const states = await rows<{ status: string; n: number }>(`select status, count(*)::int as n from deliveries where user_id = '${user.id}' group by status`);
    expect(states).toEqual([{ status: 'sent', n: numbers.length }]);
    const retried = await rows<{ attempts: number }>(`select attempts from deliveries where user_id = '${user.id}'`);
    // At least the three refused tries were retried (a dropped keep-alive socket may add one that never reached the fake).
    expect(retried.reduce((sum, r) => sum + r.attempts - 1, 0)).toBeGreaterThanOrEqual(3);
  });

  it('backs off (30 s, 60 s, …) and gives up after 6 tries, telling the admin in the audit log', async () => {
    const b = t.browser({ drain: false });
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550499' });
    fake.failNext({ status: 500, code: 20500, message: 'Internal Server Error' }, 6);
    expect((await b.post(`/contacts/${c.id}/verify`)).status).toBe(202);
    const tries = () => fake.requests.filter((r) => r.form?.To === '+14155550499').length;
    await t.drain();
    expect(tries()).toBe(1);
    for (const [attempt, wait] of [[2, 30], [3, 60], [4, 120], [5, 240], [6, 480]] as const) {
      t.clock.advance(wait * SECOND - 1);
      await drainBoth();
      expect(tries(), `not before the backoff of try ${attempt}`).toBe(attempt - 1);
      t.clock.advance(1);
      await drainBoth();
      expect(tries()).toBe(attempt);
    }
    t.clock.advance(60 * MINUTE);
    await drainBoth();
    expect(tries()).toBe(6);
    const [row] = await rows(`select status, attempts, payload, last_error from deliveries where to_masked = '+141•••••99'`);
    expect(row).toMatchObject({ status: 'failed', attempts: 6, payload: null });
    const audit = (await (await admin.get('/admin/audit')).json()) as { items: { action: string; actorEmail: string; after: Record<string, unknown> }[] };
    expect(audit.items.find((e) => e.action === 'delivery.failed')).toMatchObject({ after: { kind: 'sms', to: '+141•••••99', attempts: 6 } });
  });

  it('keeps the message encrypted at rest while it waits, and drops it once sent', async () => {
    const b = t.browser({ drain: false });
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550402' });
    await b.post(`/contacts/${c.id}/verify`);
    const [waiting] = await rows<{ id: string; payload: string }>(`select id, payload from deliveries where status = 'pending'`);
    expect(waiting!.payload).not.toMatch(/verification code|\+14155550402/);
    await t.drain();
    const [sent] = await rows(`select status, payload from deliveries where id = '${waiting!.id}'`);
    expect(sent).toEqual({ status: 'sent', payload: null });
    expect(sentTo('+14155550402')[0]!.form.Body).toMatch(/^\d{6} is your Settings Kit verification code/);
  });

  it('deletes sent and given-up rows after the retention time, and quota events once they count for nothing; never a pending row', async () => {
    const b = t.browser({ drain: false });
    const user = await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550403' });
    await b.post(`/contacts/${c.id}/verify`);
    await t.drain();
    const count = async (q: string) => (await rows<{ n: number }>(q))[0]!.n;
    const mine = `select count(*)::int as n from deliveries where user_id = '${user.id}'`;
    expect(await count(mine)).toBe(1);
    const eventsOlderThan = (ms: number) => count(`select count(*)::int as n from send_quota_events where at < '${new Date(t.clock.now().getTime() - ms).toISOString()}'`);
    expect(await eventsOlderThan(0)).toBeGreaterThan(0);

    t.clock.advance(25 * 60 * MINUTE);
    const other = t.browser({ drain: false });
    await other.signUp(); // an untouched key: nobody takes its quota again, so only the purge clears its events
    const d = await addContact(other, { channel: 'sms', provider: 'twilio', value: '+14155550404' });
    await b.post(`/contacts/${c.id}/verify`); // queued, not sent: stays pending through every purge
    expect(await eventsOlderThan(24 * 60 * MINUTE)).toBeGreaterThan(0);
    await other.post(`/contacts/${d.id}/verify`);
    const fresh = await eventsOlderThan(-1);
    expect((await t.app.delivery.purge()).quotaEvents).toBeGreaterThan(0);
    expect(await eventsOlderThan(24 * 60 * MINUTE)).toBe(0);
    expect(await eventsOlderThan(-1)).toBeLessThan(fresh);
    expect(await count(`select count(*)::int as n from send_quota_events`)).toBeGreaterThan(0); // today's stay
    expect(await count(mine)).toBe(2);

    t.clock.advance(28 * 24 * 60 * MINUTE);
    expect((await t.app.delivery.purge()).deliveries).toBe(0); // 29 days: kept
    t.clock.advance(2 * 24 * 60 * MINUTE);
    expect((await t.app.delivery.purge()).deliveries).toBeGreaterThanOrEqual(1);
    expect(await rows(`select status from deliveries where user_id = '${user.id}'`)).toEqual([{ status: 'pending' }]);
  });
});
