import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import type { BillingUser } from './billing.service';

let withHook: TestApp;
let without: TestApp;
const seen: BillingUser[] = [];
beforeAll(async () => {
  withHook = await createTestApp({
    billing: async (user) => {
      seen.push(user);
      if (user.email.startsWith('free')) return null;
      return { plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' }, paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }, nextRenewal: new Date('2026-02-15T00:00:00Z') };
    },
    manageBillingUrl: (user) => `https://billing.example.com/portal?u=${user.id}`,
  });
  without = await createTestApp();
});
afterAll(async () => {
  await withHook.close();
  await without.close();
});

describe('GET /billing', () => {
  it('returns what the host hook returns for the signed-in user, with the manage URL', async () => {
    const b = withHook.browser();
    const account = await b.signUp();
    const res = await b.get('/billing');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      available: true,
      plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' },
      paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      nextRenewal: '2026-02-15T00:00:00.000Z',
      manageUrl: `https://billing.example.com/portal?u=${account.id}`,
    });
    expect(seen.at(-1)).toEqual({ id: account.id, email: account.email, displayName: expect.any(String), role: expect.any(String) });
    expect(Object.keys(seen.at(-1)!)).not.toContain('passwordHash');
  });

  it('answers 200 { available: false } when the hook has nothing for the user (no 404 in the console)', async () => {
    const b = withHook.browser();
    await b.signUp(`free-${Date.now()}@example.com`);
    const res = await b.get('/billing');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ available: false });
  });

  it('answers 200 { available: false } without a hook, and 401 signed out', async () => {
    const b = without.browser();
    await b.signUp();
    const res = await b.get('/billing');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ available: false });
    expect((await without.browser().get('/billing')).status).toBe(401);
  });
});
