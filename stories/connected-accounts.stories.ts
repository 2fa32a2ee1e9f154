import { apiError } from '../test/fake-api';
import { never, whenRendered, withFakeApi } from './with-fake-api';

export default { title: 'Settings/Connected accounts', component: 'connected-accounts' };

const row = (provider: string, name: string, extra: Record<string, unknown> = {}) => ({
  provider,
  name,
  available: true,
  sandbox: false,
  connected: false,
  email: null,
  displayName: null,
  connectedAt: null,
  lastSignInAt: null,
  ...extra,
});
const linkedGoogle = { connected: true, email: 'ada@gmail.com', connectedAt: '2026-01-10T09:00:00Z' };
const routes = (accounts: unknown[]) => ({
  'GET /connected-accounts': { accounts, passwordSignIn: true },
  'POST /connected-accounts/:provider/connect': { authorizeUrl: 'about:blank' },
  'DELETE /connected-accounts/:provider': () => undefined,
});

export const NoneConnected = { render: () => withFakeApi('connected-accounts', routes([row('google', 'Google'), row('microsoft', 'Microsoft'), row('github', 'GitHub')])) };
export const GoogleConnected = { render: () => withFakeApi('connected-accounts', routes([row('google', 'Google', linkedGoogle), row('microsoft', 'Microsoft'), row('github', 'GitHub')])) };
export const Sandbox = {
  render: () => withFakeApi('connected-accounts', routes(['google', 'microsoft', 'github'].map((p, i) => row(p, ['Google', 'Microsoft', 'GitHub'][i]!, { sandbox: true })))),
};
export const NotConfigured = {
  render: () => withFakeApi('connected-accounts', routes([row('google', 'Google', { available: false }), row('microsoft', 'Microsoft', { available: false }), row('github', 'GitHub', { available: false })])),
};
export const Dark = {
  render: () => withFakeApi('connected-accounts', routes([row('google', 'Google', linkedGoogle), row('microsoft', 'Microsoft'), row('github', 'GitHub')]), { preferences: { theme: 'dark' } }),
};
export const DisconnectDialog = {
  render: () => withFakeApi('connected-accounts', routes([row('google', 'Google', linkedGoogle), row('microsoft', 'Microsoft'), row('github', 'GitHub')])),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) =>
    whenRendered(canvasElement, 'connected-accounts', 'li', (root) => root.querySelector<HTMLButtonElement>('li[data-provider=google] button')?.click()),
};
export const Loading = { render: () => withFakeApi('connected-accounts', { 'GET /connected-accounts': never }) };
export const LoadError = { render: () => withFakeApi('connected-accounts', { 'GET /connected-accounts': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.') }) };
