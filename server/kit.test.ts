import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, headerIdentity } from './features/host-identity/host-identity.test-helpers';
import { totpAt } from './features/two-factor/totp';
import { nextCode, passwordStep, rowsOf, withTotp } from './features/two-factor/two-factor.test-helpers';
import { createSettingsKit, type SettingsKit } from './kit';
import { Browser, createTestApp, TEST_SECRET, type TestApp } from './testing/test-app';

// A host's login enforces the second factor a user turned on in the settings page, through the
// same judge as the kit's own code step (lockout, replay, single-use recovery codes).
let t: TestApp; // the kit's own sign-in, on the same database
let kit: SettingsKit;
let page: () => Browser;
beforeAll(async () => {
  t = await createTestApp();
  kit = createSettingsKit({ database: t.database, secret: TEST_SECRET, clock: t.clock, identify: headerIdentity, delivery: { worker: 'manual' }, devOutbox: { allowWithoutSocket: true } });
  page = () => new Browser(kit.app, () => kit.app.delivery.drain());
});
afterAll(async () => {
  await kit.app.stop();
  await t.close();
});

const now = () => t.clock.now().toISOString();

/** A host user turns TOTP on in the embedded settings page (re-authenticated by the host just now). */
async function hostUserWithTotp(externalId: string) {
  const b = page();
  const setup = await b.post('/security/two-factor/totp/setup', {}, as(externalId, { 'x-host-reauth': now() }));
  expect(setup.status).toBe(200);
  const { secret } = await setup.json();
  const enable = await b.post('/security/two-factor/totp/enable', { code: await totpAt(secret, t.clock.now()) }, as(externalId));
  expect(enable.status).toBe(200);
  return { secret, recoveryCodes: (await enable.json()).recoveryCodes as string[] };
}

describe('twoFactor for a host login', () => {
  it('is not required for an unknown user or one without 2FA', async () => {
    expect(await kit.twoFactor.isRequired('crm-nobody')).toBe(false);
    expect(await kit.twoFactor.verify('crm-nobody', { method: 'totp', code: '123456' })).toBe(false);
    await page().get('/me', as('crm-plain'));
    expect(await kit.twoFactor.isRequired('crm-plain')).toBe(false);
    expect(await kit.twoFactor.methods('crm-plain')).toEqual([]);
  });

  it('asks for the TOTP code once turned on, refuses a wrong one and a replay, accepts the right one', async () => {
    const { secret } = await hostUserWithTotp('crm-t1');
    expect(await kit.twoFactor.isRequired('crm-t1')).toBe(true);
    expect(await kit.twoFactor.methods('crm-t1')).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
    expect(await kit.twoFactor.verify('crm-t1', { method: 'totp', code: '000000' })).toBe(false);
    const code = await nextCode(t, secret);
    expect(await kit.twoFactor.verify('crm-t1', { method: 'totp', code })).toBe(true);
    expect(await kit.twoFactor.verify('crm-t1', { method: 'totp', code })).toBe(false); // replay
  });

  it('takes each recovery code once, even sent twice at the same moment', async () => {
    const { recoveryCodes } = await hostUserWithTotp('crm-t2');
    const both = await Promise.all([kit.twoFactor.verify('crm-t2', { method: 'recovery_code', code: recoveryCodes[0]! }), kit.twoFactor.verify('crm-t2', { method: 'recovery_code', code: recoveryCodes[0]! })]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await kit.twoFactor.verify('crm-t2', { method: 'recovery_code', code: recoveryCodes[0]! })).toBe(false);
  });

  it('issues a trusted-device token on request that skips the code for this user only', async () => {
    const { secret } = await hostUserWithTotp('crm-t3');
    await hostUserWithTotp('crm-t4');
    let token = '';
    const ok = await kit.twoFactor.verify('crm-t3', { method: 'totp', code: await nextCode(t, secret), trustDevice: true, onDeviceToken: (value) => void (token = value), userAgent: 'Firefox/121.0' });
    expect(ok).toBe(true);
    expect(token).toMatch(/.{32,}/);
    expect(await kit.twoFactor.isRequired('crm-t3', { deviceToken: token })).toBe(false);
    expect(await kit.twoFactor.isRequired('crm-t4', { deviceToken: token })).toBe(true);
    expect(await kit.twoFactor.isRequired('crm-t3', { deviceToken: 'not-a-token' })).toBe(true);
    // It shows in the user's trusted devices, where they can forget it.
    const devices = await (await page().get('/security/trusted-devices', as('crm-t3'))).json();
    expect(devices.devices).toHaveLength(1);
    expect((await page().delete('/security/trusted-devices', as('crm-t3'))).status).toBe(204);
    expect(await kit.twoFactor.isRequired('crm-t3', { deviceToken: token })).toBe(true);
  });

  it('refuses a call with a bad method, naming the field', async () => {
    await expect(kit.twoFactor.verify('crm-t1', { method: 'email' as never, code: '1' })).rejects.toThrow(/method/);
    await expect(kit.twoFactor.verify('crm-t1', { method: 'totp', code: '' })).rejects.toThrow(/code/);
  });
});

