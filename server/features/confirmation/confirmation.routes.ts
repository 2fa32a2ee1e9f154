import { z } from '@hono/zod-openapi';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import { confirmEmail, confirmPhone, sendEmailConfirmation, sendPhoneCode } from './confirmation.service';
import { text } from '../../lib/schemas';

const tags = ['Confirmation'];
/** A pending account may finish its confirmation (seed 002). */
const pendingOk = { allowPending: true } as const;

const sent = { response: z.object({ sentTo: z.string() }), status: 202, responseDescription: 'Sent' } as const;
const throttled = { 429: '`rate_limited`: a message went out a moment ago (Retry-After)' } as const;

const sendEmailRoute = jsonRoute('post', '/confirmation/email/send', { tags, summary: 'Email a confirmation link (24 h, single use) to the account address', ...sent, errors: throttled });

const confirmEmailRoute = jsonRoute('post', '/confirmation/email/confirm', {
  tags, summary: 'Confirm the email with the token of the link (no session needed)',
  public: true, body: z.object({ token: text({ error: 'token: the link has no token.' }).min(20, 'token: the link is incomplete.').max(200, 'token: the link is not valid.') }), response: z.object({ confirmed: z.literal('email') }),
  errors: { 400: '`invalid_token`: unknown, used or expired' },
});

const sendPhoneRoute = jsonRoute('post', '/confirmation/phone/send', {
  tags, summary: 'Text a 6-digit code (10 min, 5 tries) to a phone no other account owns',
  body: z.object({ phone: text({ error: 'phone: enter a phone number.' }).max(40, 'phone: use at most 40 characters.') }), ...sent, errors: { 409: '`phone_taken`', ...throttled },
});

const confirmPhoneRoute = jsonRoute('post', '/confirmation/phone/confirm', {
  tags, summary: 'Confirm the phone with the texted code',
  body: z.object({ code: text({ error: 'code: enter the code.' }).trim().regex(/^\d{6}$/, 'Enter the 6 digits of the code.') }), response: z.object({ confirmed: z.literal('phone'), phone: z.string() }),
  errors: { 400: '`invalid_code`', 409: '`phone_taken`', 423: '`account_locked`' },
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
