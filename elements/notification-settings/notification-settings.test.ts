import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { read } from '../api/client';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTryAgainLoads } from '../../test/load-retry';
import type { NotificationSettings } from './notification-settings';
import './notification-settings';

const sw = (el: NotificationSettings, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}]`)!;

describe('<notification-settings>', () => {
  afterEach(signOut);

  it('shows the six toggles with marketing off, and security mail as always on', async () => {
    await signUpFresh();
    const el = await fixture<NotificationSettings>(html`<notification-settings></notification-settings>`);
    await until(() => el.shadowRoot!.querySelectorAll('input[role=switch]').length === 7);
    for (const name of ['callAlerts', 'campaignUpdates', 'integrationAlerts', 'billing', 'productUpdates']) expect(sw(el, name).checked, name).to.be.true;
    expect(sw(el, 'marketing').checked).to.be.false;
    const security = el.shadowRoot!.querySelector<HTMLInputElement>('#nt-security')!;
    expect(security.checked && security.disabled).to.be.true;
    expect(el.shadowRoot!.textContent).to.contain('Always on');
  });

  it('saves a toggle at once and keeps it after a reload', async () => {
    const { api } = await signUpFresh();
    const el = await fixture<NotificationSettings>(html`<notification-settings></notification-settings>`);
    await until(() => sw(el, 'marketing'));
    const changed = oneEvent(el, 'sk-notifications-changed');
    sw(el, 'marketing').click();
    const event = await changed;
    expect(event.detail.settings.marketing).to.be.true;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Saved');
    expect((await read(api.notifications.$get())).marketing).to.be.true;
  });

  it('shows an error when signed out', async () => {
    await signOut();
    const el = await fixture<NotificationSettings>(html`<notification-settings></notification-settings>`);
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Sign in');
  });

  it('shows a load error with "Try again", which loads the toggles', async () => {
    const settings = { callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: true };
    await expectTryAgainLoads('notification-settings', 'GET /notifications', settings, (root) => root.querySelector<HTMLInputElement>('input[name=marketing]')?.checked);
  });

  it('is accessible in light and dark', async () => {
    await signUpFresh();
    const el = await fixture<NotificationSettings>(html`<notification-settings></notification-settings>`);
    await until(() => sw(el, 'marketing'));
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
