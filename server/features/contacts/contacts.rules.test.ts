import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { addContact, listOf } from './contacts.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.browser().signUp(); // the first account is the admin
});
afterAll(() => t.close());

const fieldsOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;

describe('contacts: values, providers and statuses', () => {
  it('normalises phone numbers to E.164 and lower-cases emails', async () => {
    const b = t.browser();
    await b.signUp();
    const sms = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+1 (415) 555-2671' });
    expect(sms.value).toBe('+14155552671');
    expect(sms.status).toBe('pending');
    expect(sms.isDefault).toBe(false);
    const uk = await addContact(b, { channel: 'call', provider: 'twilio', value: '+44 20 7946 0958' });
    expect(uk.value).toBe('+442079460958');
    const email = await addContact(b, { channel: 'email', provider: 'mailgun', value: '  Ada.Lovelace@Example.COM ' });
    expect(email.value).toBe('ada.lovelace@example.com');
  });

  it('refuses invalid values with 400 naming value', async () => {
    const b = t.browser();
    await b.signUp();
    for (const body of [
      { channel: 'sms', provider: 'twilio', value: '4155552671' }, // no country code
      { channel: 'sms', provider: 'twilio', value: '+1 415 555' }, // too short
      { channel: 'whatsapp', provider: 'twilio', value: 'ada@example.com' },
      { channel: 'email', provider: 'mailgun', value: 'not-an-email' },
      { channel: 'email', provider: 'mailgun', value: '' },
    ]) {
      const res = await b.post('/contacts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await fieldsOf(res)).fields?.value).toBeTruthy();
    }
  });

  it('refuses a provider that does not carry the channel with 400 naming provider', async () => {
    const b = t.browser();
    await b.signUp();
    for (const [channel, provider] of [
      ['whatsapp', 'ringcentral'],
      ['email', 'twilio'],
      ['sms', 'mailgun'],
      ['call', 'mailgun'],
    ]) {
      const res = await b.post('/contacts', { channel, provider, value: channel === 'email' ? 'a@example.com' : '+14155552671' });
      expect(res.status).toBe(400);
      const error = await fieldsOf(res);
      expect(error.fields?.provider).toMatch(/does not carry/);
    }
    const unknown = await b.post('/contacts', { channel: 'fax', provider: 'twilio', value: '+14155552671' });
    expect(unknown.status).toBe(400);
    expect((await fieldsOf(unknown)).fields?.channel).toBeTruthy();
    // Every valid pair is accepted.
    for (const [channel, provider, value] of [
      ['sms', 'twilio', '+14155550001'],
      ['sms', 'ringcentral', '+14155550002'],
      ['call', 'twilio', '+14155550003'],
      ['call', 'ringcentral', '+14155550004'],
      ['whatsapp', 'twilio', '+14155550005'],
      ['email', 'mailgun', 'pair@example.com'],
    ]) {
      expect((await b.post('/contacts', { channel, provider, value })).status).toBe(201);
    }
    const patch = await b.patch(`/contacts/${(await listOf(b)).find((c) => c.channel === 'whatsapp')!.id}`, { provider: 'ringcentral' });
    expect(patch.status).toBe(400);
    expect((await fieldsOf(patch)).fields?.provider).toBeTruthy();
  });

  it('starts pending; active only by verifying, disabled at any time', async () => {
    const b = t.browser();
    await b.signUp();
    const active = await b.post('/contacts', { channel: 'sms', provider: 'twilio', value: '+14155552671', status: 'active' });
    expect(active.status).toBe(400);
    expect((await fieldsOf(active)).fields?.status).toMatch(/verif/);
    const disabled = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155552671', status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    const toPending = await b.patch(`/contacts/${disabled.id}`, { status: 'pending' });
    expect(((await toPending.json()) as { contact: { status: string } }).contact.status).toBe('pending');
    const toActive = await b.patch(`/contacts/${disabled.id}`, { status: 'active' });
    expect(toActive.status).toBe(400);
  });

  it('allows the same number once for call and once for sms, and refuses a duplicate channel + value with 409', async () => {
    const b = t.browser();
    await b.signUp();
    await addContact(b, { channel: 'call', provider: 'ringcentral', value: '+14155552671' });
    await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155552671' });
    const again = await b.post('/contacts', { channel: 'sms', provider: 'ringcentral', value: '+1 415 555 2671' });
    expect(again.status).toBe(409);
    const error = await fieldsOf(again);
    expect(error.code).toBe('contact_exists');
    expect(error.fields?.value).toBeTruthy();
    const email = await addContact(b, { channel: 'email', provider: 'mailgun', value: 'dup@example.com' });
    expect((await b.post('/contacts', { channel: 'email', provider: 'mailgun', value: 'DUP@example.com' })).status).toBe(409);
    // Editing into a duplicate is refused too.
    const other = await addContact(b, { channel: 'email', provider: 'mailgun', value: 'other@example.com' });
    const clash = await b.patch(`/contacts/${other.id}`, { value: 'dup@example.com' });
    expect(clash.status).toBe(409);
    expect(email.id).not.toBe(other.id);
    // Another user may hold the same value.
    const c = t.browser();
    await c.signUp();
    expect((await c.post('/contacts', { channel: 'email', provider: 'mailgun', value: 'dup@example.com' })).status).toBe(201);
  });

  it('keeps one default per channel: a new default clears the old one', async () => {
    const b = t.browser();
    await b.signUp();
    const first = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550101', isDefault: true });
    const call = await addContact(b, { channel: 'call', provider: 'twilio', value: '+14155550101', isDefault: true });
    const second = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550102', isDefault: true });
    let list = await listOf(b);
    expect(list.filter((c) => c.channel === 'sms' && c.isDefault).map((c) => c.id)).toEqual([second.id]);
    expect(list.find((c) => c.id === call.id)!.isDefault).toBe(true); // other channels keep theirs
    const patch = await b.patch(`/contacts/${first.id}`, { isDefault: true });
    expect(patch.status).toBe(200);
    list = await listOf(b);
    expect(list.filter((c) => c.channel === 'sms' && c.isDefault).map((c) => c.id)).toEqual([first.id]);
    expect((await b.patch(`/contacts/${first.id}`, { isDefault: false })).status).toBe(200);
    expect((await listOf(b)).filter((c) => c.channel === 'sms' && c.isDefault)).toEqual([]);
  });

  it('a new value or provider needs verifying again', async () => {
    const b = t.browser();
    await b.signUp();
    const c = await addContact(b, { channel: 'sms', provider: 'twilio', value: '+14155550111' });
    const res = await b.patch(`/contacts/${c.id}`, { value: '+1 415 555 0112', status: 'active' });
    expect(res.status).toBe(400);
    const ok = await b.patch(`/contacts/${c.id}`, { value: '+1 415 555 0112' });
    const { contact } = (await ok.json()) as { contact: { value: string; status: string } };
    expect(contact).toMatchObject({ value: '+14155550112', status: 'pending' });
  });

  it('answers 401 when signed out', async () => {
    expect((await t.browser().get('/contacts')).status).toBe(401);
    expect((await t.browser().post('/contacts', { channel: 'sms', provider: 'twilio', value: '+14155552671' })).status).toBe(401);
  });
});

describe('contacts: ownership', () => {
  it("answers 404 for another user's contact on every route, and changes nothing", async () => {
    const owner = t.browser();
    await owner.signUp();
    const mine = await addContact(owner, { channel: 'sms', provider: 'ringcentral', value: '+14155550120', isDefault: true });
    const intruder = t.browser();
    await intruder.signUp();
    expect(await listOf(intruder)).toEqual([]);
    const attempts = [
      intruder.patch(`/contacts/${mine.id}`, { value: '+14155550999' }),
      intruder.patch(`/contacts/${mine.id}`, { isDefault: false }),
      intruder.delete(`/contacts/${mine.id}`),
      intruder.post(`/contacts/${mine.id}/verify`),
      intruder.post(`/contacts/${mine.id}/verify/confirm`, { code: '123456' }),
      intruder.post(`/contacts/${mine.id}/test`, {}),
      intruder.post(`/contacts/${mine.id}/ringcentral/register`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect((await fieldsOf(res)).code).toBe('not_found');
    }
    const after = await listOf(owner);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: mine.id, value: '+14155550120', isDefault: true, status: 'pending' });
    // An unknown id answers the same.
    expect((await owner.delete('/contacts/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });
});
