import { apiError, demoUser } from '../test/fake-api';
import { make, onDark, providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';
import '../elements/trusted-devices/trusted-devices'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Trusted devices', component: 'trusted-devices' };

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const devices = [
  { id: 'd1', device: 'Desktop', browser: 'Chrome 131', os: 'macOS 14.6', ip: '81.2.69.160', country: 'GB', createdAt: ago(60 * 24 * 3), lastUsedAt: ago(5), expiresAt: inDays(27) },
  { id: 'd2', device: 'Mobile', browser: 'Mobile Safari 18', os: 'iOS 18.1', ip: '81.2.69.142', country: 'GB', createdAt: ago(60 * 24 * 20), lastUsedAt: ago(60 * 30), expiresAt: inDays(10) },
];

const story = (routes: Record<string, unknown>, dark = false) =>
  providerWith(
    {
      'GET /me': { user: { ...demoUser, twoFactorEnabled: true, preferences: { theme: dark ? 'dark' : 'light' } } },
      'DELETE /security/trusted-devices/:id': () => undefined,
      'DELETE /security/trusted-devices': () => undefined,
      ...routes,
    },
    make('trusted-devices'),
  );

export const List = { render: () => story({ 'GET /security/trusted-devices': { devices } }) };
export const Empty = { render: () => story({ 'GET /security/trusted-devices': { devices: [] } }) };
export const Loading = { render: () => story({ 'GET /security/trusted-devices': () => new Promise(() => {}) }) };
export const LoadError = { render: () => story({ 'GET /security/trusted-devices': apiError(503, 'unavailable', 'The settings service is not available right now.') }) };
export const ConfirmRevoke = {
  render: () => story({ 'GET /security/trusted-devices': { devices } }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'trusted-devices', '[part=device] button');
    root.querySelector<HTMLButtonElement>('[part=device] button')!.click();
  },
};
export const ConfirmRevokeAll = {
  render: () => story({ 'GET /security/trusted-devices': { devices } }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'trusted-devices', '.head button');
    root.querySelector<HTMLButtonElement>('.head button')!.click();
  },
};
export const RevokeFails = {
  render: () => story({ 'GET /security/trusted-devices': { devices }, 'DELETE /security/trusted-devices/:id': apiError(503, 'unavailable', 'The settings service is not available right now.') }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'trusted-devices', '[part=device] button');
    root.querySelector<HTMLButtonElement>('[part=device] button')!.click();
    await new Promise((r) => setTimeout(r, 60));
    root.querySelector<HTMLButtonElement>('#revoke-dialog button[type=submit]')!.click();
  },
};
export const Dark = { render: () => onDark(story({ 'GET /security/trusted-devices': { devices } }, true)) };
