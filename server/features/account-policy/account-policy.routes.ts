import { z } from '@hono/zod-openapi';
import { currentAdmin } from '../../lib/auth';
import { adminOnly, featureRouter, jsonRoute } from '../../lib/openapi';
import { readPolicy, updatePolicy } from './account-policy.service';

const tags = ['Administration'];

const flag = (name: string) => z.boolean({ error: `${name}: use true or false.` });

export const AccountPolicySchema = z
  .object({
    onlineTimeframeMinutes: z
      .number({ error: 'onlineTimeframeMinutes: enter a number of minutes.' })
      .int('Use a whole number of minutes.')
      .min(5, 'Use at least 5 minutes.')
      .max(60 * 24 * 30, 'Use at most 43200 minutes (30 days, the absolute session lifetime).')
      .openapi({ description: 'Session idle timeout ("online status timeframe"), applied to every session from its next request.', example: 10080 }),
    autoActivate: flag('autoActivate').openapi({ description: 'Off: new accounts are pending until an administrator activates them.' }),
    activationEmail: flag('activationEmail').openapi({ description: 'Email the user when an administrator activates the account.' }),
    confirmation: z
      .enum(['none', 'email', 'phone', 'both'], { error: 'confirmation: choose none, email, phone or both.' })
      .openapi({ description: 'What an account must confirm; until then `/me` lists it in `pendingConfirmations`.' }),
    requireTwoFactor: flag('requireTwoFactor').openapi({ description: 'Everyone must set up two-factor authentication right after the password step.' }),
    twoFactorMethod: z
      .enum(['any', 'sms'], { error: 'twoFactorMethod: choose any or sms.' })
      .openapi({ description: 'With `requireTwoFactor`: `any` second factor, or `sms` — a texted code at every sign-in (no trusted-device skip, no authenticator app).' }),
    autoCreateProfile: flag('autoCreateProfile').openapi({ description: 'Make the first profile from the account name at sign-up; off: the user creates it before anything else.' }),
    defaultProfileTypeId: z
      .string({ error: 'defaultProfileTypeId: choose a profile type.' })
      .min(1, 'Choose a profile type.')
      .max(40, 'Choose one of the profile types.')
      .openapi({ description: 'The id of a profile type (GET /admin/profile-types): the type of profiles made by default.', example: 'person' }),
    profileLimit: z
      .number({ error: 'profileLimit: enter a number of profiles.' })
      .int('Use a whole number.')
      .min(0, 'Use 0 for no limit, or a positive number.')
      .max(1000, 'Use at most 1000.')
      .openapi({ description: 'Profiles one account may hold; 0 = no limit. Accounts above a lowered limit keep theirs but cannot create more.' }),
  })
  .openapi('AccountPolicy');

// Fields added after the first contract may be left out: the saved value stays.
const PolicyBody = AccountPolicySchema.extend({
  autoCreateProfile: AccountPolicySchema.shape.autoCreateProfile.optional(),
  twoFactorMethod: AccountPolicySchema.shape.twoFactorMethod.optional(),
  defaultProfileTypeId: AccountPolicySchema.shape.defaultProfileTypeId.optional(),
  profileLimit: AccountPolicySchema.shape.profileLimit.optional(),
});

const getRoute = jsonRoute('get', '/admin/account-policy', { tags, summary: 'The account policy (seed 002 "Accounts Settings")', response: AccountPolicySchema, errors: adminOnly });

const putRoute = jsonRoute('put', '/admin/account-policy', {
  tags, summary: 'Change the account policy; logged in the audit log',
  body: PolicyBody, response: AccountPolicySchema, errors: { ...adminOnly, 409: '`two_factor_setup_first`: the admin saving the policy lacks the two-factor method it would require' },
});

export const accountPolicyRoutes = featureRouter()
  .openapi(getRoute, async (c) => {
    currentAdmin(c);
    return c.json(await readPolicy(c.var.deps.db), 200);
  })
  .openapi(putRoute, async (c) => {
    const admin = currentAdmin(c);
    return c.json(await updatePolicy(c.var.deps, admin, c.req.valid('json')), 200);
  });
