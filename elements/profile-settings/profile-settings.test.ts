import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createApiClient } from '../api/client';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import type { ProfileSettings } from './profile-settings';
import './profile-settings';
import '../two-factor-setup/two-factor-setup';

const tabs = (el: ProfileSettings) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')];
const selected = (el: ProfileSettings) => tabs(el).find((t) => t.getAttribute('aria-selected') === 'true')!;

describe('<profile-settings>', () => {
  afterEach(signOut);

  it('shows the sign-in form when signed out', async () => {
    await signOut();
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => el.shadowRoot!.querySelector('sign-in-form'));
    // The provider buttons go under the password form.
    expect(el.shadowRoot!.querySelector('sign-in-form > oauth-sign-in[slot=providers]')).to.exist;
  });

  it('goes back to the sign-in form saying so when the session ends elsewhere, and tells the host', async () => {
    await signUpFresh('Revoked Elsewhere');
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => tabs(el).length > 0);
    const told = oneEvent(el, 'sk-unauthenticated');
    await signOut(); // the same session, ended behind the page's back (as a revoke on another device does)
    tabs(el).find((t) => t.textContent!.trim() === 'Security')!.click(); // the next call answers 401
    expect((await told).detail).to.deep.equal({ reason: 'session_ended' });
    await until(() => el.shadowRoot!.querySelector('sign-in-form'));
    expect(el.shadowRoot!.querySelector('[part=notice]')!.textContent).to.contain('You were signed out');
    expect(tabs(el)).to.have.length(0);
  });

  it('says in words when a sign-in succeeded but the browser did not keep the cookie', async () => {
    await signOut();
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => el.shadowRoot!.querySelector('sign-in-form'));
    // A cross-site page with SameSite=Lax cookies: sign-in answers 200, then /me is anonymous.
    const told = oneEvent(el, 'sk-unauthenticated');
    const user = { id: 'u1', email: 'cross@example.com', displayName: 'Cross Site', role: 'user', twoFactorEnabled: false };
    el.shadowRoot!.querySelector('sign-in-form')!.dispatchEvent(new CustomEvent('sk-signed-in', { detail: { user }, bubbles: true, composed: true }));
    expect((await told).detail).to.deep.equal({ reason: 'cookie_refused' });
    await until(() => el.shadowRoot!.querySelector('[part=notice]'));
    const notice = el.shadowRoot!.querySelector('[part=notice]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('did not keep the session cookie');
    expect(notice.textContent).to.contain('COOKIE_SAMESITE=none');
    expect(el.shadowRoot!.querySelector('sign-in-form')).to.exist;
  });

  it('tidies the marker of a provider sign-in out of the address, keeping the rest', async () => {
    const before = `${location.pathname}${location.search}${location.hash}`;
    history.replaceState(null, '', `${location.pathname}?keep=1&oauth=signed_in&provider=google#security`);
    try {
      await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
      expect(location.search).to.equal('?keep=1');
      expect(location.hash).to.equal('#security');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('shows the user, the tabs, and moves between tabs with the keyboard (WAI-ARIA tabs)', async () => {
    await signUpFresh('Grace Hopper');
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => tabs(el).length > 0);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.contain('Grace Hopper');
    expect(tabs(el).map((t) => t.textContent!.trim())).to.include.members(['Profile', 'Security', 'Contacts', 'Notifications & Privacy', 'Preferences']);
    expect(selected(el).textContent!.trim()).to.equal('Profile');
    expect(tabs(el).filter((t) => t.tabIndex === 0)).to.have.length(1);

    selected(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(selected(el).textContent!.trim()).to.equal('Security');
    expect(el.shadowRoot!.activeElement).to.equal(selected(el));
    const panel = el.shadowRoot!.querySelector('[role=tabpanel]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal(selected(el).id);

    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(selected(el)).to.equal(tabs(el).at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(selected(el).textContent!.trim()).to.equal('Profile');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(selected(el)).to.equal(tabs(el).at(-1));
  });

  it('signs out', async () => {
    await signUpFresh();
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => tabs(el).length > 0);
    const out = oneEvent(el, 'sk-signed-out');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
    await out;
    await until(() => el.shadowRoot!.querySelector('sign-in-form'));
  });

  it('is accessible signed in', async () => {
    await signUpFresh();
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => tabs(el).length > 0);
    await expect(el).to.be.accessible();
  });

  /** The page on a client whose answers for `routes` (path after /api) are faked; every tab label it ever rendered. */
  async function pageWith(routes: Record<string, unknown>) {
    const asked: string[] = [];
    const client = createApiClient('/api', {
      fetch: (input, init) => {
        const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname.replace(/^\/api/, '');
        asked.push(path);
        if (path in routes) return Promise.resolve(new Response(JSON.stringify(routes[path]), { status: 200, headers: { 'content-type': 'application/json' } }));
        return fetch(input, init);
      },
    });
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    const seen = new Set<string>();
    const record = () => tabs(el).forEach((t) => seen.add(t.textContent!.trim()));
    new MutationObserver(record).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    el.root.setClient(client);
    await until(() => asked.includes('/billing') && asked.includes('/connected-accounts') && tabs(el).length > 0);
    // Let the answers land and the page render them: a few frames and updates, no fixed sleep.
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      await el.updateComplete;
    }
    record();
    return { el, seen, labels: () => tabs(el).map((t) => t.textContent!.trim()) };
  }

  const BILLING = {
    plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' },
    paymentMethod: null,
    nextRenewal: null,
    manageUrl: null,
  };
  const account = (provider: string, available: boolean, connected: boolean) => ({
    provider,
    name: provider,
    available,
    sandbox: false,
    connected,
    email: null,
    displayName: null,
    connectedAt: null,
    lastSignInAt: null,
  });

  it('leaves Billing and Connected accounts out from the start when the server offers neither', async () => {
    await signUpFresh();
    const { seen, labels } = await pageWith({});
    expect(labels()).to.include('Profile');
    expect([...seen]).not.to.include('Billing');
    expect([...seen]).not.to.include('Connected accounts');
  });

  it('shows Billing when the server has a billing summary, and Connected accounts when a provider is configured', async () => {
    await signUpFresh();
    const { labels } = await pageWith({
      '/billing': BILLING,
      '/connected-accounts': { accounts: [account('google', true, false), account('github', false, false)], passwordSignIn: true },
    });
    await until(() => labels().includes('Billing') && labels().includes('Connected accounts'));
    expect(labels()).to.deep.equal(['Profile', 'Security', 'Contacts', 'Notifications & Privacy', 'Connected accounts', 'Preferences', 'Billing']);
  });

  it('names the Connected accounts panel once (the card title, no panel heading above it)', async () => {
    await signUpFresh();
    const { el } = await pageWith({ '/connected-accounts': { accounts: [account('google', true, false)], passwordSignIn: true } });
    await until(() => tabs(el).some((t) => t.textContent!.trim() === 'Connected accounts'));
    tabs(el).find((t) => t.textContent!.trim() === 'Connected accounts')!.click();
    const card = () => el.shadowRoot!.querySelector('[role=tabpanel] connected-accounts')?.shadowRoot?.querySelector('h3');
    await until(() => card());
    const panel = el.shadowRoot!.querySelector('[role=tabpanel]')!;
    expect(panel.querySelector('h2')).to.equal(null);
    expect(card()!.textContent).to.equal('Connected accounts');
    // Other tabs keep their panel heading.
    tabs(el).find((t) => t.textContent!.trim() === 'Contacts')!.click();
    await until(() => el.shadowRoot!.querySelector('[role=tabpanel] h2')?.textContent === 'Contacts');
  });

  it('keeps Connected accounts while an account is still connected, even with its provider gone', async () => {
    await signUpFresh();
    const { labels } = await pageWith({ '/connected-accounts': { accounts: [account('google', false, true)], passwordSignIn: true } });
    await until(() => labels().includes('Connected accounts'));
    expect(labels()).not.to.include('Billing');
  });
});
