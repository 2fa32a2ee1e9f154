import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondInstance, createTestApp, type Browser, type TestApp } from '../../testing/test-app';
import { addContact } from '../contacts/contacts.test-helpers';

// The attacks of issue 10 against two app instances sharing one database (on PostgreSQL each has
// its own pool, so the requests below really race; on PGlite they queue, and the same bounds hold).
let t: TestApp;
let other: Awaited<ReturnType<typeof createSecondInstance>>;
beforeAll(async () => {
  t = await createTestApp();
  other = await createSecondInstance(t);
  await t.browser().signUp(); // the admin
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const rows = async <T = Record<string, any>>(q: string): Promise<T[]> => {
  const r = (await t.db.execute(q as never)) as any;
  return (r.rows ?? r) as T[];
};
const outboxTo = (to: string) => rows<{ kind: string; subject: string | null; body: string }>(`select kind, subject, body from outbox where "to" = '${to}' order by created_at`);
const drainBoth = () => Promise.all([t.drain(), other.drain()]);
/** Browsers that do not send the queue after each request: the test drains both instances itself. */
const browserOn = (i: number): Browser => (i % 2 ? other.browser({ drain: false }) : t.browser({ drain: false }));

describe('send quotas across two instances', () => {
  it('30 concurrent password recoveries for one address: one email, one live link', async () => {
    const account = await t.browser().signUp();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => browserOn(i).post('/auth/password-recovery', { email: account.email })));
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(202));
    await drainBoth();
    // The 60-second resend rule and the quota are taken under one lock: the first request sends, the rest send nothing.
    expect((await outboxTo(account.email)).filter((m) => m.subject?.startsWith('Reset your'))).toHaveLength(1);
    expect(await rows(`select id from password_resets where user_id = '${account.id}' and used_at is null`)).toHaveLength(1);
  });

  it('50 concurrent phone confirmations of one number by 5 accounts: at most 3 SMS', async () => {
    const phone = '+14155550901';
    const accounts = await Promise.all(Array.from({ length: 5 }, async (_, i) => {
      const b = browserOn(i);
      await b.signUp();
      return b;
    }));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => accounts[i % 5]!.post('/confirmation/phone/send', { phone })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(3);
    await drainBoth();
    const sms = await outboxTo(phone);
    expect(sms.length).toBeGreaterThanOrEqual(1);
    expect(sms.length).toBeLessThanOrEqual(3);
    expect(sms.length).toBe(statuses.filter((s) => s === 202).length);
  });

  it('30 rounds of add contact → verify → delete on one number (SMS and calls): at most 3 messages', async () => {
    const phone = '+14155550902';
    const first = t.browser({ drain: false });
    await first.signUp();
    const second = other.browser({ drain: false });
    second.cookies.clear();
    for (const [k, v] of first.cookies) second.cookies.set(k, v);
    const verifies: number[] = [];
    for (let round = 0; round < 30; round++) {
      const b = round % 2 ? second : first;
      const contact = await addContact(b, { channel: round % 2 ? 'call' : 'sms', provider: 'twilio', value: phone });
      const res = await b.post(`/contacts/${contact.id}/verify`);
      verifies.push(res.status);
      if (res.status === 429) expect((await res.json()).error.code).toBe('rate_limited');
      expect((await b.delete(`/contacts/${contact.id}`)).status).toBe(204);
    }
    await drainBoth();
    expect(verifies.filter((s) => s === 202)).toHaveLength(3);
    expect(await outboxTo(phone)).toHaveLength(3);
  });

  it('20 password steps, each followed by a sign-in code by SMS: at most 3 SMS', async () => {
    const phone = '+14155550903';
    const b = t.browser();
    const account = await b.signUp();
    expect((await b.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
    const code = /(\d{6})/.exec((await outboxTo(phone))[0]!.body)![1]!;
    expect((await b.post('/security/two-factor/sms/enable', { code })).status).toBe(200);
    const texts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const browser = browserOn(i);
      const step = await browser.post('/auth/sign-in', { email: account.email, password: account.password });
      expect(step.status).toBe(200);
      expect((await step.json()).status).toBe('two_factor_required');
      texts.push((await browser.post('/auth/sign-in/two-factor/sms')).status);
    }
    await drainBoth();
    // The setup code was the first of the three.
    expect(texts.filter((s) => s === 204)).toHaveLength(2);
    expect(texts.filter((s) => s === 429)).toHaveLength(18);
    expect(await outboxTo(phone)).toHaveLength(3);
  });

  it('30 concurrent contact adds over both instances stop at 25 (409 contact_limit)', async () => {
    const first = t.browser({ drain: false });
    await first.signUp();
    const second = other.browser({ drain: false });
    for (const [k, v] of first.cookies) second.cookies.set(k, v);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? second : first).post('/contacts', { channel: 'email', provider: 'mailgun', value: `cap-${i}@example.com` })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const listed = (await (await first.get('/contacts')).json()) as { contacts: unknown[] };
    expect(listed.contacts).toHaveLength(25);
  });
});
