import { z } from '@hono/zod-openapi';
import { idParams, text } from '../../lib/schemas';
import { currentUser } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import { featureRouter, jsonRoute } from '../../lib/openapi';
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
const PasswordBody = z.object({ password: Password.optional() });
const CodeBody = z.object({ code: Code });
const locked = { 423: '`account_locked`, with Retry-After' } as const;
const throttled = { 429: '`rate_limited`, with Retry-After' } as const;
const invalidCode = { 400: '`invalid_code`' } as const;
const twoFactorOff = { 409: '`two_factor_disabled`' } as const;

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

const ChallengeBody = z
  .object({
    method: z.enum(['totp', 'sms', 'passkey', 'recovery_code'], { error: 'method: use totp, sms, passkey or recovery_code.' }),
    // For `passkey`, the browser's AuthenticationResponseJSON as a JSON string (a few kilobytes).
    code: text({ error: 'code: enter the code.' }).trim().min(1, 'Enter the code.').max(40_000, 'That code is too long.').openapi({ example: '123456' }),
    trustDevice: z.boolean({ error: 'trustDevice: use true or false.' }).optional(),
  })
  .refine((body) => body.method === 'passkey' || body.code.length <= 64, { path: ['code'], message: 'That code is too long.' });

const challengeRoute = jsonRoute('post', '/auth/sign-in/two-factor', {
  tags: auth, summary: 'The code step of sign-in (after `two_factor_required`)',
  public: true, body: ChallengeBody, response: SignedIn, responseDescription: 'Signed in; the session cookie (and the trusted-device cookie when asked) is set',
  errors: { 401: '`invalid_code`, or `challenge_expired` (start again with the password)', 403: '`account_disabled`', ...locked, 429: '`try_again`, with Retry-After: 1; nothing was counted' },
});

const challengeSmsRoute = jsonRoute('post', '/auth/sign-in/two-factor/sms', {
  tags: auth, summary: 'Text a code for the pending sign-in',
  public: true, noContent: true, errors: { 401: '`challenge_expired`', 409: '`sms_not_enabled`', ...throttled },
});

const overviewRoute = jsonRoute('get', '/security', { tags, summary: 'Two-factor methods, recovery codes left, password age', response: SecuritySchema });

const totpSetupRoute = jsonRoute('post', '/security/two-factor/totp/setup', {
  tags, summary: 'Start authenticator-app setup (password required); pending until a code confirms it',
  body: PasswordBody, response: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string(), issuer: z.string() }), responseDescription: 'Base32 secret, 30 s step, 6 digits, SHA-1',
  errors: { 409: '`totp_already_enabled`', ...locked },
});

const totpEnableRoute = jsonRoute('post', '/security/two-factor/totp/enable', {
  tags, summary: 'Confirm the setup with a code; returns 10 recovery codes once',
  body: CodeBody, response: z.object({ recoveryCodes: RecoveryCodes }), errors: { ...invalidCode, 409: '`no_pending_setup` or `totp_already_enabled`' },
});

const totpCancelRoute = jsonRoute('delete', '/security/two-factor/totp/setup', { tags, summary: 'Cancel a pending authenticator setup', noContent: true });

const smsSetupRoute = jsonRoute('post', '/security/two-factor/sms/setup', {
  tags, summary: 'Text a code to a phone to turn on SMS codes (password required)',
  body: z.object({ password: Password.optional(), phone: text({ error: 'phone: enter a phone number.' }).trim().min(1, 'Enter a phone number.').max(32, 'That phone number is too long.') }), noContent: true,
  errors: { ...locked, ...throttled, 502: '`sms_failed`' },
});

const smsEnableRoute = jsonRoute('post', '/security/two-factor/sms/enable', {
  tags, summary: 'Confirm the phone with the texted code; recovery codes when this is the first method',
  body: CodeBody, response: z.object({ recoveryCodes: RecoveryCodes.optional() }), errors: invalidCode,
});

const disableRoute = jsonRoute('post', '/security/two-factor/disable', {
  tags, summary: 'Turn two-factor authentication off (or one method of it); password required',
  body: z.object({ password: Password.optional(), method: z.enum(['totp', 'sms'], { error: 'method: use totp or sms.' }).optional() }), noContent: true, errors: { ...twoFactorOff, ...locked },
});

const regenerateRoute = jsonRoute('post', '/security/two-factor/recovery-codes', {
  tags, summary: 'A new set of recovery codes; the old set stops working',
  body: PasswordBody, response: z.object({ recoveryCodes: RecoveryCodes }), errors: { ...twoFactorOff, ...locked },
});

const trustedListRoute = jsonRoute('get', '/security/trusted-devices', { tags, summary: 'Browsers that skip the code step, most recently used first', response: z.object({ devices: z.array(TrustedDeviceSchema) }) });

const trustedRevokeRoute = jsonRoute('delete', '/security/trusted-devices/{id}', {
  tags, summary: 'Forget one trusted device',
  params: idParams('device'), badRequest: false, noContent: true, errors: { 404: 'No such device of this user' },
});

const trustedRevokeAllRoute = jsonRoute('delete', '/security/trusted-devices', { tags, summary: 'Forget every trusted device', noContent: true });

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
