import { describe, expect, it } from 'vitest';
import { MailgunProvider } from '../../providers/mailgun';
import { TwilioProvider } from '../../providers/twilio';
import { missingProductionProviders, PermanentDeliveryError } from './delivery.transports';
import { isRetryable } from './delivery.worker';

describe('production providers (main.ts refuses to start without them)', () => {
  it('names the variables of every channel that has no provider', () => {
    const problems = missingProductionProviders({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/MAILGUN_API_KEY, MAILGUN_DOMAIN and MAILGUN_FROM/);
    expect(problems[1]).toMatch(/TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM/);
    const mail = new MailgunProvider({ apiKey: 'key-x', domain: 'mg.example.test', from: 'x@mg.example.test' });
    const sms = new TwilioProvider({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'token', from: '+15005550006' });
    expect(missingProductionProviders({ mail })).toEqual([problems[1]]);
    expect(missingProductionProviders({ mail, sms })).toEqual([]);
  });
});

describe('which failures the queue retries', () => {
  it('retries 5xx, 429, 408 and network errors; gives up on other 4xx and on permanent failures', () => {
    for (const status of [500, 502, 503, 429, 408]) expect(isRetryable(Object.assign(new Error('x'), { status })), String(status)).toBe(true);
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryable({ response: { status: 503 } })).toBe(true);
    for (const status of [400, 401, 403, 404]) expect(isRetryable(Object.assign(new Error('x'), { status })), String(status)).toBe(false);
    expect(isRetryable(new PermanentDeliveryError('no mail provider'))).toBe(false);
  });
});
