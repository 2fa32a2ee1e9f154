import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import type { ProfileSettings } from './profile-settings';
import './profile-settings';

const tabs = (el: ProfileSettings) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')];
const selected = (el: ProfileSettings) => tabs(el).find((t) => t.getAttribute('aria-selected') === 'true')!;

describe('<profile-settings>', () => {
  afterEach(signOut);

  it('shows the sign-in form when signed out', async () => {
    await signOut();
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => el.shadowRoot!.querySelector('sign-in-form'));
  });

  it('shows the user, the tabs, and moves between tabs with the keyboard (WAI-ARIA tabs)', async () => {
    await signUpFresh('Grace Hopper');
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash></profile-settings>`);
    await until(() => tabs(el).length > 0);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.contain('Grace Hopper');
    expect(tabs(el).map((t) => t.textContent!.trim())).to.include.members(['Profile', 'Security', 'Contacts', 'Notifications & Privacy', 'Connected accounts', 'Preferences']);
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
});