describe('one lockout for the kit code step and twoFactor.verify', () => {
  it('counts failures from both ways in together; while locked even the right code is refused by both', async () => {
    const account = await withTotp(t);
    const [{ id }] = await rowsOf<{ id: string }>(t, `select id from users where email = '${account.email}'`);
    // The same person known to the host as crm-shared (a user linked to the host after the fact).
    await t.db.execute(`update users set external_id = 'crm-shared' where id = '${id}'` as never);
    const { browser } = await passwordStep(t, account);
    for (let i = 0; i < 3; i++) expect((await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: '000000' })).status).toBe(401);
    expect(await kit.twoFactor.verify('crm-shared', { method: 'totp', code: '000000' })).toBe(false);
    expect(await kit.twoFactor.verify('crm-shared', { method: 'totp', code: '111111' })).toBe(false);
    // Five failures in all: locked.
    const right = await nextCode(t, account.secret);
    expect(await kit.twoFactor.verify('crm-shared', { method: 'totp', code: right })).toBe(false);
    expect((await browser.post('/auth/sign-in/two-factor', { method: 'totp', code: right })).status).toBe(423);
    const failures = await rowsOf<{ reason: string }>(t, `select reason from login_activity where user_id = '${id}' and success = false`);
    expect(failures.filter((r) => r.reason === 'wrong_code')).toHaveLength(5);
    expect(failures.some((r) => r.reason === 'locked')).toBe(true);
  });
});

describe('activity.record', () => {
  it('feeds the login activity and sends the new-sign-in email for a new browser', async () => {
    await page().get('/me', as('crm-a', { 'x-host-email': 'a@crm.example' }));
    expect(await kit.activity.record('crm-nobody', { outcome: 'succeeded' })).toBe(false);
    expect(await kit.activity.record('crm-a', { outcome: 'succeeded', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0' })).toBe(true); // first device: nothing to compare
    t.clock.advance(1000);
    expect(await kit.activity.record('crm-a', { outcome: 'failed', reason: 'wrong_password', ip: '203.0.113.7' })).toBe(true);
    t.clock.advance(1000);
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
    expect(await kit.activity.record('crm-a', { outcome: 'succeeded', ip: '203.0.113.7', userAgent: firefox })).toBe(true);
    const { items } = await (await page().get('/security/login-activity', as('crm-a', { 'x-host-email': 'a@crm.example' }))).json();
    expect(items.map((i: { success: boolean }) => i.success)).toEqual([true, false, true]);
    expect(items[0]).toMatchObject({ ip: '203.0.113.7' });
    await kit.app.delivery.drain();
    const { messages } = await (await page().get('/dev/outbox?to=a%40crm.example')).json();
    expect(messages.filter((m: { subject: string }) => m.subject.startsWith('New sign-in'))).toHaveLength(1);
    await expect(kit.activity.record('crm-a', { outcome: 'maybe' as never })).rejects.toThrow(/outcome/);
  });

  it('with the identity instead of the id, records the first sign-in of a user the kit has not seen yet', async () => {
    expect(await kit.activity.record('crm-first', { outcome: 'succeeded', ip: '203.0.113.9' })).toBe(false);
    expect(await kit.activity.record({ externalId: 'crm-first', email: 'first@crm.example' }, { outcome: 'succeeded', ip: '203.0.113.9' })).toBe(true);
    const { items } = await (await page().get('/security/login-activity', as('crm-first', { 'x-host-email': 'first@crm.example' }))).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ success: true, ip: '203.0.113.9' });
    await expect(kit.activity.record({ externalId: 'crm-first', email: 'not an email' }, { outcome: 'succeeded' })).rejects.toThrow(/email/);
  });
});
