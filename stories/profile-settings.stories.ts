import { html } from 'lit';
import { apiError, demoUser, fakeApi } from './fake-api';
import '../elements/index';

export default { title: 'Page/Profile settings', component: 'profile-settings' };

const page = (client: ReturnType<typeof fakeApi>) => {
  const el = document.createElement('profile-settings');
  el.setAttribute('no-hash', '');
  el.root.setClient(client);
  return el;
};

export const SignedIn = { render: () => page(fakeApi({ 'GET /me': { user: demoUser } })) };
export const SignedOut = { render: () => page(fakeApi({ 'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.') })) };
export const Loading = { render: () => page(fakeApi({ 'GET /me': () => new Promise(() => {}) })) };
export const ServerDown = { render: () => page(fakeApi({ 'GET /me': apiError(503, 'unavailable', 'The settings service is not available right now.') })) };
export const Dark = { render: () => page(fakeApi({ 'GET /me': { user: { ...demoUser, preferences: { theme: 'dark' } } } })) };
void html;
