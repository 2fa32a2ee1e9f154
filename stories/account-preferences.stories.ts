import { apiError } from '../test/fake-api';
import { never, withFakeApi } from './with-fake-api';

export default { title: 'Settings/Account preferences', component: 'account-preferences' };

const routes = (prefs: Record<string, unknown>) => ({ 'GET /preferences': prefs, 'PUT /preferences': (_r: Request, body: unknown) => body });
const base = { theme: 'light', compact: false, dateFormat: 'medium', timeFormat: '24h' };

export const Light = { render: () => withFakeApi('account-preferences', routes(base), { preferences: base }) };
export const Dark = { render: () => withFakeApi('account-preferences', routes({ ...base, theme: 'dark' }), { preferences: { ...base, theme: 'dark' } }) };
export const Compact12h = {
  render: () => withFakeApi('account-preferences', routes({ ...base, compact: true, timeFormat: '12h', dateFormat: 'us' }), { preferences: { ...base, compact: true, timeFormat: '12h', dateFormat: 'us' } }),
};
export const Loading = { render: () => withFakeApi('account-preferences', { 'GET /preferences': never }) };
export const LoadError = { render: () => withFakeApi('account-preferences', { 'GET /preferences': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.') }) };
export const SaveFails = {
  render: () => withFakeApi('account-preferences', { 'GET /preferences': base, 'PUT /preferences': () => apiError(503, 'unavailable', 'The server could not save your change. Please try again.') }, { preferences: base }),
};
