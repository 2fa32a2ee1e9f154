import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_POLICY, createTestAppWithAdmin, type Browser, type TestApp } from '../../testing/test-app';

// Profiles per account (seed 002): admin-defined types, a default type, a limit, a first-profile gate.
let t: TestApp;
let admin: Browser;
beforeAll(async () => ({ t, admin } = await createTestAppWithAdmin({ email: 'profiles-admin@example.com' })));
afterAll(() => t.close());

const setPolicy = async (over: Record<string, unknown>) => {
  const res = await admin.put('/admin/account-policy', { ...BASE_POLICY, ...over });
  expect(res.status).toBe(200);
  return res.json();
};
const profilesOf = async (b: Browser) => (await (await b.get('/profiles')).json()) as { profiles: any[]; currentProfileId: string | null; limit: number };

describe('profiles of one account', () => {
  it('sign-up makes the first profile, of the default type, from the account name', async () => {
    const b = t.browser();
    await b.signUp('ada.lovelace@example.com');
    const list = await profilesOf(b);
    expect(list.limit).toBe(0);
    expect(list.profiles).toHaveLength(1);
    expect(list.profiles[0]).toMatchObject({ type: { id: 'person', name: 'Person' }, displayName: 'ada.lovelace', current: true });
    expect(list.currentProfileId).toBe(list.profiles[0].id);
    const profile = await (await b.get('/profile')).json();
    expect(profile.profile).toEqual({ id: list.profiles[0].id, type: { id: 'person', name: 'Person' } });
    expect(await (await b.get('/profile-types')).json()).toEqual({
      types: [
        { id: 'person', name: 'Person', isDefault: true },
        { id: 'organization', name: 'Organization', isDefault: false },
      ],
    });
  });

  it('creates, switches and edits: PATCH /profile edits the current profile only', async () => {
    const b = t.browser();
    await b.signUp();
    expect((await b.patch('/profile', { displayName: 'Ada', company: 'Home', timezone: 'Europe/London' })).status).toBe(200);
    const created = await b.post('/profiles', { typeId: 'organization', displayName: 'Analytical Engines Ltd', company: 'AE' });
    expect(created.status).toBe(201);
    const org = (await created.json()).profile;
    expect(org).toMatchObject({ type: { id: 'organization', name: 'Organization' }, displayName: 'Analytical Engines Ltd', current: false });

    const switched = await b.post(`/profiles/${org.id}/switch`);
    expect(switched.status).toBe(200);
    expect((await (await b.get('/me')).json()).user).toMatchObject({ displayName: 'Analytical Engines Ltd', currentProfileId: org.id });
    expect(await (await b.get('/profile')).json()).toMatchObject({ displayName: 'Analytical Engines Ltd', company: 'AE', timezone: 'Europe/London' });
    expect((await b.patch('/profile', { bio: 'We build engines', displayName: 'AE Ltd' })).status).toBe(200);

    const list = await profilesOf(b);
    const person = list.profiles.find((p) => p.type.id === 'person')!;
    expect(person).toMatchObject({ displayName: 'Ada', company: 'Home', bio: null, current: false });
    expect(list.profiles.find((p) => p.id === org.id)).toMatchObject({ displayName: 'AE Ltd', bio: 'We build engines', current: true });
    await b.post(`/profiles/${person.id}/switch`);
    expect(await (await b.get('/profile')).json()).toMatchObject({ displayName: 'Ada', company: 'Home', bio: null, timezone: 'Europe/London' });
  });

  it('validates at the edge, naming the field; another account\'s profile is not found', async () => {
    const b = t.browser();
    await b.signUp();
    const noName = await b.post('/profiles', { typeId: 'person' });
    expect(noName.status).toBe(400);
    expect((await noName.json()).error.fields.displayName).toBeTruthy();
    const badType = await b.post('/profiles', { typeId: 'martian', displayName: 'Zorg' });
    expect(badType.status).toBe(400);
    expect((await badType.json()).error.fields.typeId).toBeTruthy();
    const long = await b.post('/profiles', { displayName: 'x'.repeat(101) });
    expect((await long.json()).error.fields.displayName).toMatch(/at most 100/);
    expect((await b.post('/profiles/not-an-id/switch')).status).toBe(400);

    const other = t.browser();
    await other.signUp();
    const theirs = (await profilesOf(other)).profiles[0].id;
    expect((await b.post(`/profiles/${theirs}/switch`)).status).toBe(404);
    expect((await b.delete(`/profiles/${theirs}`)).status).toBe(404);
    expect((await profilesOf(other)).profiles).toHaveLength(1);
  });

  it('keeps the last profile, and deleting the current one switches to the oldest other', async () => {
    const b = t.browser();
    await b.signUp();
    const [first] = (await profilesOf(b)).profiles;
    const last = await b.delete(`/profiles/${first.id}`);
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe('last_profile');
    const second = (await (await b.post('/profiles', { displayName: 'Second' })).json()).profile;
    expect(second.type.id).toBe('person'); // the default type
    expect((await b.delete(`/profiles/${first.id}`)).status).toBe(204);
    const list = await profilesOf(b);
    expect(list.profiles.map((p) => p.id)).toEqual([second.id]);
    expect(list.currentProfileId).toBe(second.id);
    expect((await (await b.get('/me')).json()).user.displayName).toBe('Second');
  });

  it('enforces "Limit number of profiles" (0 = no limit)', async () => {
    const b = t.browser();
    await b.signUp();
    await setPolicy({ profileLimit: 2 });
    expect((await profilesOf(b)).limit).toBe(2);
    expect((await b.post('/profiles', { displayName: 'Two' })).status).toBe(201);
    const over = await b.post('/profiles', { displayName: 'Three' });
    expect(over.status).toBe(409);
    expect((await over.json()).error).toMatchObject({ code: 'profile_limit', message: expect.stringContaining('at most 2') });
    await setPolicy({ profileLimit: 0 });
    expect((await b.post('/profiles', { displayName: 'Three' })).status).toBe(201);
    const bad = await admin.put('/admin/account-policy', { ...BASE_POLICY, profileLimit: -1 });
    expect((await bad.json()).error.fields.profileLimit).toBeTruthy();
  });
});

