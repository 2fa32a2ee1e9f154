import { expect, fixture, html } from '@open-wc/testing';
import { apiError, demoUser, type fakeApi } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import type { AdminUser, UserAdmin } from './user-admin';
import './user-admin';

const person = (i: number, over: Partial<AdminUser> = {}): AdminUser => ({
  id: `u${i}`,
  email: `person${i}@example.com`,
  displayName: `Person ${i}`,
  role: 'user',
  status: 'active',
  twoFactorEnabled: false,
  emailConfirmed: true,
  phoneConfirmed: false,
  createdAt: '2026-01-01T10:00:00Z',
  lastActiveAt: null,
  online: false,
  ...over,
});

// Role and status changes on the shared test server would disturb the other element tests, and an
// admin cannot be guaranteed there: a fake API that keeps its own list stands in.
function fakeServer(people: AdminUser[], patch?: (id: string, body: any) => Response | undefined) {
  const queries: URLSearchParams[] = [];
  const routes: Parameters<typeof fakeApi>[0] = {
    'GET /me': { user: { ...demoUser, id: 'u0' } },
    'GET /admin/users': (req) => {
      const q = new URL(req.url).searchParams;
      queries.push(q);
      const search = (q.get('search') ?? '').toLowerCase();
      const list = people.filter((p) => (!search || p.email.includes(search) || p.displayName.toLowerCase().includes(search)) && (!q.get('status') || p.status === q.get('status')));
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit') ?? 20);
      const activeAdmins = people.filter((p) => p.role === 'admin' && p.status === 'active').length;
      return { users: list.slice(offset, offset + limit), total: list.length, activeAdmins, offset, limit };
    },
    'PATCH /admin/users/:id': (req, body: any) => {
      const id = new URL(req.url).pathname.split('/').pop()!;
      const refused = patch?.(id, body);
      if (refused) return refused;
      const i = people.findIndex((p) => p.id === id);
      people[i] = { ...people[i]!, ...body };
      return { user: people[i] };
    },
  };
  return { routes, queries };
}

async function mount(routes: Parameters<typeof fakeApi>[0], pageSize = 20) {
  const el = document.createElement('user-admin');
  el.pageSize = pageSize;
  const provider = providerWith(routes, el);
  await fixture(html`${provider}`);
  const root = () => el.shadowRoot!;
  await until(() => root().querySelector('table') || root().querySelector('[role=alert]') || root().textContent!.includes('No account'));
  return { el: el as UserAdmin, root };
}

const button = (root: ShadowRoot, label: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === label)!;

