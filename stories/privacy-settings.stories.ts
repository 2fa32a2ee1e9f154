import { apiError } from '../test/fake-api';
import { never, whenRendered, withFakeApi } from './with-fake-api';

export default { title: 'Settings/Privacy settings', component: 'privacy-settings' };

const routes = (privacy: { analytics: boolean; accountDeletion: boolean }) => ({
  'GET /privacy': privacy,
  'PUT /privacy': (_r: Request, body: any) => ({ ...privacy, ...body }),
  'POST /account/export': (_r: Request, body: any) =>
    body?.password === 'wrong password'
      ? apiError(400, 'invalid_password', 'The password is not correct.', { password: 'The password is not correct.' })
      : { ticket: 'story', downloadPath: 'account/export?ticket=story', expiresAt: new Date(Date.now() + 300_000).toISOString() },
  'POST /account/delete': () => apiError(400, 'invalid_password', 'The password is not correct.', { password: 'The password is not correct.' }),
});
const open = (label: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) =>
  whenRendered(canvasElement, 'privacy-settings', '#pv-analytics', (root) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)?.click());

export const Default = { render: () => withFakeApi('privacy-settings', routes({ analytics: false, accountDeletion: true })) };
export const AnalyticsOn = { render: () => withFakeApi('privacy-settings', routes({ analytics: true, accountDeletion: true })) };
export const DeletionDisabledByHost = { render: () => withFakeApi('privacy-settings', routes({ analytics: false, accountDeletion: false })) };
export const ExportDialog = { render: () => withFakeApi('privacy-settings', routes({ analytics: false, accountDeletion: true })), play: open('Download my data') };
export const DeleteDialog = { render: () => withFakeApi('privacy-settings', routes({ analytics: false, accountDeletion: true })), play: open('Delete account…') };
export const DeleteDialogDark = {
  render: () => withFakeApi('privacy-settings', routes({ analytics: false, accountDeletion: true }), { preferences: { theme: 'dark' } }),
  play: open('Delete account…'),
};
export const Loading = { render: () => withFakeApi('privacy-settings', { 'GET /privacy': never }) };
export const LoadError = { render: () => withFakeApi('privacy-settings', { 'GET /privacy': () => apiError(401, 'unauthenticated', 'Sign in to continue.') }) };
