import { createRoute, z } from '@hono/zod-openapi';
import { idParams, text } from '../../lib/schemas';
import { currentUser } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import { errorResponses, ErrorSchema, featureRouter, jsonBody, jsonResponse, noContent } from '../../lib/openapi';
import { SignedIn } from '../accounts/accounts.schemas';
import { answerTwoFactorChallenge, sendChallengeSms } from './two-factor.challenge';
import {
  cancelTotpSetup,
  disableTwoFactor,
  enableSms,
  enableTotp,
  listTrustedDevices,
  regenerateRecoveryCodes,
  revokeTrustedDevice,
  forgetTrustedDevices,
  securityOverview,
  startSmsSetup,
  startTotpSetup,
} from './two-factor.service';

const Password = text({ error: 'password: enter your password.' }).min(1, 'Enter your password.').max(1024, 'Use at most 128 characters.');
const Code = text({ error: 'code: enter the code.' })
  .trim()
  .min(1, 'Enter the code.')
  .max(64, 'That code is too long.')
  .openapi({ example: '123456' });
const RecoveryCodes = z.array(z.string()).openapi({ example: ['abcde-fghij'], description: 'Shown this once; each works once.' });
const locked = jsonResponse(ErrorSchema, '`account_locked`, with Retry-After');
const throttled = jsonResponse(ErrorSchema, '`rate_limited`, with Retry-After');

const SecuritySchema = z
  .object({
    twoFactor: z.object({
      enabled: z.boolean(),
      totp: z.boolean(),
      totpEnabledAt: z.string().nullable(),
      totpPending: z.boolean(),
      sms: z.boolean(),
      smsEnabledAt: z.string().nullable(),
      phone: z.string().nullable().openapi({ description: 'The 2FA phone, masked.' }),
      recoveryCodesRemaining: z.number().int(),
      recoveryCodesCreatedAt: z.string().nullable(),
    }),
    passwordChangedAt: z.string().nullable(),
    trustedDevices: z.number().int(),
  })
  .openapi('Security');

const TrustedDeviceSchema = z
  .object({
    id: z.string(),
    device: z.string(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    ip: z.string().nullable(),
    country: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('TrustedDevice');

const auth = ['Auth'];
const tags = ['Security'];

const challengeRoute = createRoute({
  method: 'post',
  path: '/auth/sign-in/two-factor',
  tags: auth,
  summary: 'The code step of sign-in (after `two_factor_required`)',
  request: jsonBody(
    z
      .object({
        method: z.enum(['totp', 'sms', 'passkey', 'recovery_code'], { error: 'method: use totp, sms, passkey or recovery_code.' }),
        // For `passkey`, the browser's AuthenticationResponseJSON as a JSON string (a few kilobytes).
        code: text({ error: 'code: enter the code.' }).trim().min(1, 'Enter the code.').max(40_000, 'That code is too long.').openapi({ example: '123456' }),
        trustDevice: z.boolean({ error: 'trustDevice: use true or false.' }).optional(),
      })
      .refine((body) => body.method === 'passkey' || body.code.length <= 64, { path: ['code'], message: 'That code is too long.' }),
  ),
  responses: {
    200: jsonResponse(SignedIn, 'Signed in; the session cookie (and the trusted-device cookie when asked) is set'),
    400: errorResponses[400],
    401: jsonResponse(ErrorSchema, '`invalid_code`, or `challenge_expired` (start again with the password)'),
    403: jsonResponse(ErrorSchema, '`account_disabled`'),
    423: locked,
    429: jsonResponse(ErrorSchema, '`try_again`, with Retry-After: 1; nothing was counted'),
  },
});

const challengeSmsRoute = createRoute({
  method: 'post',
  path: '/auth/sign-in/two-factor/sms',
  tags: auth,
  summary: 'Text a code for the pending sign-in',
  responses: { 204: noContent, 401: jsonResponse(ErrorSchema, '`challenge_expired`'), 409: jsonResponse(ErrorSchema, '`sms_not_enabled`'), 429: throttled },
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/security',
  tags,
  summary: 'Two-factor methods, recovery codes left, password age',
  responses: { 200: jsonResponse(SecuritySchema), 401: errorResponses[401] },
});

const totpSetupRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/totp/setup',
  tags,
  summary: 'Start authenticator-app setup (password required); pending until a code confirms it',
  request: jsonBody(z.object({ password: Password.optional() })),
  responses: {
    200: jsonResponse(z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string(), issuer: z.string() }), 'Base32 secret, 30 s step, 6 digits, SHA-1'),
    400: errorResponses[400],
    401: errorResponses[401],
    409: jsonResponse(ErrorSchema, '`totp_already_enabled`'),
    423: locked,
  },
});

const totpEnableRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/totp/enable',
  tags,
  summary: 'Confirm the setup with a code; returns 10 recovery codes once',
  request: jsonBody(z.object({ code: Code })),
  responses: {
    200: jsonResponse(z.object({ recoveryCodes: RecoveryCodes })),
    400: jsonResponse(ErrorSchema, '`invalid_code`'),
    401: errorResponses[401],
    409: jsonResponse(ErrorSchema, '`no_pending_setup` or `totp_already_enabled`'),
  },
});

