import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsMessage, SmsProvider } from '../../providers/types';
import { MINUTE } from '../../lib/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

// Codes and links are secrets: what the server logs names a message's kind, its masked destination
// and its id, never its body — on the outbox, on a provider failure, and on giving up.
const lines: string[] = [];
let failSms = 0;
/** The outbox for SMS, but failing with a 503 the first `failSms` times (as a provider outage would). */
class FlakySms implements SmsProvider {
  readonly name = 'flaky';
  constructor(private readonly sent: SmsMessage[]) {}
  async send(message: SmsMessage) {
    if (failSms > 0) {
      failSms--;
      throw Object.assign(new Error('Service Unavailable'), { status: 503 });
    }
    this.sent.push(message);
    return { id: `SM${this.sent.length}` };
  }
}
const texts: SmsMessage[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ log: (line) => lines.push(line), sms: new FlakySms(texts) });
});
afterAll(() => t.close());

const outboxBody = async (to: string) => {
  const r = (await t.db.execute(`select body from outbox where "to" = '${to}' order by created_at desc limit 1` as never)) as any;
  return ((r.rows ?? r) as { body: string }[])[0]!.body;
};

describe('logs', () => {
  it('carry no reset link or token during a password recovery (outbox), and no code during a 2FA SMS setup (with retries)', async () => {
    const b = t.browser();
    const account = await b.signUp();
    lines.length = 0;
    expect((await t.browser().post('/auth/password-recovery', { email: account.email })).status).toBe(202);
    const body = await outboxBody(account.email);
    const link = /(http\S+#sk-reset-password=(\S+))/.exec(body)!;
    const token = decodeURIComponent(link[2]!);

    failSms = 2;
    const phone = '+14155550777';
    expect((await b.post('/security/two-factor/sms/setup', { password: account.password, phone })).status).toBe(204);
    t.clock.advance(MINUTE);
    await t.drain();
    t.clock.advance(2 * MINUTE);
    await t.drain();
    const code = /(\d{6})/.exec(texts.find((m) => m.to === phone)!.body)![1]!;

    const log = lines.join('\n');
    expect(lines.some((l) => l.startsWith('[outbox] email to '))).toBe(true);
    expect(lines.filter((l) => l.startsWith('[delivery] sms to +141•••••77'))).toHaveLength(2);
    for (const secret of [link[1]!, token, encodeURIComponent(token), code, account.email, phone]) expect(log).not.toContain(secret);
  });
});
