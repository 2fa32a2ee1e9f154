import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE_FORMAT_NAMES } from '../../../shared/date-formats';
import { createTestApp, expectRefusedNaming, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const GOOD = { theme: 'dark', compact: true, dateFormat: 'iso', timeFormat: '12h' };

describe('GET/PUT /preferences', () => {
  it('needs a session', async () => {
    expect((await t.browser().get('/preferences')).status).toBe(401);
    expect((await t.browser().put('/preferences', GOOD)).status).toBe(401);
  });

  it('has defaults, stores a change, and /me returns it', async () => {
    const b = t.browser();
    await b.signUp();
    expect(await (await b.get('/preferences')).json()).toEqual({ theme: 'system', compact: false, dateFormat: 'medium', timeFormat: '24h' });
    const put = await b.put('/preferences', GOOD);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(GOOD);
    expect(await (await b.get('/preferences')).json()).toEqual(GOOD);
    expect((await (await b.get('/me')).json()).user.preferences).toMatchObject(GOOD);
  });

  it('accepts every named date format of the shared list', async () => {
    const b = t.browser();
    await b.signUp();
    for (const dateFormat of DATE_FORMAT_NAMES) {
      const res = await b.put('/preferences', { ...GOOD, dateFormat });
      expect(res.status).toBe(200);
      expect((await res.json()).dateFormat).toBe(dateFormat);
    }
  });

  it.each([
    ['an unknown theme', { ...GOOD, theme: 'neon' }, 'theme'],
    ['an unknown date format', { ...GOOD, dateFormat: 'yyyy/mm/dd' }, 'dateFormat'],
    ['a 13h clock', { ...GOOD, timeFormat: '13h' }, 'timeFormat'],
    ['compact as a string', { ...GOOD, compact: 'true' }, 'compact'],
    ['a missing field', { theme: 'dark', compact: true, dateFormat: 'iso' }, 'timeFormat'],
    ['an unknown key', { ...GOOD, fontSize: 20 }, 'body'],
  ])('refuses %s naming the field, and changes nothing', async (_label, body, field) => {
    const b = t.browser();
    await b.signUp();
    await expectRefusedNaming(await b.put('/preferences', body), field);
    expect((await (await b.get('/preferences')).json()).theme).toBe('system');
  });

  it('keeps keys other features store in users.preferences', async () => {
    const b = t.browser();
    const { id } = await b.signUp();
    await t.db.execute(`update users set preferences = '{"sidebar":"collapsed"}'::jsonb where id = '${id}'` as never);
    await b.put('/preferences', GOOD);
    expect((await (await b.get('/me')).json()).user.preferences).toEqual({ sidebar: 'collapsed', ...GOOD });
  });
});
