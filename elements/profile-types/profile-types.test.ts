import { expect, fixture, html } from '@open-wc/testing';
import { apiError, demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import type { ProfileTypes } from './profile-types';
import './profile-types';

type Type = { id: string; name: string; isDefault: boolean };

/** A fake of the admin's profile-type routes over an in-memory list, with the server's refusals. */
function server(initial: Type[]) {
  let types = initial.map((t) => ({ ...t }));
  const calls: string[] = [];
  const routes = {
    'GET /me': { user: { ...demoUser, role: 'admin' } },
    'GET /admin/profile-types': () => ({ types }),
    'POST /admin/profile-types': (_r: Request, body: { name: string }) => {
      calls.push(`add ${body.name}`);
      if (types.some((t) => t.name.toLowerCase() === body.name.toLowerCase())) return apiError(409, 'profile_type_taken', 'A profile type with this name already exists.', { name: 'A profile type with this name already exists.' });
      const type = { id: body.name.toLowerCase(), name: body.name, isDefault: false };
      types = [...types, type];
      return new Response(JSON.stringify({ type }), { status: 201, headers: { 'content-type': 'application/json' } });
    },
    'PATCH /admin/profile-types/:id': (r: Request, body: { name: string }) => {
      const id = new URL(r.url).pathname.split('/').pop()!;
      calls.push(`rename ${id} ${body.name}`);
      types = types.map((t) => (t.id === id ? { ...t, name: body.name } : t));
      return { type: types.find((t) => t.id === id) };
    },
    'DELETE /admin/profile-types/:id': (r: Request) => {
      const id = new URL(r.url).pathname.split('/').pop()!;
      calls.push(`delete ${id}`);
      if (types.find((t) => t.id === id)?.isDefault) return apiError(409, 'profile_type_default', 'This is the default profile type. Choose another default in the account policy first.');
      types = types.filter((t) => t.id !== id);
      return undefined;
    },
  };
  return { routes, calls };
}

async function mount(initial: Type[]) {
  const s = server(initial);
  const provider = providerWith(s.routes as never, document.createElement('profile-types'));
  await fixture(html`${provider}`);
  const el = provider.child as ProfileTypes;
  const root = el.shadowRoot!;
  await until(() => root.querySelectorAll('li[part=type]').length === initial.length && initial.length > 0);
  return { el, root, calls: s.calls };
}

const names = (root: ShadowRoot) => [...root.querySelectorAll('li[part=type] .name')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

describe('<profile-types>', () => {
  it('lists the types with the default marked, and adds one (a taken name is refused beside the field)', async () => {
    const { el, root, calls } = await mount([
      { id: 'person', name: 'Person', isDefault: true },
      { id: 'organization', name: 'Organization', isDefault: false },
    ]);
    expect(names(root)).to.deep.equal(['Person Default', 'Organization']);
    let changed: unknown = null;
    el.addEventListener('sk-profile-types-changed', (e) => (changed = e.detail.types));

    const input = root.querySelector<HTMLInputElement>('#pt-new')!;
    input.value = 'person';
    root.querySelector<HTMLFormElement>('form.add')!.requestSubmit();
    await until(() => root.querySelector('#pt-new-error'));
    expect(root.querySelector('#pt-new-error')!.textContent).to.contain('already exists');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('pt-new-error');

    input.value = 'Team';
    root.querySelector<HTMLFormElement>('form.add')!.requestSubmit();
    await until(() => names(root).includes('Team'));
    expect(calls).to.deep.equal(['add person', 'add Team']);
    expect(root.querySelector('[part=notice]')!.textContent).to.contain('"Team" added');
    await until(() => changed);
    expect((changed as Type[]).map((t) => t.name)).to.deep.equal(['Person', 'Organization', 'Team']);
    expect(input.value).to.equal('');
  });

  it('renames in place; Escape cancels and gives focus back to the Rename button', async () => {
    const { root, calls } = await mount([{ id: 'organization', name: 'Organization', isDefault: false }]);
    root.querySelector<HTMLButtonElement>('button[data-rename=organization]')!.click();
    await until(() => root.querySelector('#pt-rename'));
    root.querySelector('#pt-rename')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !root.querySelector('#pt-rename'));
    await until(() => root.activeElement === root.querySelector('button[data-rename=organization]'));

    root.querySelector<HTMLButtonElement>('button[data-rename=organization]')!.click();
    await until(() => root.querySelector('#pt-rename'));
    root.querySelector<HTMLInputElement>('#pt-rename')!.value = 'Company';
    root.querySelector<HTMLFormElement>('form.rename')!.requestSubmit();
    await until(() => names(root).includes('Company'));
    expect(calls).to.deep.equal(['rename organization Company']);
  });

  it('deletes after confirming, and shows the server’s reason when it refuses (the default type)', async () => {
    const { root, calls } = await mount([
      { id: 'person', name: 'Person', isDefault: true },
      { id: 'organization', name: 'Organization', isDefault: false },
    ]);
    root.querySelector<HTMLButtonElement>('button[aria-label="Delete Person"]')!.click();
    const dialog = () => root.querySelector('sk-dialog')!.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog().open);
    root.querySelector<HTMLButtonElement>('sk-dialog button.danger')!.click();
    await until(() => root.querySelector('sk-dialog [role=alert]'));
    expect(root.querySelector('sk-dialog [role=alert]')!.textContent).to.contain('default profile type');
    expect(dialog().open).to.equal(true);
    expect(names(root)).to.have.length(2);

    root.querySelector<HTMLButtonElement>('sk-dialog button:not(.danger)')!.click();
    await until(() => !dialog().open);
    root.querySelector<HTMLButtonElement>('button[aria-label="Delete Organization"]')!.click();
    await until(() => dialog().open);
    expect(root.querySelector('sk-dialog [role=alert]')).to.equal(null);
    root.querySelector<HTMLButtonElement>('sk-dialog button.danger')!.click();
    await until(() => names(root).length === 1);
    expect(dialog().open).to.equal(false);
    expect(calls).to.deep.equal(['delete person', 'delete organization']);
    expect(root.querySelector('[part=notice]')!.textContent).to.contain('"Organization" deleted');
  });
});
