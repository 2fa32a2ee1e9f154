import { apiError, fakeApi, json } from '../test/fake-api';
import { make, providerWith } from '../test/fake-provider';
import '../elements/index';

export default { title: 'Auth/Sign-in form', component: 'sign-in-form' };

// The client is handed to the provider imperatively (providerWith): bound as `.client=${…}` in a lit
// template, lit would take the Hono RPC proxy (it answers every property) for a directive.
const withApi = (routes: Parameters<typeof fakeApi>[0], mode: 'sign-in' | 'sign-up' = 'sign-in', delay = 0) =>
  providerWith({ 'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'), ...routes }, make('sign-in-form', {}, mode === 'sign-up' ? { mode } : {}), { delay });

export const SignIn = { render: () => withApi({ 'POST /auth/sign-in': () => apiError(401, 'invalid_credentials', 'The email or password is not correct.') }) };

export const SignUp = { render: () => withApi({}, 'sign-up') };

export const Pending = {
  render: () => withApi({ 'POST /auth/sign-in': () => new Promise(() => {}) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => submit(canvasElement, 'ada@example.com', 'anything at all'),
};

export const WrongPassword = {
  render: () => withApi({ 'POST /auth/sign-in': () => apiError(401, 'invalid_credentials', 'The email or password is not correct.') }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => submit(canvasElement, 'ada@example.com', 'wrong password'),
};

export const Locked = {
  render: () => withApi({ 'POST /auth/sign-in': () => json({ error: { code: 'account_locked', message: 'Too many failed attempts.' } }, 423, { 'retry-after': '300' }) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => submit(canvasElement, 'ada@example.com', 'wrong password'),
};

export const WeakPasswordOnSignUp = {
  render: () =>
    withApi(
      { 'POST /auth/sign-up': () => apiError(400, 'validation_failed', 'password: This password is too common.', { password: 'This password is too common. Choose one that is harder to guess.' }) },
      'sign-up',
    ),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => submit(canvasElement, 'ada@example.com', 'password1'),
};

async function submit(canvas: HTMLElement, email: string, password: string) {
  const form = canvas.querySelector('sign-in-form')!;
  await form.updateComplete;
  const root = form.shadowRoot!;
  root.querySelector<HTMLInputElement>('input[name=email]')!.value = email;
  root.querySelector<HTMLInputElement>('input[name=password]')!.value = password;
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}
