import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Browser, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

type Profile = { email: string; displayName: string; phone: string | null; timezone: string | null; language: string | null; company: string | null; bio: string | null; avatarUrl: string | null; createdAt: string };

async function signedIn() {
  const b = t.browser();
  const account = await b.signUp(undefined, undefined, 'Ada Lovelace');
  return { b, account };
}

/** PATCH that must fail with 400 naming exactly `field`. */
async function refused(b: Browser, body: Record<string, unknown>, field: string) {
  const res = await b.patch('/profile', body);
  expect(res.status, JSON.stringify(body)).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
  expect(error.code).toBe('validation_failed');
  expect(Object.keys(error.fields)).toEqual([field]);
  expect(error.fields[field]!.length).toBeGreaterThan(5);
  return error.fields[field]!;
}

const ok = async (b: Browser, body: Record<string, unknown>) => {
  const res = await b.patch('/profile', body);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return (await res.json()) as Profile;
};

describe('GET /profile', () => {
  it('returns the profile of API.md', async () => {
    const { b, account } = await signedIn();
    const profile = (await (await b.get('/profile')).json()) as Profile;
    expect(profile).toEqual({
      email: account.email,
      pendingEmail: null,
      displayName: 'Ada Lovelace',
      phone: null,
      timezone: null,
      language: null,
      company: null,
      bio: null,
      avatarUrl: null,
      createdAt: '2026-01-15T10:00:00.000Z',
      profile: { id: expect.any(String), type: { id: 'person', name: 'Person' } }, // the current profile (profiles.test.ts)
    });
    expect((await t.browser().get('/profile')).status).toBe(401);
  });
});

describe('PATCH /profile', () => {
  it('displayName: 1–100 characters, trimmed, counted in characters not bytes', async () => {
    const { b } = await signedIn();
    expect(await refused(b, { displayName: '' }, 'displayName')).toMatch(/display name/i);
    await refused(b, { displayName: '   ' }, 'displayName');
    await refused(b, { displayName: 'x'.repeat(101) }, 'displayName');
    await refused(b, { displayName: null }, 'displayName');
    expect((await ok(b, { displayName: '  Grace  ' })).displayName).toBe('Grace');
    expect((await ok(b, { displayName: '😀'.repeat(100) })).displayName).toHaveLength(200); // 100 characters, 200 UTF-16 units
    expect((await ok(b, { displayName: 'y'.repeat(100) })).displayName).toHaveLength(100);
  });

  it('phone: E.164 with a country code; common spellings are normalised; empty clears', async () => {
    const { b } = await signedIn();
    expect(await refused(b, { phone: '4155552671' }, 'phone')).toMatch(/international/);
    await refused(b, { phone: '+1 555' }, 'phone');
    await refused(b, { phone: 'call me' }, 'phone');
    await refused(b, { phone: 12345 }, 'phone');
    expect((await ok(b, { phone: '+14155552671' })).phone).toBe('+14155552671');
    expect((await ok(b, { phone: '+44 20 7946 0958' })).phone).toBe('+442079460958');
    expect((await ok(b, { phone: '' })).phone).toBeNull();
    expect((await ok(b, { phone: '+4915123456789' })).phone).toBe('+4915123456789');
    expect((await ok(b, { phone: null })).phone).toBeNull();
  });

  it('timezone: an IANA name from Intl.supportedValuesOf', async () => {
    const { b } = await signedIn();
    expect(await refused(b, { timezone: 'Mars/Olympus_Mons' }, 'timezone')).toMatch(/timezone/i);
    await refused(b, { timezone: 'GMT+25' }, 'timezone');
    await refused(b, { timezone: '+05:00' }, 'timezone');
    expect((await ok(b, { timezone: 'Europe/Berlin' })).timezone).toBe('Europe/Berlin');
    expect((await ok(b, { timezone: 'europe/berlin' })).timezone).toBe('Europe/Berlin'); // spelled loosely, stored as listed
    const alias = (await ok(b, { timezone: 'US/Pacific' })).timezone!;
    expect(Intl.supportedValuesOf('timeZone')).toContain(alias);
    expect((await ok(b, { timezone: 'UTC' })).timezone).toBe('UTC');
    expect((await ok(b, { timezone: null })).timezone).toBeNull();
  });

  it('language: a BCP 47 tag, stored canonical', async () => {
    const { b } = await signedIn();
    expect(await refused(b, { language: 'english' }, 'language')).toMatch(/language tag/);
    await refused(b, { language: 'en_US' }, 'language');
    await refused(b, { language: '12' }, 'language');
    await refused(b, { language: 'xx' }, 'language');
    expect((await ok(b, { language: 'en-gb' })).language).toBe('en-GB');
    expect((await ok(b, { language: 'pt-BR' })).language).toBe('pt-BR');
    expect((await ok(b, { language: 'zh-Hant-TW' })).language).toBe('zh-Hant-TW');
    expect((await ok(b, { language: '' })).language).toBeNull();
  });

  it('company: at most 200 characters; bio: at most 500', async () => {
    const { b } = await signedIn();
    expect(await refused(b, { company: 'c'.repeat(201) }, 'company')).toMatch(/200/);
    expect(await refused(b, { bio: 'b'.repeat(501) }, 'bio')).toMatch(/500/);
    const saved = await ok(b, { company: 'c'.repeat(200), bio: 'b'.repeat(500) });
    expect([saved.company?.length, saved.bio?.length]).toEqual([200, 500]);
    expect((await ok(b, { company: '', bio: null })).company).toBeNull();
  });

  it('email is read-only here', async () => {
    const { b, account } = await signedIn();
    expect(await refused(b, { email: 'new@example.com' }, 'email')).toMatch(/cannot be changed/);
    expect(((await (await b.get('/profile')).json()) as Profile).email).toBe(account.email);
  });

  it('changes only the fields sent, writes nothing when one field is bad, and /me follows', async () => {
    const { b } = await signedIn();
    await ok(b, { company: 'Analytical Engines Ltd', timezone: 'Asia/Tokyo', language: 'ja' });
    await refused(b, { company: 'Babbage & Co', timezone: 'Nowhere/City' }, 'timezone');
    const after = await ok(b, { bio: 'Wrote the first program.' });
    expect(after).toMatchObject({ company: 'Analytical Engines Ltd', timezone: 'Asia/Tokyo', language: 'ja', bio: 'Wrote the first program.', displayName: 'Ada Lovelace' });
    const me = (await (await b.get('/me')).json()) as { user: { timezone: string; language: string } };
    expect(me.user).toMatchObject({ timezone: 'Asia/Tokyo', language: 'ja' });
    expect((await t.browser().patch('/profile', { bio: 'x' })).status).toBe(401);
  });

  it('needs JSON', async () => {
    const { b } = await signedIn();
    expect((await b.patch('/profile', 'displayName=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });
});
