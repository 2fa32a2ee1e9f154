import { apiError, demoUser } from '../test/fake-api';
import { providerWith } from '../test/fake-provider';
import '../elements/index';
import '../elements/admin-audit/admin-audit'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Audit log', component: 'admin-audit' };

const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const items = [
  { id: 'a3', at: at(2), actor: { id: 'u1', email: 'ada@example.com' }, action: 'user.update', targetType: 'user', targetId: 'u2', before: { email: 'grace@example.com', status: 'pending' }, after: { email: 'grace@example.com', status: 'active' } },
  { id: 'a2', at: at(30), actor: { id: 'u1', email: 'ada@example.com' }, action: 'account_policy.update', targetType: 'account_policy', targetId: '1', before: { confirmation: 'none', autoActivate: true }, after: { confirmation: 'phone', autoActivate: false } },
  { id: 'a1', at: at(600), actor: { id: 'u1', email: 'ada@example.com' }, action: 'twilio.update', targetType: 'twilio', targetId: null, before: null, after: { accountSid: 'AC123', authToken: '[redacted]' } },
];
const view = (routes: Record<string, unknown>) => providerWith({ 'GET /me': { user: demoUser }, ...routes } as never, document.createElement('admin-audit'));

export const Entries = { render: () => view({ 'GET /admin/audit': { items, nextCursor: 'older' } }) };
export const Empty = { render: () => view({ 'GET /admin/audit': { items: [], nextCursor: null } }) };
export const Loading = { render: () => view({ 'GET /admin/audit': () => new Promise(() => {}) }) };
export const LoadError = { render: () => view({ 'GET /admin/audit': () => apiError(503, 'unavailable', 'The settings service is not available right now.') }) };
export const Dark = {
  render: () => {
    const el = view({ 'GET /admin/audit': { items, nextCursor: null } });
    el.child.setAttribute('theme', 'dark');
    el.style.cssText = 'display:block;background:#0f1115;padding:16px';
    return el;
  },
};
