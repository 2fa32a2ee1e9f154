import { z } from '@hono/zod-openapi';
import { idParams, multilineText, text } from '../../lib/schemas';
import { currentUser } from '../../lib/auth';
import { featureRouter, jsonRoute } from '../../lib/openapi';
import {
  BIO_MAX,
  canonicalLanguage,
  canonicalTimezone,
  characters,
  COMPANY_MAX,
  DISPLAY_NAME_MAX,
  e164,
  getProfile,
  loadAvatar,
  readAvatarUpload,
  removeAvatar,
  setAvatar,
  updateProfile,
} from './profile.service';

const tags = ['Profile'];

export const ProfileSchema = z
  .object({
    email: z.string(),
    pendingEmail: z.string().nullable().openapi({ description: 'A new sign-in email waiting for its link to be opened (POST /profile/email).' }),
    displayName: z.string(),
    phone: z.string().nullable().openapi({ example: '+14155552671' }),
    timezone: z.string().nullable().openapi({ example: 'Europe/Berlin' }),
    language: z.string().nullable().openapi({ example: 'en-GB' }),
    company: z.string().nullable(),
    bio: z.string().nullable(),
    avatarUrl: z.string().nullable().openapi({ description: 'Relative to the API base, e.g. `avatars/<id>`; changes with every upload.' }),
    createdAt: z.string(),
    profile: z
      .object({ id: z.string(), type: z.object({ id: z.string(), name: z.string() }) })
      .nullable()
      .openapi({ description: 'The current profile (GET /profiles): display name, company and bio are its own. Null before the first profile.' }),
  })
  .openapi('Profile');

/**
 * An optional field of free spelling: null or "" clears it, anything else must have a canonical
 * form (`canonical` returns null when it has none) and is stored in that form.
 */
const canonicalOrNull = (error: string, canonical: (v: string) => string | null, invalid: string, description: string) =>
  text({ error })
    .trim()
    .refine((v) => v === '' || canonical(v) !== null, invalid)
    .transform((v) => (v === '' ? null : canonical(v)))
    .nullable()
    .optional()
    .openapi({ description });

/** `.refine(...maxChars(max))`: at most `max` characters as a person counts them. */
export const maxChars = (max: number) => [(v: string) => characters(v) <= max, `Use at most ${max} characters.`] as const;
/** An optional text field: null or "" clears it; `multiline` allows line breaks and tabs. */
export const optionalText = (max: number, lines: 'single' | 'multiline' = 'single', error = 'Give text, or null to clear it.') =>
  (lines === 'multiline' ? multilineText : text)({ error })
    .trim()
    .refine(...maxChars(max))
    .nullable()
    .optional();

export const ProfilePatchSchema = z
  .object({
    displayName: text({ error: 'Enter a display name.' })
      .trim()
      .min(1, 'Enter a display name.')
      .refine(...maxChars(DISPLAY_NAME_MAX))
      .optional(),
    phone: canonicalOrNull(
      'Give a phone number, or null to clear it.',
      e164,
      'Enter the number in international format with its country code, e.g. +14155552671.',
      'E.164; any common spelling of an international number is accepted and stored as E.164.',
    ),
    timezone: canonicalOrNull(
      'Choose a timezone, or null to clear it.',
      canonicalTimezone,
      'Choose a timezone from the list, e.g. Europe/Berlin.',
      'An IANA timezone name, stored as `Intl.supportedValuesOf("timeZone")` names it.',
    ),
    language: canonicalOrNull(
      'Choose a language, or null to clear it.',
      canonicalLanguage,
      'Use a language tag such as en, en-GB or pt-BR.',
      'A BCP 47 language tag; stored in its canonical form.',
    ),
    company: optionalText(COMPANY_MAX),
    bio: optionalText(BIO_MAX, 'multiline'),
    email: z
      .unknown()
      .refine((v) => v === undefined, 'The email address cannot be changed here.')
      .optional()
      .openapi({ description: 'Read-only here: sending it is refused.' }),
  })
  .openapi('ProfileChanges');

const getRoute = jsonRoute('get', '/profile', { tags, summary: "The signed-in user's profile", response: ProfileSchema });

const patchRoute = jsonRoute('patch', '/profile', {
  tags,
  summary: 'Change any of the profile fields (not the email)',
  // 409 profile_required: display name, company and bio belong to a profile, and there is none yet.
  description: 'A different phone number (or none) drops the phone confirmation, which must then be done again; the same number in any spelling keeps it.',
  body: ProfilePatchSchema,
  response: ProfileSchema,
});

const putAvatarRoute = jsonRoute('put', '/profile/avatar', {
  tags, summary: 'Upload a new avatar',
  description: 'A `multipart/form-data` body with the image in the field `avatar`: JPEG, PNG, GIF or WebP by its content (the name and declared type are ignored), at most 2 MiB. The size is checked while the body streams in.',
  badRequest: true, response: z.object({ avatarUrl: z.string() }), errors: { 413: '`payload_too_large`: over 2 MiB', 415: '`unsupported_media_type`: not a JPEG, PNG, GIF or WebP image' },
});

const deleteAvatarRoute = jsonRoute('delete', '/profile/avatar', { tags, summary: 'Remove the avatar', noContent: true });

const getAvatarRoute = jsonRoute('get', '/avatars/{id}', {
  tags, summary: 'An avatar image, by the id in `avatarUrl`',
  description: 'Served with its sniffed type, `nosniff`, `Content-Security-Policy: default-src \'none\'` and a year-long immutable cache (a new upload gets a new URL).',
  public: true, badRequest: false, params: idParams('avatar'),
  errors: { 404: 'No such avatar' },
  responses: { 200: { description: 'The image', content: { 'image/*': { schema: z.string().openapi({ format: 'binary' }) } } } },
});

export const profileRoutes = featureRouter()
  .openapi(getRoute, async (c) => c.json(await getProfile(c.var.deps, currentUser(c).id), 200))
  .openapi(patchRoute, async (c) => {
    const { email: _email, ...changes } = c.req.valid('json');
    return c.json(await updateProfile(c.var.deps, currentUser(c).id, changes), 200);
  })
  .openapi(putAvatarRoute, async (c) => {
    const user = currentUser(c);
    const upload = await readAvatarUpload(c.req.raw);
    return c.json({ avatarUrl: await setAvatar(c.var.deps, user.id, upload) }, 200);
  })
  .openapi(deleteAvatarRoute, async (c) => {
    await removeAvatar(c.var.deps, currentUser(c).id);
    return c.body(null, 204);
  })
  .openapi(getAvatarRoute, async (c) => {
    const avatar = await loadAvatar(c.var.deps, c.req.valid('param').id);
    if (!avatar) return c.json({ error: { code: 'not_found', message: 'That avatar was not found.' } }, 404);
    return c.body(new Uint8Array(avatar.data), 200, {
      'Content-Type': avatar.contentType,
      'Content-Length': String(avatar.data.byteLength),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
      'Content-Disposition': 'inline; filename="avatar"',
    }) as never;
  });
