import { apiError, demoUser } from '../test/fake-api';
import { make, providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';
import '../elements/user-passkeys/user-passkeys'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Passkeys', component: 'user-passkeys' };

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const passkeys = [
  { id: 'p1', name: 'MacBook (Touch ID)', createdAt: ago(60 * 24 * 30), lastUsedAt: ago(60 * 5), synced: true },
  { id: 'p2', name: 'YubiKey 5C', createdAt: ago(60 * 24 * 3), lastUsedAt: null, synced: false },
];

const story = (routes: Record<string, unknown>, dark = false) =>
  providerWith({ 'GET /me': { user: { ...demoUser, preferences: { theme: dark ? 'dark' : 'light' } } }, 'DELETE /security/passkeys/:id': () => undefined, ...routes }, make('user-passkeys'));

export const List = { render: () => story({ 'GET /security/passkeys': { passkeys } }) };
export const ListDark = { render: () => story({ 'GET /security/passkeys': { passkeys } }, true) };
export const Empty = { render: () => story({ 'GET /security/passkeys': { passkeys: [] } }) };
export const LoadError = { render: () => story({ 'GET /security/passkeys': apiError(503, 'unavailable', 'The settings service is not available right now.') }) };
export const Adding = {
  render: () => story({ 'GET /security/passkeys': { passkeys } }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'user-passkeys', '.head button');
    root.querySelector<HTMLButtonElement>('.head button')!.click();
  },
};
