import { z } from '@hono/zod-openapi';
import { text } from '../../lib/schemas';

export const EmailSchema = text()
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email('Enter a valid email address.'))
  .openapi({ example: 'ada@example.com' });

/** Length and content rules live in lib/password.ts so every password path shares them. */
export const PasswordSchema = text({ error: 'Enter a password.' }).max(1024, 'Use at most 128 characters.');

/** The fields every view of an account starts with: `/me` and the administrator's list. */
export const accountFields = {
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['user', 'admin']),
  status: z.enum(['active', 'pending', 'disabled']),
  twoFactorEnabled: z.boolean(),
};

export const UserSchema = z
  .object({
    ...accountFields,
    avatarUrl: z.string().nullable(),
    /** IANA timezone from the profile, for formatting times; null when unset. */
    timezone: z.string().nullable(),
    /** BCP 47 language tag from the profile; null when unset. */
    language: z.string().nullable(),
    preferences: z.record(z.string(), z.unknown()),
    /** What the account policy still wants confirmed (seed 002): show the confirmation banner. */
    pendingConfirmations: z.array(z.enum(['email', 'phone'])),
    /** The policy requires 2FA and this user has none: lead them to set it up; other routes answer 403. */
    twoFactorSetupRequired: z.boolean(),
    /** `host`: the host's own sign-in supplies this user (no kit sign-in, sign-out or password recovery). */
    identity: z.enum(['host', 'kit']),
    /** False for a host user: no change-password, and sensitive actions ask the host to re-authenticate. */
    hasPassword: z.boolean(),
    /** The policy's required second factor: `sms` means the forced setup offers text messages only; null when not required. */
    requiredTwoFactorMethod: z.enum(['any', 'sms']).nullable(),
    /** The profile the Profile tab edits (GET /profiles); null before the first one. */
    currentProfileId: z.string().nullable(),
    /** No profile yet and automatic creation is off: show `<first-profile>`; other routes answer 403 `profile_required`. */
    profileSetupRequired: z.boolean(),
  })
  .openapi('User');

export const SignUpBody = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: text().trim().max(100, 'Use at most 100 characters.').optional(),
});

export const SignInBody = z.object({ email: EmailSchema, password: PasswordSchema });

export const SignedIn = z.object({ status: z.literal('signed_in'), user: UserSchema });
export const TwoFactorRequired = z.object({
  status: z.literal('two_factor_required'),
  methods: z.array(z.enum(['totp', 'sms', 'passkey', 'recovery_code'])),
});
