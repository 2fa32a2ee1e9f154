import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectRefusedNaming, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const ALL_ON = { callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: true };

describe('GET/PUT /notifications', () => {
  it('needs a session', async () => {
    expect((await t.browser().get('/notifications')).status).toBe(401);
    expect((await t.browser().put('/notifications', ALL_ON)).status).toBe(401);
  });

  it('starts with the six toggles of seed 001, marketing off', async () => {
    const b = t.browser();
    await b.signUp();
    const res = await b.get('/notifications');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: false });
  });

  it('stores a change per user', async () => {
    const a = t.browser();
    await a.signUp();
    const next = { ...ALL_ON, callAlerts: false, marketing: true };
    const put = await a.put('/notifications', next);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(next);
    expect(await (await a.get('/notifications')).json()).toEqual(next);
    const other = t.browser();
    await other.signUp();
    expect((await (await other.get('/notifications')).json()).marketing).toBe(false);
  });

  it.each([
    ['a missing toggle', { ...ALL_ON, marketing: undefined }, 'marketing'],
    ['a string instead of a boolean', { ...ALL_ON, billing: 'yes' }, 'billing'],
    ['an unknown key', { ...ALL_ON, spam: true }, 'body'],
  ])('refuses %s naming the field', async (_label, body, field) => {
    const b = t.browser();
    await b.signUp();
    await expectRefusedNaming(await b.put('/notifications', body), field);
    expect(await (await b.get('/notifications')).json()).toMatchObject({ billing: true, marketing: false });
  });

  it('refuses a body that is not JSON', async () => {
    const b = t.browser();
    await b.signUp();
    expect((await b.put('/notifications', 'callAlerts=false', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });
});
