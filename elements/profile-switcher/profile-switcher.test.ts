import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { apiError, demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import { expectTryAgainLoads } from '../../test/load-retry';
import type { FirstProfile } from '../first-profile/first-profile';
import '../first-profile/first-profile';
import type { ProfileSwitcher } from './profile-switcher';
import './profile-switcher';

const types = { types: [{ id: 'person', name: 'Person', isDefault: true }, { id: 'organization', name: 'Organization', isDefault: false }] };
const entry = (id: string, displayName: string, current: boolean, type = { id: 'person', name: 'Person' }) => ({ id, type, displayName, company: null, bio: null, current, createdAt: '2026-01-01T00:00:00Z' });

function server(limit = 0) {
  const state = { profiles: [entry('p1', 'Ada', true)], sent: [] as unknown[] };
  const list = () => ({ profiles: state.profiles, currentProfileId: state.profiles.find((p) => p.current)?.id ?? null, limit });
  return {
    state,
    routes: {
      'GET /me': { user: demoUser },
      'GET /profile-types': types,
      'GET /profiles': () => list(),
      'POST /profiles': (_req: Request, body: any) => {
        state.sent.push(body);
        if (limit && state.profiles.length >= limit) return apiError(409, 'profile_limit', 'At most.');
        const p = entry(`p${state.profiles.length + 1}`, body.displayName, false, types.types.find((t) => t.id === body.typeId)!);
        state.profiles = [...state.profiles, p];
        return new Response(JSON.stringify({ profile: p }), { status: 201, headers: { 'content-type': 'application/json' } });
      },
      'POST /profiles/:id/switch': (req: Request) => {
        const id = new URL(req.url).pathname.split('/').at(-2)!;
        state.profiles = state.profiles.map((p) => ({ ...p, current: p.id === id }));
        return { profile: state.profiles.find((p) => p.id === id) };
      },
      'DELETE /profiles/:id': (req: Request) => {
        const id = new URL(req.url).pathname.split('/').at(-1)!;
        state.profiles = state.profiles.filter((p) => p.id !== id);
        return undefined;
      },
    },
  };
}

const buttons = (el: HTMLElement, name: RegExp) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].filter((b) => name.test(b.textContent!.trim()));

describe('<profile-switcher>', () => {
  it('creates a profile of a chosen type, switches to it and deletes the other', async () => {
    const s = server();
    const provider = providerWith(s.routes, document.createElement('profile-switcher'));
    await fixture(html`${provider}`);
    const el = provider.child as ProfileSwitcher;
    await until(() => el.shadowRoot!.querySelector('[part=profile]'));
    expect(buttons(el, /^Delete$/)).to.have.length(0); // the only profile stays
    buttons(el, /New profile/)[0]!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLSelectElement>('select[name=typeId]')!.value = 'organization';
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=displayName]')!.value = 'Engines Ltd';
    buttons(el, /Create profile/)[0]!.click();
    await until(() => el.shadowRoot!.querySelectorAll('[part=profile]').length === 2);
    expect(s.state.sent).to.deep.equal([{ typeId: 'organization', displayName: 'Engines Ltd' }]);
    expect(el.shadowRoot!.textContent).to.contain('Organization');

    const switched = oneEvent(el, 'sk-profile-switched');
    buttons(el, /Switch to/)[0]!.click();
    expect((await switched).detail.profile.displayName).to.equal('Engines Ltd');
    await until(() => buttons(el, /Switch to/).length === 1);
    buttons(el, /^Delete$/)[0]!.click();
    await until(() => el.shadowRoot!.textContent!.includes('Delete this profile?'));
    const confirm = [...el.shadowRoot!.querySelectorAll('li')].find((li) => li.textContent!.includes('Delete this profile?'))!;
    confirm.querySelector<HTMLButtonElement>('button.danger')!.click();
    await until(() => el.shadowRoot!.querySelectorAll('[part=profile]').length === 1).catch((e) => { throw new Error(el.shadowRoot!.textContent!.replace(/\s+/g, ' ') + String(e)); });
    expect(s.state.profiles.map((p) => p.displayName)).to.deep.equal(['Engines Ltd']);
    await expect(el).to.be.accessible();
  });

  it('shows a load error with "Try again", which loads the profiles', async () => {
    const s = server();
    await expectTryAgainLoads('profile-switcher', 'GET /profiles', { profiles: s.state.profiles, currentProfileId: 'p1', limit: 0 }, (root) => root.querySelector('[part=profile]'), s.routes);
  });

  it('says the limit in words when the server refuses a new profile', async () => {
    const s = server(1);
    s.state.profiles = [entry('p1', 'Ada', true)];
    const provider = providerWith({ ...s.routes, 'GET /profiles': { profiles: s.state.profiles, currentProfileId: 'p1', limit: 0 } }, document.createElement('profile-switcher'));
    await fixture(html`${provider}`);
    const el = provider.child as ProfileSwitcher;
    await until(() => el.shadowRoot!.querySelector('[part=profile]'));
    buttons(el, /New profile/)[0]!.click();
    await el.updateComplete;
    buttons(el, /Create profile/)[0]!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#ps-name-error')!.textContent).to.contain('display name');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=displayName]')!.value = 'Second';
    buttons(el, /Create profile/)[0]!.click();
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('as many profiles as your administrator allows');
    expect(s.state.profiles).to.have.length(1);
  });

  it('shows the limit, and cannot start a new profile at it', async () => {
    const provider = providerWith(server(1).routes, document.createElement('profile-switcher'));
    await fixture(html`${provider}`);
    const el = provider.child as ProfileSwitcher;
    await until(() => el.shadowRoot!.querySelector('[part=profile]'));
    expect(el.shadowRoot!.textContent).to.contain('1 of 1 profiles used');
    expect(buttons(el, /New profile/)[0]!.disabled).to.be.true;
  });
});

describe('<first-profile>', () => {
  it('shows a load error with "Try again", which loads the types', async () => {
    await expectTryAgainLoads('first-profile', 'GET /profile-types', types, (root) => root.querySelector('#fp-type option'), server().routes);
  });

  it('creates the first profile with the default type preselected, naming a missing name', async () => {
    const s = server();
    s.state.profiles = [];
    const provider = providerWith(s.routes, document.createElement('first-profile'));
    await fixture(html`${provider}`);
    const el = provider.child as FirstProfile;
    await until(() => el.shadowRoot!.querySelector('form'));
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#fp-type')!.value).to.equal('person');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#fp-name-error')!.textContent).to.contain('display name');
    el.shadowRoot!.querySelector<HTMLInputElement>('#fp-name')!.value = 'Grace';
    const created = oneEvent(el, 'sk-first-profile-created');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.click();
    expect((await created).detail.profile.displayName).to.equal('Grace');
    expect(s.state.sent).to.deep.equal([{ typeId: 'person', displayName: 'Grace' }]);
    await expect(el).to.be.accessible();
  });
});
