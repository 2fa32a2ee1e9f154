import { expect } from 'vitest';
import type { Browser, TestApp } from '../../testing/test-app';

export interface ContactJson {
  id: string;
  channel: string;
  provider: string;
  value: string;
  status: string;
  isDefault: boolean;
  registered: boolean;
  verifiedAt: string | null;
}

/** Adds a contact and expects 201. */
export async function addContact(b: Browser, body: Record<string, unknown>): Promise<ContactJson> {
  const res = await b.post('/contacts', body);
  if (res.status !== 201) throw new Error(`add contact: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { contact: ContactJson }).contact;
}

export async function listOf(b: Browser): Promise<ContactJson[]> {
  const res = await b.get('/contacts');
  expect(res.status).toBe(200);
  return ((await res.json()) as { contacts: ContactJson[] }).contacts;
}

/** The code in the newest outbox message to `to` (SMS, WhatsApp, email or a spoken call). */
export async function codeFromOutbox(t: TestApp, to: string): Promise<string> {
  const res = await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}`);
  const { messages } = (await res.json()) as { messages: { body: string }[] };
  const body = messages[0]?.body ?? '';
  const digits = /\b(\d{6})\b/.exec(body)?.[1] ?? body.match(/\d/g)?.slice(0, 6).join('');
  if (!digits) throw new Error(`no code in the outbox for ${to}`);
  return digits;
}

/** Adds a contact and verifies it through the outbox. */
export async function verifiedContact(t: TestApp, b: Browser, body: Record<string, unknown>): Promise<ContactJson> {
  const contact = await addContact(b, body);
  expect((await b.post(`/contacts/${contact.id}/verify`)).status).toBe(202);
  const code = await codeFromOutbox(t, contact.value);
  const res = await b.post(`/contacts/${contact.id}/verify/confirm`, { code });
  expect(res.status).toBe(200);
  return ((await res.json()) as { contact: ContactJson }).contact;
}
