import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { ErrorSchema, errorResponses, featureRouter, jsonResponse } from '../../lib/openapi';
import { getBilling } from './billing.service';

const BillingSchema = z
  .object({
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

const getRoute = createRoute({
  method: 'get',
  path: '/billing',
  tags: ['Billing'],
  summary: "The subscription summary from the host's `billing` hook",
  responses: {
    200: jsonResponse(BillingSchema),
    401: errorResponses[401],
    404: jsonResponse(ErrorSchema, '`billing_unavailable`: the host has no billing hook (the element hides itself)'),
  },
});

export const billingRoutes = featureRouter().openapi(getRoute, async (c) => c.json(await getBilling(c.var.deps, currentUser(c)), 200));
