import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, MailProvider } from '../../providers/types';
import { APP_DEPS } from '../../app';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** A provider that remembers what it was asked to send. */
class RecordingMail implements MailProvider {
  readonly name = 'recording';
  sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
    return { id: String(this.sent.length) };
  }
}

let t: TestApp;
const mail = new RecordingMail();
let appMail: MailProvider;
beforeAll(async () => {
  t = await createTestApp({ mail });
  // The app's mail provider as features see it (c.var.deps.mail, the queue; the gate decides when the worker sends).
  appMail = t.app[APP_DEPS].mail;
});
afterAll(() => t.close());

const ALL_ON = { callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: true };
const gate = async () => appMail;

describe('the notification gate around the mail provider', () => {
  it('sends nothing of a category the user turned off, and everything else', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    expect((await b.put('/notifications', { ...ALL_ON, billing: false })).status).toBe(200);
    const provider = await gate();
    mail.sent = [];
    await provider.send({ to: email, subject: 'Payment received', text: '…', category: 'billing' });
    await provider.send({ to: email.toUpperCase(), subject: 'Invoice', text: '…', category: 'billing' });
    await provider.send({ to: email, subject: 'New call', text: '…', category: 'callAlerts' });
    await t.drain();
    expect(mail.sent.map((m) => m.subject)).toEqual(['New call']);
  });

  it('always sends security mail and mail without a category', async () => {
    const b = t.browser();
    const { email } = await b.signUp();
    const none = Object.fromEntries(Object.keys(ALL_ON).map((k) => [k, false]));
    expect((await b.put('/notifications', none)).status).toBe(200);
    const provider = await gate();
    mail.sent = [];
    await provider.send({ to: email, subject: 'Your password was changed', text: '…', category: 'security' });
    await provider.send({ to: email, subject: 'Confirm your email', text: '…' });
    await provider.send({ to: email, subject: 'Tips', text: '…', category: 'marketing' });
    await t.drain();
    expect(mail.sent.map((m) => m.subject)).toEqual(['Your password was changed', 'Confirm your email']);
  });

  it('follows the defaults without a settings row: marketing off, the rest on', async () => {
    const { email } = await t.browser().signUp();
    const provider = await gate();
    mail.sent = [];
    await provider.send({ to: email, subject: 'Offer', text: '…', category: 'marketing' });
    await provider.send({ to: email, subject: 'New feature', text: '…', category: 'productUpdates' });
    await t.drain();
    expect(mail.sent.map((m) => m.subject)).toEqual(['New feature']);
  });

  it('sends to an address that is no account', async () => {
    const provider = await gate();
    mail.sent = [];
    await provider.send({ to: 'nobody@example.com', subject: 'Invite', text: '…', category: 'marketing' });
    await t.drain();
    expect(mail.sent).toHaveLength(1);
  });

  it('is the provider the features use: an account deletion goodbye (security) still goes out', async () => {
    const b = t.browser();
    const { email, password } = await b.signUp();
    await b.put('/notifications', Object.fromEntries(Object.keys(ALL_ON).map((k) => [k, false])));
    mail.sent = [];
    expect((await b.post('/account/delete', { password, confirm: 'DELETE' })).status).toBe(204);
    await t.drain();
    expect(mail.sent.filter((m) => m.to === email).map((m) => m.category)).toEqual(['security']);
  });
});
