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

  it('deleting a channel\'s default promotes the next one, and concurrent deletes of defaults leave exactly one', async () => {
    const b = t.browser();
    await b.signUp();
    const sms = [];
    for (let i = 0; i < 6; i++) sms.push(await addContact(b, { channel: 'sms', provider: 'twilio', value: `+1415555${String(2000 + i)}`, isDefault: i === 0 }));
    const call = await addContact(b, { channel: 'call', provider: 'twilio', value: '+14155552000', isDefault: true });
    // One delete: another SMS contact becomes the default (the test clock gives them one createdAt,
    // so which one is the id's order); other channels are untouched.
    expect((await b.delete(`/contacts/${sms[0]!.id}`)).status).toBe(204);
    let list = await listOf(b);
    expect(list.filter((c) => c.channel === 'sms' && c.isDefault)).toHaveLength(1);
    expect(list.find((c) => c.id === call.id)!.isDefault).toBe(true);
    // Deleting the default and the contacts next in line at once: each delete would promote one.
    const first = list.find((c) => c.channel === 'sms' && c.isDefault)!.id;
    const doomed = [first, ...sms.slice(1).map((c) => c.id).filter((x) => x !== first).slice(0, 2)];
    const answers = await Promise.all(doomed.map((id) => b.delete(`/contacts/${id}`)));
    expect(answers.map((r) => r.status)).toEqual([204, 204, 204]);
    list = await listOf(b);
    const left = list.filter((c) => c.channel === 'sms');
    expect(left).toHaveLength(2);
    expect(left.filter((c) => c.isDefault)).toHaveLength(1);
    // The last contact of a channel leaves the channel empty, with nothing to promote.
    expect((await b.delete(`/contacts/${call.id}`)).status).toBe(204);
    expect((await listOf(b)).filter((c) => c.channel === 'call')).toHaveLength(0);
  });
});