const totpCancelRoute = createRoute({
  method: 'delete',
  path: '/security/two-factor/totp/setup',
  tags,
  summary: 'Cancel a pending authenticator setup',
  responses: { 204: noContent, 401: errorResponses[401] },
});

const smsSetupRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/sms/setup',
  tags,
  summary: 'Text a code to a phone to turn on SMS codes (password required)',
  request: jsonBody(z.object({ password: Password.optional(), phone: text({ error: 'phone: enter a phone number.' }).trim().min(1, 'Enter a phone number.').max(32, 'That phone number is too long.') })),
  responses: { 204: noContent, 400: errorResponses[400], 401: errorResponses[401], 423: locked, 429: throttled, 502: jsonResponse(ErrorSchema, '`sms_failed`') },
});

const smsEnableRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/sms/enable',
  tags,
  summary: 'Confirm the phone with the texted code; recovery codes when this is the first method',
  request: jsonBody(z.object({ code: Code })),
  responses: { 200: jsonResponse(z.object({ recoveryCodes: RecoveryCodes.optional() })), 400: jsonResponse(ErrorSchema, '`invalid_code`'), 401: errorResponses[401] },
});

const disableRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/disable',
  tags,
  summary: 'Turn two-factor authentication off (or one method of it); password required',
  request: jsonBody(z.object({ password: Password.optional(), method: z.enum(['totp', 'sms'], { error: 'method: use totp or sms.' }).optional() })),
  responses: { 204: noContent, 400: errorResponses[400], 401: errorResponses[401], 409: jsonResponse(ErrorSchema, '`two_factor_disabled`'), 423: locked },
});

const regenerateRoute = createRoute({
  method: 'post',
  path: '/security/two-factor/recovery-codes',
  tags,
  summary: 'A new set of recovery codes; the old set stops working',
  request: jsonBody(z.object({ password: Password.optional() })),
  responses: { 200: jsonResponse(z.object({ recoveryCodes: RecoveryCodes })), 400: errorResponses[400], 401: errorResponses[401], 409: jsonResponse(ErrorSchema, '`two_factor_disabled`'), 423: locked },
});

const trustedListRoute = createRoute({
  method: 'get',
  path: '/security/trusted-devices',
  tags,
  summary: 'Browsers that skip the code step, most recently used first',
  responses: { 200: jsonResponse(z.object({ devices: z.array(TrustedDeviceSchema) })), 401: errorResponses[401] },
});

const trustedRevokeRoute = createRoute({
  method: 'delete',
  path: '/security/trusted-devices/{id}',
  tags,
  summary: 'Forget one trusted device',
  request: { params: idParams('device') },
  responses: { 204: noContent, 401: errorResponses[401], 404: jsonResponse(ErrorSchema, 'No such device of this user') },
});

const trustedRevokeAllRoute = createRoute({
  method: 'delete',
  path: '/security/trusted-devices',
  tags,
  summary: 'Forget every trusted device',
  responses: { 204: noContent, 401: errorResponses[401] },
});

export const twoFactorRoutes = featureRouter()
  .openapi(challengeRoute, async (c) => c.json(await answerTwoFactorChallenge(c, c.req.valid('json')), 200))
  .openapi(challengeSmsRoute, async (c) => {
    await sendChallengeSms(c);
    return c.body(null, 204);
  })
  .openapi(overviewRoute, async (c) => c.json(await securityOverview(c.var.deps, currentUser(c).id), 200))
  .openapi(totpSetupRoute, async (c) => c.json(await startTotpSetup(c.var.deps, currentUser(c), c.req.valid('json').password), 200))
  .openapi(totpEnableRoute, async (c) => c.json({ recoveryCodes: await enableTotp(c.var.deps, currentUser(c), c.req.valid('json').code) }, 200))
  .openapi(totpCancelRoute, async (c) => {
    await cancelTotpSetup(c.var.deps, currentUser(c).id);
    return c.body(null, 204);
  })
  .openapi(smsSetupRoute, async (c) => {
    const { password, phone } = c.req.valid('json');
    await startSmsSetup(c.var.deps, currentUser(c), password, phone);
    return c.body(null, 204);
  })
  .openapi(smsEnableRoute, async (c) => {
    const codes = await enableSms(c.var.deps, currentUser(c), c.req.valid('json').code);
    return c.json(codes ? { recoveryCodes: codes } : {}, 200);
  })
  .openapi(disableRoute, async (c) => {
    const { password, method } = c.req.valid('json');
    await disableTwoFactor(c.var.deps, currentUser(c), password, method);
    return c.body(null, 204);
  })
  .openapi(regenerateRoute, async (c) => c.json({ recoveryCodes: await regenerateRecoveryCodes(c.var.deps, currentUser(c), c.req.valid('json').password) }, 200))
  .openapi(trustedListRoute, async (c) => c.json({ devices: await listTrustedDevices(c.var.deps, currentUser(c).id) }, 200))
  .openapi(trustedRevokeAllRoute, async (c) => {
    await forgetTrustedDevices(c.var.deps, currentUser(c).id);
    return c.body(null, 204);
  })
  .openapi(trustedRevokeRoute, async (c) => {
    const found = await revokeTrustedDevice(c.var.deps, currentUser(c).id, c.req.valid('param').id);
    if (!found) throw notFound('That device');
    return c.body(null, 204);
  });