describe('"Automatic profile creation" off', () => {
  it('asks for the first profile before anything else', async () => {
    await setPolicy({ autoCreateProfile: false });
    const b = t.browser();
    await b.signUp();
    const me = async () => (await (await b.get('/me')).json()).user;
    expect(await me()).toMatchObject({ displayName: '', currentProfileId: null, profileSetupRequired: true });
    const blocked = await b.get('/security/sessions');
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.code).toBe('profile_required');
    expect((await b.patch('/profile', { displayName: 'Sneaky' })).status).toBe(403);
    expect((await (await b.get('/profile')).json()).profile).toBeNull();
    expect((await b.get('/profile-types')).status).toBe(200);
    expect((await profilesOf(b)).profiles).toEqual([]);

    const created = await b.post('/profiles', { typeId: 'organization', displayName: 'Grace & Co' });
    expect(created.status).toBe(201);
    expect((await created.json()).profile.current).toBe(true);
    expect(await me()).toMatchObject({ displayName: 'Grace & Co', profileSetupRequired: false });
    expect((await b.get('/security/sessions')).status).toBe(200);
    await setPolicy({ autoCreateProfile: true });
  });

  it('an account without a profile under automatic creation gets one on first use', async () => {
    const b = t.browser();
    const account = await b.signUp();
    await t.db.execute(`delete from profiles where user_id = '${account.id}'` as never);
    await t.db.execute(`update users set current_profile_id = null where id = '${account.id}'` as never);
    expect((await (await b.get('/me')).json()).user.profileSetupRequired).toBe(false);
    expect((await profilesOf(b)).profiles).toHaveLength(1);
  });
});

describe('profile types (admin)', () => {
  it('adds, renames and deletes types; the default type and types in use stay', async () => {
    const created = await admin.post('/admin/profile-types', { name: 'Team' });
    expect(created.status).toBe(201);
    const team = (await created.json()).type;
    expect((await admin.post('/admin/profile-types', { name: 'team' })).status).toBe(409);
    expect((await (await admin.post('/admin/profile-types', { name: ' ' })).json()).error.fields.name).toBeTruthy();

    await setPolicy({ defaultProfileTypeId: team.id });
    const b = t.browser();
    await b.signUp();
    expect((await profilesOf(b)).profiles[0].type).toEqual({ id: team.id, name: 'Team' });
    expect((await admin.patch(`/admin/profile-types/${team.id}`, { name: 'Squad' })).status).toBe(200);
    expect((await profilesOf(b)).profiles[0].type.name).toBe('Squad');

    const asDefault = await admin.delete(`/admin/profile-types/${team.id}`);
    expect((await asDefault.json()).error.code).toBe('profile_type_default');
    await setPolicy({ defaultProfileTypeId: 'person' });
    const inUse = await admin.delete(`/admin/profile-types/${team.id}`);
    expect(inUse.status).toBe(409);
    expect((await inUse.json()).error.code).toBe('profile_type_in_use');
    const spare = (await (await admin.post('/admin/profile-types', { name: 'Spare' })).json()).type;
    expect((await admin.delete(`/admin/profile-types/${spare.id}`)).status).toBe(204);

    // Each change is in the audit log with its before and after; a refused one is not (the manual
    // clock gives them one time, so their order is not asserted).
    const audit = (await (await admin.get('/admin/audit?limit=50')).json()).items.filter((e: { action: string }) => e.action.startsWith('profile_type.'));
    expect(audit).toHaveLength(4);
    expect(audit.map((e: { action: string; before: unknown; after: unknown }) => [e.action, e.before, e.after])).toEqual(expect.arrayContaining([
      ['profile_type.delete', { name: 'Spare' }, null],
      ['profile_type.create', null, { name: 'Spare' }],
      ['profile_type.update', { name: 'Team' }, { name: 'Squad' }],
      ['profile_type.create', null, { name: 'Team' }],
    ]));

    const unknown = await admin.put('/admin/account-policy', { ...BASE_POLICY, defaultProfileTypeId: 'nope' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields.defaultProfileTypeId).toBeTruthy();
    expect((await b.post('/admin/profile-types', { name: 'Mine' })).status).toBe(403);
  });
});
