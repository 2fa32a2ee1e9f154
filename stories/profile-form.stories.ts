import { createApiClient } from '../elements/api/client';
import { apiError, demoUser, json } from '../test/fake-api';
import { make, onDark, providerWith } from '../test/fake-provider';
import '../elements/index';
import type { ProfileForm } from '../elements/profile-form/profile-form';

export default { title: 'Settings/Profile form', component: 'profile-form' };

// A 1×1 PNG, so the stories show a real picture without a server.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const AVATAR = `data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 88 88"><rect width="88" height="88" fill="#7a9cff"/><circle cx="44" cy="34" r="16" fill="#e8eeff"/><rect x="18" y="56" width="52" height="40" rx="26" fill="#e8eeff"/></svg>')}`;

const profile = {
  email: 'ada@example.com',
  pendingEmail: null as string | null,
  displayName: 'Ada Lovelace',
  phone: '+442079460958',
  timezone: 'Europe/London',
  language: 'en-GB',
  company: 'Analytical Engines Ltd',
  bio: 'Wrote the first program for a machine that did not exist yet.',
  avatarUrl: AVATAR,
  createdAt: '2024-03-02T09:30:00Z',
};

const story = (routes: Parameters<typeof providerWith>[0], options?: { delay?: number }) =>
  providerWith({ 'GET /me': { user: demoUser }, 'GET /profile': profile, 'PATCH /profile': (_r: Request, body: unknown) => ({ ...profile, ...(body as object) }), ...routes }, make('profile-form'), options);

const form = async (canvas: HTMLElement) => {
  const el = canvas.querySelector('profile-form') as ProfileForm;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('form'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
};
/** The photo part of the form, where choosing and uploading happen. */
const picker = async (el: ProfileForm) => {
  const p = el.shadowRoot!.querySelector('sk-avatar-picker')!;
  await p.updateComplete;
  return p;
};
const type = (el: ProfileForm, id: string, value: string) => {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

export const Filled = { render: () => story({}) };

export const NewAccount = {
  render: () => story({ 'GET /profile': { ...profile, phone: null, timezone: null, language: null, company: null, bio: null, avatarUrl: null } }),
};

export const Loading = { render: () => story({ 'GET /profile': () => new Promise(() => {}) }) };

export const LoadError = { render: () => story({ 'GET /profile': apiError(503, 'unavailable', 'The settings service is not available right now.') }) };

export const UnsavedChanges = {
  render: () => story({}),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => type(await form(canvasElement), 'company', 'Babbage & Co'),
};

export const Saving = {
  render: () => story({ 'PATCH /profile': () => new Promise(() => {}) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    type(el, 'company', 'Babbage & Co');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  },
};

export const Saved = {
  render: () => story({}),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    type(el, 'company', 'Babbage & Co');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  },
};

export const FieldErrorsFromServer = {
  render: () =>
    story({
      'PATCH /profile': apiError(400, 'validation_failed', 'phone: Enter the number in international format.', {
        phone: 'Enter the number in international format with its country code, e.g. +14155552671.',
        timezone: 'Choose a timezone from the list, e.g. Europe/Berlin.',
      }),
    }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    type(el, 'phone', '0207 946 0958');
    type(el, 'timezone', 'London');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  },
};

/** PUT /profile/avatar never answers, so the upload stays in progress (the fake API reads JSON only, hence a small fetch of its own). */
export const UploadInProgress = {
  render: () => {
    const fetchFake = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname.replace(/^\/api/, '');
      if (request.method === 'PUT' && path === '/profile/avatar') return new Promise<Response>(() => {});
      if (path === '/me') return json({ user: demoUser });
      if (path === '/profile') return json(profile);
      return apiError(404, 'not_found', 'No fake for this.');
    };
    const provider = document.createElement('settings-provider');
    provider.client = createApiClient('/api', { fetch: fetchFake as typeof fetch });
    provider.append(make('profile-form'));
    return provider;
  },
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    await (await picker(el)).choosePhoto(new File([Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))], 'me.png', { type: 'image/png' }));
    void (await picker(el)).upload();
  },
};

export const PhotoTooLarge = {
  render: () => story({}),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    await (await picker(el)).choosePhoto(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
  },
};

export const NotAnImage = {
  render: () => story({}),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    await (await picker(el)).choosePhoto(new File(['<svg xmlns="http://www.w3.org/2000/svg"></svg>'], 'logo.png', { type: 'image/png' }));
  },
};

export const Dark = {
  render: () => onDark(providerWith({ 'GET /me': { user: { ...demoUser, preferences: { theme: 'dark' } } }, 'GET /profile': profile }, make('profile-form'))),
};

/** A photo chosen and checked, waiting: Save uploads it together with the fields. */
export const PhotoChosen = {
  render: () => story({}),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await form(canvasElement);
    await (await picker(el)).choosePhoto(new File([Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0))], 'me.png', { type: 'image/png' }));
  },
};

/** "Remove photo" acted at once; the notice offers Undo, which uploads the same picture again. */
export const PhotoRemovedWithUndo = {
  render: () => story({ 'DELETE /profile/avatar': () => new Response(null, { status: 204 }) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const p = await picker(await form(canvasElement));
    [...p.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Remove photo')!.click();
  },
};
