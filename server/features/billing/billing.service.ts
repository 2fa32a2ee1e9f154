import type { Deps, SessionUser } from '../../context';
import type { BillingUser } from './billing.types';

export type { BillingSummary, BillingUser } from './billing.types';

/** Asks the host's hook; no hook, or a hook that returns nothing, means there is no billing to show. */
export async function getBilling(deps: Deps, user: SessionUser) {
  const hook = deps.options.billing;
  if (!hook) return { available: false as const };
  const who: BillingUser = { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
  const summary = await hook(who);
  if (!summary) return { available: false as const };
  const manage = deps.options.manageBillingUrl;
  const manageUrl = typeof manage === 'function' ? await manage(who) : (manage ?? null);
  const renewal = summary.nextRenewal ? new Date(summary.nextRenewal) : null;
  return {
    available: true as const,
    plan: {
      name: summary.plan.name,
      price: summary.plan.price ?? null,
      interval: summary.plan.interval ?? null,
      status: summary.plan.status ?? null,
    },
    paymentMethod: summary.paymentMethod
      ? {
          brand: summary.paymentMethod.brand,
          last4: String(summary.paymentMethod.last4).slice(-4),
          expMonth: summary.paymentMethod.expMonth ?? null,
          expYear: summary.paymentMethod.expYear ?? null,
        }
      : null,
    nextRenewal: renewal && !Number.isNaN(renewal.getTime()) ? renewal.toISOString() : null,
    manageUrl: manageUrl && /^https?:\/\//i.test(manageUrl) ? manageUrl : manageUrl?.startsWith('/') ? manageUrl : null,
  };
}
