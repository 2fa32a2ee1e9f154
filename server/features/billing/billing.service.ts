import type { Deps, SessionUser } from '../../context';

/** What a host's `billing` option returns for a user (seed 001 "Billing"). */
export interface BillingSummary {
  plan: { name: string; price?: string | null; interval?: 'month' | 'year' | null; status?: 'active' | 'trialing' | 'past_due' | 'canceled' | null };
  paymentMethod: { brand: string; last4: string; expMonth?: number | null; expYear?: number | null } | null;
  /** ISO 8601 time of the next renewal, or null when the plan does not renew. */
  nextRenewal: string | Date | null;
}

/** The user as the billing hook sees it. */
export interface BillingUser {
  id: string;
  email: string;
  displayName: string;
  role: 'user' | 'admin';
}

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
