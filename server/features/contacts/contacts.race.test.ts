import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { addContact, listOf } from './contacts.test-helpers';

// On PostgreSQL the requests below really run in parallel on a pool of 20 connections; on PGlite
// (one connection) they queue, and the same assertions hold.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.browser().signUp();
});
afterAll(() => t.close());

describe('contacts: default switch under concurrency', () => {
  it('20 concurrent default switches leave exactly one default', async () => {
    const b = t.browser();
    await b.signUp();
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await addContact(b, { channel: 'sms', provider: 'twilio', value: `+1415555${String(1000 + i)}` }));
    await addContact(b, { channel: 'call', provider: 'twilio', value: '+14155551000', isDefault: true });
    const answers = await Promise.all(created.map((c) => b.patch(`/contacts/${c.id}`, { isDefault: true })));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const list = await listOf(b);
    const defaults = list.filter((c) => c.channel === 'sms' && c.isDefault);
    expect(defaults).toHaveLength(1);
    expect(list.filter((c) => c.channel === 'call' && c.isDefault)).toHaveLength(1);
  });

  it('20 concurrent adds with isDefault leave exactly one default', async () => {
    const b = t.browser();
    await b.signUp();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => b.post('/contacts', { channel: 'email', provider: 'mailgun', value: `race${i}@example.com`, isDefault: true })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const list = await listOf(b);
    expect(list).toHaveLength(20);
    expect(list.filter((c) => c.isDefault)).toHaveLength(1);
  });

  it('20 concurrent adds of the same value: one 201, the rest 409', async () => {
    const b = t.browser();
    await b.signUp();
    const answers = await Promise.all(Array.from({ length: 20 }, () => b.post('/contacts', { channel: 'sms', provider: 'twilio', value: '+14155552671' })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });
});
