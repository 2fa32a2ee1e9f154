import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { getBilling } from './billing.service';

const BillingSchema = z
  .object({
    available: z.literal(true),
    plan: z.object({
      name: z.string(),
      price: z.string().nullable(),
      interval: z.enum(['month', 'year']).nullable(),
      status: z.enum(['active', 'trialing', 'past_due', 'canceled']).nullable(),
    }),
    paymentMethod: z.object({ brand: z.string(), last4: z.string(), expMonth: z.number().nullable(), expYear: z.number().nullable() }).nullable(),
    nextRenewal: z.string().nullable(),
    manageUrl: z.string().nullable().openapi({ description: 'Where "Manage billing" leads (the host\'s `manageBillingUrl`)' }),
  })
  .openapi('Billing');

/**
 * No billing hook, or the hook has nothing for this user. A 200, not a 404: the page asks on every
 * load whether to show the Billing tab, and an expected answer should not show as a failed request.
 */
const NoBillingSchema = z.object({ available: z.literal(false) }).openapi('NoBilling');

const getRoute = jsonRoute('get', '/billing', {
  tags: ['Billing'], summary: "The subscription summary from the host's `billing` hook",
  response: z.union([BillingSchema, NoBillingSchema]), responseDescription: 'The summary, or `{ available: false }` when the host has no billing for this user (the element hides itself)',
});

export const billingRoutes = featureRouter().openapi(getRoute, async (c) => c.json(await getBilling(c.var.deps, currentUser(c)), 200));
