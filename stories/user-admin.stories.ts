import { apiError, demoUser } from '../test/fake-api';
import { providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';
import '../elements/user-admin/user-admin'; // registered at once (the index registers it on first use)

export default { title: 'Settings/User admin', component: 'user-admin' };

const person = (i: number, over: Record<string, unknown> = {}) => ({
  id: `u${i}`,
  email: `person${i}@example.com`,
  displayName: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra'][i % 5],
  role: 'user',
  status: 'active',
  twoFactorEnabled: i % 2 === 0,
  emailConfirmed: true,
  phoneConfirmed: false,
  createdAt: '2026-01-01T10:00:00Z',
  lastActiveAt: new Date(Date.now() - i * 3_600_000).toISOString(),
  online: i === 0,
  ...over,
});
const people = [person(0, { id: 'u1', role: 'admin' }), person(1, { id: 'u5', status: 'pending', lastActiveAt: null }), person(2), person(3, { status: 'disabled' }), person(4)];
const list = (users: unknown[], total = users.length, activeAdmins = 2) => ({ 'GET /admin/users': { users, total, activeAdmins, offset: 0, limit: 20 } });
const view = (routes: Record<string, unknown>, delay = 0) => providerWith({ 'GET /me': { user: demoUser }, ...routes } as never, document.createElement('user-admin'), { delay });

export const Accounts = { render: () => view({ ...list(people), 'PATCH /admin/users/:id': (req: Request, body: object) => ({ user: { ...people.find((p) => req.url.endsWith(p.id))!, ...body } }) }) };
/** The only active administrator: no Suspend or Remove admin on their row, and the reason instead. */
export const LastAdmin = { render: () => view(list(people, people.length, 1)) };
export const ManyPages = { render: () => view(list(people, 137)) };
export const Empty = { render: () => view(list([])) };
export const Loading = { render: () => view({ 'GET /admin/users': () => new Promise(() => {}) }) };
export const LoadError = { render: () => view({ 'GET /admin/users': () => apiError(503, 'unavailable', 'The settings service is not available right now.') }) };
export const ConfirmActivation = {
  render: () => view({ ...list(people), 'PATCH /admin/users/:id': () => new Promise(() => {}) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'user-admin', 'tbody');
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Activate')!.click();
  },
};
export const LastAdminRefused = {
  render: () => view({ ...list(people), 'PATCH /admin/users/:id': () => apiError(409, 'last_admin', 'This is the last active administrator. Make someone else an administrator first.') }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'user-admin', 'tbody');
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Remove admin')!.click();
    await new Promise((r) => setTimeout(r, 100));
    root.querySelector<HTMLButtonElement>('#change button[type=submit]')!.click();
  },
};
export const Dark = {
  render: () => {
    const el = view(list(people));
    el.child.setAttribute('theme', 'dark');
    el.style.cssText = 'display:block;background:#0f1115;padding:16px';
    return el;
  },
};
