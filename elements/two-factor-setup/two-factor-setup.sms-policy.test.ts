import { expect, fixture, html } from '@open-wc/testing';
import { demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import type { TwoFactorSetup } from './two-factor-setup';
import './two-factor-setup';

// The policy `twoFactorMethod: "sms"` is the administrator's, shared by every account of the test
// server; these tests hand the element a fake API instead of changing it for every test beside them.
const off = { enabled: false, totp: false, sms: false, phone: null, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null };
const totpOnly = { ...off, enabled: true, totp: true, recoveryCodesRemaining: 10 };

async function mount(required: 'any' | 'sms' | null, twoFactor: typeof off) {
  const user = { ...demoUser, twoFactorEnabled: twoFactor.enabled, twoFactorSetupRequired: true, requiredTwoFactorMethod: required };
  const provider = providerWith({ 'GET /me': { user }, 'GET /security': { twoFactor, passwordChangedAt: null } }, document.createElement('two-factor-setup'));
  await fixture(html`${provider}`);
  const el = provider.child as TwoFactorSetup;
  await until(() => el.shadowRoot?.querySelector('.status') && (el as any).settings?.user);
  await el.updateComplete;
  const buttons = () => [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
  return { el, buttons };
}

describe('<two-factor-setup> under the SMS policy', () => {
  it('offers text messages only, says why, and opens the SMS setup', async () => {
    const { el, buttons } = await mount('sms', off);
    expect(buttons()).to.include('Set up text messages');
    expect(buttons().some((b) => /authenticator/i.test(b))).to.be.false;
    expect(el.shadowRoot!.querySelector('.sms-required')!.textContent).to.contain('text message at every sign-in');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Set up text messages'))!.click();
    await until(() => el.shadowRoot!.querySelector('#sms-phone'));
    await expect(el).to.be.accessible();
  });

  it('asks a user with only an authenticator app to add text messages, with no other setup offered', async () => {
    const { el, buttons } = await mount('sms', totpOnly);
    expect(buttons().filter((b) => b === 'Set up')).to.have.length(1); // the SMS row's
    expect(el.shadowRoot!.querySelector('.sms-required')!.textContent).to.contain('Set up text messages to continue');
  });

  it('offers both methods when any second factor will do', async () => {
    const { buttons } = await mount('any', off);
    expect(buttons()).to.include.members(['Set up an authenticator app', 'Use text messages instead']);
  });
});
