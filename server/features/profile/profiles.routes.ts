import { z } from '@hono/zod-openapi';
import { currentAdmin, currentUser } from '../../lib/auth';
import { adminOnly, featureRouter, jsonRoute } from '../../lib/openapi';
import { idParams, text } from '../../lib/schemas';
import { BIO_MAX, COMPANY_MAX, DISPLAY_NAME_MAX } from './profile.service';
import { maxChars, optionalText } from './profile.routes';
import { createProfile, createProfileType, deleteProfile, deleteProfileType, listProfiles, listProfileTypes, renameProfileType, switchProfile } from './profiles.service';

const tags = ['Profile'];
const adminTags = ['Administration'];

/** Type ids: the defaults are `person` and `organization`, an admin's new ones are `newId()`s. */
const TYPE_ID = /^[A-Za-z0-9_-]{1,40}$/;
const typeId = z.string({ error: 'Choose a profile type.' }).regex(TYPE_ID, 'Choose one of the profile types.');
const typeParams = z.object({ id: typeId.openapi({ param: { name: 'id', in: 'path' }, example: 'person' }) });

export const PROFILE_TYPE_NAME_MAX = 60;
const LEAVE_EMPTY = 'Give text, or null to leave it empty.';

export const ProfileTypeSchema = z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() }).openapi('ProfileType');
const ProfileTypeBody = z.object({
  name: text({ error: 'Enter a name for the profile type.' })
    .trim()
    .min(1, 'Enter a name for the profile type.')
    .refine(...maxChars(PROFILE_TYPE_NAME_MAX)),
});

export const ProfileEntrySchema = z
  .object({
    id: z.string(),
    type: z.object({ id: z.string(), name: z.string() }),
    displayName: z.string(),
    company: z.string().nullable(),
    bio: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The profile the Profile tab (and PATCH /profile) edits.' }),
    createdAt: z.string(),
  })
  .openapi('ProfileEntry');

const ProfileListSchema = z.object({
  profiles: z.array(ProfileEntrySchema),
  currentProfileId: z.string().nullable(),
  limit: z.number().int().openapi({ description: 'How many profiles the account may hold (account policy); 0 = no limit.' }),
});

const NewProfileBody = z
  .object({
    typeId: typeId.optional().openapi({ description: 'One of GET /profile-types; default: the policy\'s default type.' }),
    displayName: text({ error: 'Enter a display name.' })
      .trim()
      .min(1, 'Enter a display name.')
      .refine(...maxChars(DISPLAY_NAME_MAX)),
    company: optionalText(COMPANY_MAX, 'single', LEAVE_EMPTY),
    bio: optionalText(BIO_MAX, 'multiline', LEAVE_EMPTY),
  })
  .openapi('NewProfile');

const profileParams = idParams('profile');
const ProfileAnswer = z.object({ profile: ProfileEntrySchema });
const TypeList = z.object({ types: z.array(ProfileTypeSchema) });
const TypeAnswer = z.object({ type: ProfileTypeSchema });
const noSuchProfile = { 404: 'No such profile of this account' } as const;
const noSuchType = { 404: 'No such type' } as const;

const typesRoute = jsonRoute('get', '/profile-types', { tags, summary: 'The profile types an account may create (admin-defined)', response: TypeList });
const listRoute = jsonRoute('get', '/profiles', { tags, summary: "The account's profiles, the current one and the limit", response: ProfileListSchema });
const createProfileRoute = jsonRoute('post', '/profiles', {
  tags, summary: 'Create a profile (the first one becomes current)',
  description: 'Counted against the policy\'s `profileLimit` under the account\'s row lock: two requests at once cannot both take the last place.',
  body: NewProfileBody, response: ProfileAnswer, status: 201, errors: { 409: '`profile_limit`' },
});
const switchRoute = jsonRoute('post', '/profiles/{id}/switch', { tags, summary: 'Make this profile the current one', params: profileParams, response: ProfileAnswer, errors: noSuchProfile });
const deleteRoute = jsonRoute('delete', '/profiles/{id}', {
  tags, summary: 'Delete a profile (not the last one); the current one is replaced by the oldest other',
  params: profileParams, noContent: true, errors: { ...noSuchProfile, 409: '`last_profile`' },
});

const adminListRoute = jsonRoute('get', '/admin/profile-types', { tags: adminTags, summary: 'Profile types (seed 002 "Default profile type" chooses among them)', response: TypeList, errors: adminOnly });
const adminCreateRoute = jsonRoute('post', '/admin/profile-types', {
  tags: adminTags, summary: 'Add a profile type',
  body: ProfileTypeBody, response: TypeAnswer, status: 201, errors: { ...adminOnly, 409: '`profile_type_taken`' },
});
const adminRenameRoute = jsonRoute('patch', '/admin/profile-types/{id}', {
  tags: adminTags, summary: 'Rename a profile type',
  params: typeParams, body: ProfileTypeBody, response: TypeAnswer, errors: { ...adminOnly, ...noSuchType, 409: '`profile_type_taken`' },
});
const adminDeleteRoute = jsonRoute('delete', '/admin/profile-types/{id}', {
  tags: adminTags, summary: 'Delete a profile type that no profile uses and that is not the default',
  params: typeParams, noContent: true, errors: { ...adminOnly, ...noSuchType, 409: '`profile_type_in_use`, `profile_type_default`' },
});

export const profilesRoutes = featureRouter()
  .openapi(typesRoute, async (c) => {
    currentUser(c);
    return c.json({ types: await listProfileTypes(c.var.deps.db) }, 200);
  })
  .openapi(listRoute, async (c) => c.json(await listProfiles(c.var.deps, currentUser(c).id), 200))
  .openapi(createProfileRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ profile: await createProfile(c.var.deps, user.id, c.req.valid('json')) }, 201);
  })
  .openapi(switchRoute, async (c) => {
    const user = currentUser(c);
    return c.json({ profile: await switchProfile(c.var.deps, user.id, c.req.valid('param').id) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const user = currentUser(c);
    await deleteProfile(c.var.deps, user.id, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(adminListRoute, async (c) => {
    currentAdmin(c);
    return c.json({ types: await listProfileTypes(c.var.deps.db) }, 200);
  })
  .openapi(adminCreateRoute, async (c) => {
    return c.json({ type: await createProfileType(c.var.deps, currentAdmin(c), c.req.valid('json').name) }, 201);
  })
  .openapi(adminRenameRoute, async (c) => {
    return c.json({ type: await renameProfileType(c.var.deps, currentAdmin(c), c.req.valid('param').id, c.req.valid('json').name) }, 200);
  })
  .openapi(adminDeleteRoute, async (c) => {
    await deleteProfileType(c.var.deps, currentAdmin(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
