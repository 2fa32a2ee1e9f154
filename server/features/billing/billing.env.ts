import type { BillingSummary, BillingUser } from './billing.service';

/**
 * The demo's sample plan (outside production; DEMO_BILLING=off hides the Billing tab instead).
 * A host passes its own `billing` hook to `createSettingsApp`.
 */
export function demoBillingFromEnv(env: NodeJS.ProcessEnv, production: boolean) {
  if (production || env.DEMO_BILLING === 'off') return {};
  return {
    billing: async (_user: BillingUser): Promise<BillingSummary> => {
      const renewal = new Date();
      renewal.setUTCMonth(renewal.getUTCMonth() + 1, 1);
      renewal.setUTCHours(0, 0, 0, 0);
      return {
        plan: { name: 'Team (sample plan)', price: '$49', interval: 'month', status: 'active' },
        paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: renewal.getUTCFullYear() + 3 },
        nextRenewal: renewal,
      };
    },
    manageBillingUrl: env.MANAGE_BILLING_URL || 'https://billing.example.com/portal',
  };
}
