import { createRoute, z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { errorResponses, ErrorSchema, featureRouter, jsonBody, jsonResponse } from '../../lib/openapi';
import { confirmEmail, confirmPhone, sendEmailConfirmation, sendPhoneCode } from './confirmation.service';
import { text } from '../../lib/schemas';

const tags = ['Confirmation'];
/** A pending account may finish its confirmation (seed 002). */
const pendingOk = { allowPending: true } as const;

const Sent = z.object({ sentTo: z.string() });
const throttled = { 429: jsonResponse(ErrorSchema, '`rate_limited`: a message went out a moment ago (Retry-After)') } as const;

const sendEmailRoute = createRoute({
  method: 'post',
  path: '/confirmation/email/send',
  tags,
  summary: 'Email a confirmation link (24 h, single use) to the account address',
  responses: { 202: jsonResponse(Sent, 'Sent'), 401: errorResponses[401], ...throttled },
});

const confirmEmailRoute = createRoute({
  method: 'post',
  path: '/confirmation/email/confirm',
  tags,
  summary: 'Confirm the email with the token of the link (no session needed)',
  request: jsonBody(z.object({ token: text({ error: 'token: the link has no token.' }).min(20, 'token: the link is incomplete.').max(200, 'token: the link is not valid.') })),
  responses: { 200: jsonResponse(z.object({ confirmed: z.literal('email') })), 400: jsonResponse(ErrorSchema, '`invalid_token`: unknown, used or expired') },
});

const sendPhoneRoute = createRoute({
  method: 'post',
  path: '/confirmation/phone/send',
  tags,
  summary: 'Text a 6-digit code (10 min, 5 tries) to a phone no other account owns',
  request: jsonBody(z.object({ phone: text({ error: 'phone: enter a phone number.' }).max(40, 'phone: use at most 40 characters.') })),
  responses: {
    202: jsonResponse(Sent, 'Sent'),
    400: errorResponses[400],
    401: errorResponses[401],
    409: jsonResponse(ErrorSchema, '`phone_taken`'),
    ...throttled,
  },
});

const confirmPhoneRoute = createRoute({
  method: 'post',
  path: '/confirmation/phone/confirm',
  tags,
  summary: 'Confirm the phone with the texted code',
  request: jsonBody(z.object({ code: text({ error: 'code: enter the code.' }).trim().regex(/^\d{6}$/, 'Enter the 6 digits of the code.') })),
  responses: {
    200: jsonResponse(z.object({ confirmed: z.literal('phone'), phone: z.string() })),
    400: jsonResponse(ErrorSchema, '`invalid_code`'),
    401: errorResponses[401],
    409: jsonResponse(ErrorSchema, '`phone_taken`'),
    423: jsonResponse(ErrorSchema, '`account_locked`'),
  },
});

export const confirmationRoutes = featureRouter()
  .openapi(sendEmailRoute, async (c) => c.json(await sendEmailConfirmation(c, currentUser(c, pendingOk)), 202))
  .openapi(confirmEmailRoute, async (c) => {
    await confirmEmail(c.var.deps, c.req.valid('json').token);
    return c.json({ confirmed: 'email' as const }, 200);
  })
  .openapi(sendPhoneRoute, async (c) => c.json(await sendPhoneCode(c.var.deps, currentUser(c, pendingOk), c.req.valid('json').phone), 202))
  .openapi(confirmPhoneRoute, async (c) => {
    const { phone } = await confirmPhone(c.var.deps, currentUser(c, pendingOk), c.req.valid('json').code);
    return c.json({ confirmed: 'phone' as const, phone }, 200);
  });