describe('<user-admin>', () => {
  it('lists accounts, searches, and pages', async () => {
    const people = [person(0, { role: 'admin', online: true }), ...Array.from({ length: 4 }, (_, i) => person(i + 1))];
    const { routes, queries } = fakeServer(people);
    const { el, root } = await mount(routes, 2);
    expect(root().querySelectorAll('tbody tr')).to.have.length(2);
    expect(root().querySelector('.pager')!.textContent).to.contain('1–2 of 5');
    expect(root().textContent).to.contain('(you)');
    button(root(), 'Next').click();
    await until(() => root().querySelector('.pager')!.textContent!.includes('3–4 of 5'));
    expect(queries.at(-1)!.get('offset')).to.equal('2');

    const search = root().querySelector<HTMLInputElement>('#search')!;
    search.value = 'person 3';
    search.dispatchEvent(new Event('input'));
    root().querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit();
    await until(() => root().querySelectorAll('tbody tr').length === 1);
    expect(queries.at(-1)!.get('search')).to.equal('person 3');
    expect(queries.at(-1)!.get('offset')).to.equal('0');
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).to.contain('person3@example.com');

    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    root().querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit();
    await until(() => root().textContent!.includes('No account matches'));
  });

  it('activates a pending account after asking, and filters by status', async () => {
    const people = [person(0, { role: 'admin' }), person(1, { status: 'pending' })];
    const { routes, queries } = fakeServer(people);
    const { el, root } = await mount(routes);
    const filter = root().querySelector<HTMLSelectElement>('#status-filter')!;
    filter.value = 'pending';
    filter.dispatchEvent(new Event('change'));
    await until(() => queries.at(-1)!.get('status') === 'pending' && root().querySelectorAll('tbody tr').length === 1);

    const updated = new Promise<CustomEvent>((resolve) => el.addEventListener('sk-user-updated', (e) => resolve(e as CustomEvent), { once: true }));
    button(root(), 'Activate: Person 1').click();
    await until(() => root().querySelector<HTMLDialogElement>('#change')?.open);
    expect(root().querySelector('#change-title')!.textContent).to.contain('Activate Person 1?');
    root().querySelector<HTMLButtonElement>('#change button[type=submit]')!.click();
    expect((await updated).detail.user.status).to.equal('active');
    await until(() => !root().querySelector<HTMLDialogElement>('#change')!.open);
    expect(root().querySelector('tbody')!.textContent).to.contain('Active');
  });

  it('offers the last active admin no suspend or demotion, and says why; a second admin brings them back', async () => {
    const people = [person(0, { role: 'admin' }), person(1)];
    const { routes } = fakeServer(people);
    const { root } = await mount(routes);
    const row = () => root().querySelectorAll('tbody tr')[0]!;
    expect(row().querySelector('.last-admin')!.textContent).to.contain('Last administrator');
    expect(button(root(), 'Remove admin: Person 0')).to.equal(undefined);
    expect(button(root(), 'Suspend: Person 0')).to.equal(undefined);

    button(root(), 'Make admin: Person 1').click();
    await until(() => root().querySelector<HTMLDialogElement>('#change')?.open);
    root().querySelector<HTMLButtonElement>('#change button[type=submit]')!.click();
    await until(() => button(root(), 'Remove admin: Person 0'));
    expect(button(root(), 'Suspend: Person 0')).to.not.equal(undefined);
    expect(root().querySelector('.last-admin')).to.equal(null);
  });

  it('shows why the server refused to remove an admin (the other one went meanwhile), inside the dialog', async () => {
    const people = [person(0, { role: 'admin' }), person(1, { role: 'admin' })];
    const { routes } = fakeServer(people, () => apiError(409, 'last_admin', 'This is the last active administrator. Make someone else an administrator first.'));
    const { root } = await mount(routes);
    button(root(), 'Remove admin: Person 0').click();
    await until(() => root().querySelector<HTMLDialogElement>('#change')?.open);
    expect(root().querySelector('#change')!.textContent).to.contain('your own account');
    root().querySelector<HTMLButtonElement>('#change button[type=submit]')!.click();
    await until(() => root().querySelector('#change [role=alert]'));
    expect(root().querySelector('#change [role=alert]')!.textContent).to.contain('last active administrator');
    expect(people[0]!.role).to.equal('admin');
    root().querySelector<HTMLButtonElement>('#change button[type=button]')!.click();
    await until(() => !root().querySelector<HTMLDialogElement>('#change')!.open);
  });

  it('shows a load error with a retry', async () => {
    const { routes } = fakeServer([person(0)]);
    let first = true;
    const { root } = await mount({ ...routes, 'GET /admin/users': (req, body) => (first ? ((first = false), apiError(403, 'admin_only', 'Only an administrator can do this.')) : (routes['GET /admin/users'] as any)(req, body)) });
    expect(root().querySelector('[role=alert]')!.textContent).to.contain('Only an administrator');
    button(root(), 'Try again').click();
    await until(() => root().querySelector('table'));
  });

  it('is accessible, light and dark, with the dialog open', async () => {
    const { routes } = fakeServer([person(0, { role: 'admin', online: true }), person(1, { status: 'pending' }), person(2, { status: 'disabled', displayName: '' })]);
    const { el, root } = await mount(routes);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    button(root(), 'Make admin: Person 1').click();
    await until(() => root().querySelector<HTMLDialogElement>('#change')?.open);
    await expect(el).to.be.accessible();
  });
});
