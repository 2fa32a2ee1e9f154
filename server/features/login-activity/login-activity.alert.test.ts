import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const CHROME_NEWER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36';

const alertsTo = async (email: string) => {
  const { messages } = (await (await t.browser().get(`/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as { messages: { subject: string; body: string }[] };
  return messages.filter((m) => m.subject.startsWith('New sign-in'));
};

async function signInWith(userAgent: string, account: { email: string; password: string }) {
  const b = t.browser();
  b.userAgent = userAgent;
  expect((await b.post('/auth/sign-in', { email: account.email, password: account.password })).status).toBe(200);
  return b;
}

describe('new-login alert', () => {
  it('emails on a sign-in from a device or browser not seen before, once', async () => {
    const home = t.browser();
    const account = await home.signUp(); // the sign-up browser is known from the start
    await signInWith(home.userAgent, account);
    await signInWith(CHROME_NEWER, account); // a browser update is the same browser
    expect(await alertsTo(account.email)).toHaveLength(0);

    await signInWith(FIREFOX, account);
    const alerts = await alertsTo(account.email);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toContain('Firefox 121 on Windows 10');
    expect(alerts[0]!.body).toMatch(/change your password/i);

    await signInWith(FIREFOX, account);
    expect(await alertsTo(account.email)).toHaveLength(1);
  });

  it('is a per-user preference', async () => {
    const home = t.browser();
    const account = await home.signUp();
    expect(await (await home.get('/security/login-alerts')).json()).toEqual({ newLoginEmail: true });
    const off = await home.put('/security/login-alerts', { newLoginEmail: false });
    expect(await off.json()).toEqual({ newLoginEmail: false });
    expect((await home.put('/security/login-alerts', { newLoginEmail: 'no' })).status).toBe(400);
    await signInWith(FIREFOX, account);
    expect(await alertsTo(account.email)).toHaveLength(0);

    const other = t.browser();
    const second = await other.signUp();
    await signInWith(FIREFOX, second); // another user's choice is their own
    expect(await alertsTo(second.email)).toHaveLength(1);
  });

  it('does not alert for failed attempts', async () => {
    const home = t.browser();
    const account = await home.signUp();
    const b = t.browser();
    b.userAgent = FIREFOX;
    await b.post('/auth/sign-in', { email: account.email, password: 'wrong password 123' });
    expect(await alertsTo(account.email)).toHaveLength(0);
  });
});
