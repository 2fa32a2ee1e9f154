import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { providedWith, signOut, signUpFresh, until } from '../../test/element-helpers';
import { apiError, demoUser, fakeApi } from '../../test/fake-api';
import '../profile-settings/profile-settings';
import '../settings-provider/settings-provider';
import type { BillingSummary } from './billing-summary';
import './billing-summary';

const plan = {
  available: true,
  plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' },
  paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
  nextRenewal: '2026-02-15T12:00:00.000Z',
  manageUrl: 'https://billing.example.com/portal',
};

async function withPlan(preferences: Record<string, unknown>) {
  const client = fakeApi({ 'GET /me': { user: { ...demoUser, preferences } }, 'GET /billing': plan });
  const root = await providedWith(client, '<billing-summary></billing-summary>');
  const el = root.querySelector('billing-summary')!;
  await until(() => el.shadowRoot!.querySelector('dl'));
  return el;
}

describe('<billing-summary>', () => {
  afterEach(signOut);

  it('shows the plan, the card brand and last 4, and the renewal in the user format', async () => {
    const el = await withPlan({ dateFormat: 'iso' });
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Team');
    expect(text).to.contain('$49 / month');
    expect(text).to.contain('Visa ending in 4242');
    expect(text).to.contain('expires 12/2030');
    await until(() => el.shadowRoot!.querySelector('time')!.textContent === '2026-02-15');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=manage]')!;
    expect(link.href).to.equal('https://billing.example.com/portal');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('follows another date format', async () => {
    const el = await withPlan({ dateFormat: 'long' });
    await until(() => el.shadowRoot!.querySelector('time')!.textContent === 'February 15, 2026');
  });

  it('shows an error it cannot hide behind', async () => {
    const client = fakeApi({ 'GET /me': { user: demoUser }, 'GET /billing': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.') });
    const root = await providedWith(client, '<billing-summary></billing-summary>');
    const el = root.querySelector('billing-summary')!;
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.hidden).to.be.false;
  });

  it('hides itself and says sk-billing-unavailable when the server has no billing', async () => {
    await signUpFresh();
    const el: BillingSummary = document.createElement('billing-summary');
    const unavailable = oneEvent(el, 'sk-billing-unavailable');
    (await fixture<HTMLElement>(html`<div></div>`)).append(el);
    await unavailable;
    expect(el.hidden).to.be.true;
    expect(getComputedStyle(el).display).to.equal('none');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent!.trim(), 'no stale loading text is left behind').to.equal('');
  });

  it('makes <profile-settings> drop its Billing tab', async () => {
    await signUpFresh();
    const page = await fixture<HTMLElement>(html`<profile-settings no-hash></profile-settings>`);
    const tabs = () => [...page.shadowRoot!.querySelectorAll<HTMLElement>('[role=tab]')].map((t) => t.textContent!.trim());
    await until(() => tabs().length > 0);
    page.shadowRoot!.querySelector<HTMLElement>('#tab-billing')?.click();
    await until(() => !tabs().includes('Billing'));
  });
});
