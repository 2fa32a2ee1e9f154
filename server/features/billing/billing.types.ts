// Types only, with no imports: context.ts reads them for the `billing` option, and this file must
// not lead back to context.ts (no import cycle).

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
