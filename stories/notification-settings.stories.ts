import { apiError } from '../test/fake-api';
import { never, withFakeApi } from './with-fake-api';

export default { title: 'Settings/Notification settings', component: 'notification-settings' };

const defaults = { callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: false };
const routes = (settings = defaults) => ({ 'GET /notifications': settings, 'PUT /notifications': (_r: Request, body: unknown) => body });

export const Defaults = { render: () => withFakeApi('notification-settings', routes()) };
export const SomeOff = { render: () => withFakeApi('notification-settings', routes({ ...defaults, callAlerts: false, productUpdates: false, marketing: true })) };
export const Dark = { render: () => withFakeApi('notification-settings', routes(), { preferences: { theme: 'dark' } }) };
export const Compact = { render: () => withFakeApi('notification-settings', routes(), { preferences: { compact: true } }) };
export const Loading = { render: () => withFakeApi('notification-settings', { 'GET /notifications': never }) };
export const LoadError = { render: () => withFakeApi('notification-settings', { 'GET /notifications': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.') }) };
export const SaveFails = {
  render: () => withFakeApi('notification-settings', { 'GET /notifications': defaults, 'PUT /notifications': () => apiError(503, 'unavailable', 'The server could not save your change. Please try again.') }),
};
