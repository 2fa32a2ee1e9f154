import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock';
import { createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => ({ t } = await createTestAppWithAdmin({ email: 'phone-admin@example.com', policy: { confirmation: 'phone' } })));
afterAll(() => t.close());

let n = 100;
const newPhone = () => `+1415555${String(++n).padStart(4, '0')}`;
const lastCode = async (to: string) => /(\d{6})/.exec((await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(to)}&kind=sms`)).json()).messages[0].body)![1]!;
const pending = async (b: Browser) => (await (await b.get('/me')).json()).user.pendingConfirmations;

describe('phone confirmation', () => {
  it('texts a code to the phone and confirms it', async () => {
    const b = t.browser();
    await b.signUp();
    expect(await pending(b)).toEqual(['phone']);
    const phone = newPhone();
    const sent = await b.post('/confirmation/phone/send', { phone: phone.replace('+1', '+1 (').replace('555', '555) ') });
    expect(sent.status).toBe(202);
    expect((await sent.json()).sentTo).toBe(phone);
    const res = await b.post('/confirmation/phone/confirm', { code: await lastCode(phone) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ confirmed: 'phone', phone });
    expect(await pending(b)).toEqual([]);
    expect((await (await b.get('/profile')).json()).phone).toBe(phone);
  });

  it('refuses a phone another account owns, before and after the code', async () => {
    const owner = t.browser();
    await owner.signUp();
    const phone = newPhone();
    await owner.post('/confirmation/phone/send', { phone });
    const rival = t.browser();
    await rival.signUp();
    t.clock.advance(1000);
    await rival.post('/confirmation/phone/send', { phone }); // sent while nobody owned it yet
    const rivalCode = await lastCode(phone);
    t.clock.advance(MINUTE);
    // the owner asks again and confirms first
    await owner.post('/confirmation/phone/send', { phone });
    expect((await owner.post('/confirmation/phone/confirm', { code: await lastCode(phone) })).status).toBe(200);
    const late = await rival.post('/confirmation/phone/confirm', { code: rivalCode });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('phone_taken');
    const early = await rival.post('/confirmation/phone/send', { phone });
    expect(early.status).toBe(409);
    expect((await early.json()).error.fields.phone).toBeTruthy();
    expect(await pending(rival)).toEqual(['phone']);
  });

  it('refuses a wrong, reused or expired code, and a bad number', async () => {
    const b = t.browser();
    await b.signUp();
    const bad = await b.post('/confirmation/phone/send', { phone: '12' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.phone).toBeTruthy();
    const phone = newPhone();
    await b.post('/confirmation/phone/send', { phone });
    const code = await lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await b.post('/confirmation/phone/confirm', { code: wrong })).status).toBe(400);
    t.clock.advance(10 * MINUTE + 1000);
    expect((await b.post('/confirmation/phone/confirm', { code })).status).toBe(400);

    await b.post('/confirmation/phone/send', { phone });
    const fresh = await lastCode(phone);
    expect((await b.post('/confirmation/phone/confirm', { code: fresh })).status).toBe(200);
    expect((await b.post('/confirmation/phone/confirm', { code: fresh })).status).toBe(400);
  });

  it('allows 5 tries per code at most', async () => {
    const b = t.browser();
    await b.signUp();
    const phone = newPhone();
    await b.post('/confirmation/phone/send', { phone });
    const code = await lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await b.post('/confirmation/phone/confirm', { code: wrong })).status).toBe(400);
    // the 5th failure locks sign-in attempts for this email (SECURITY.md 5, 8)
    expect((await b.post('/confirmation/phone/confirm', { code: wrong })).status).toBe(400);
    expect((await b.post('/confirmation/phone/confirm', { code })).status).toBe(423);
    t.clock.advance(5 * MINUTE);
    // the code itself is spent after 5 tries, even with the right digits
    expect((await b.post('/confirmation/phone/confirm', { code })).status).toBe(400);
  });
});

describe('changing the phone in the profile', () => {
  const confirmed = async (b: Browser, phone: string) => {
    expect((await b.post('/confirmation/phone/send', { phone })).status).toBe(202);
    expect((await b.post('/confirmation/phone/confirm', { code: await lastCode(phone) })).status).toBe(200);
    expect(await pending(b)).toEqual([]);
  };
  /** A new user who confirmed a new phone number. */
  const withConfirmedPhone = async () => {
    const b = t.browser();
    await b.signUp();
    const phone = newPhone();
    await confirmed(b, phone);
    return { b, phone };
  };

  it('keeps the confirmation when PATCH sends the same number, in any spelling', async () => {
    const { b, phone } = await withConfirmedPhone();
    const same = await b.patch('/profile', { phone: phone.replace('+1', '+1 (').replace('555', '555) '), displayName: 'Same Number' });
    expect(same.status).toBe(200);
    expect((await same.json()).phone).toBe(phone);
    expect(await pending(b)).toEqual([]);
  });

  it('drops the confirmation when the number changes or is cleared, and frees the old number', async () => {
    const { b, phone: old } = await withConfirmedPhone();
    t.clock.advance(MINUTE);

    const changed = await b.patch('/profile', { phone: newPhone() });
    expect(changed.status).toBe(200);
    expect(await pending(b)).toEqual(['phone']);

    // the number b gave up is no longer b's: someone else may confirm it
    const other = t.browser();
    await other.signUp();
    await confirmed(other, old);

    // and b must confirm again, also after going back to a number it had confirmed before
    const back = newPhone();
    await confirmed(b, back);
    expect((await b.patch('/profile', { phone: null })).status).toBe(200);
    expect(await pending(b)).toEqual(['phone']);
    expect((await b.patch('/profile', { phone: back })).status).toBe(200);
    expect(await pending(b)).toEqual(['phone']);
  });

  it('still refuses to confirm a number another account confirmed, after writing it into the profile', async () => {
    const owner = t.browser();
    await owner.signUp();
    const phone = newPhone();
    await confirmed(owner, phone);

    const rival = t.browser();
    await rival.signUp();
    const mine = newPhone();
    await confirmed(rival, mine);
    t.clock.advance(MINUTE);
    expect((await rival.patch('/profile', { phone })).status).toBe(200);
    expect(await pending(rival)).toEqual(['phone']);
    const send = await rival.post('/confirmation/phone/send', { phone });
    expect(send.status).toBe(409);
    expect((await send.json()).error.code).toBe('phone_taken');
    expect(await pending(rival)).toEqual(['phone']);
    // the owner keeps the number and its confirmation
    expect(await pending(owner)).toEqual([]);
    expect((await (await owner.get('/profile')).json()).phone).toBe(phone);
  });
});
