import { expect, fixture, html } from '@open-wc/testing';
import { apiError, demoUser, type fakeApi } from '../../test/fake-api';
import { until } from '../../test/element-helpers';
import type { AccountPolicy, AccountPolicyValue } from './account-policy';
import './account-policy';
import { providerWith } from '../../test/fake-provider';

const twilioNone = { accountSid: null, authToken: null, fromNumber: null, source: 'none', updatedAt: null };
const stored = (): AccountPolicyValue => ({ onlineTimeframeMinutes: 10080, autoActivate: true, activationEmail: true, confirmation: 'none', requireTwoFactor: false, twoFactorMethod: 'any', autoCreateProfile: true, defaultProfileTypeId: 'person', profileLimit: 0 });

// Saving a policy on the shared test server would change every other element test running beside
// this one (pending accounts, required 2FA), so these tests hand the element a fake API.
async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const provider = providerWith({ 'GET /me': { user: demoUser }, 'GET /admin/twilio': twilioNone, 'GET /admin/profile-types': { types: [{ id: 'person', name: 'Person', isDefault: true }] }, ...routes }, document.createElement('account-policy'));
  await fixture(html`${provider}`);
  const el = provider.child as AccountPolicy;
  const root = () => el.shadowRoot!;
  await until(() => (root().querySelector('form[part=form]') || root().querySelector('[role=alert]')) && root().querySelector('#twilio-title') && !root().textContent!.includes('Loading the Twilio'));
  return { el, root };
}

describe('<account-policy>', () => {
  it('shows every setting with its explanation, and saves only what changed', async () => {
    let sent: any = null;
    const { el, root } = await mount({
      'GET /admin/account-policy': stored(),
      'PUT /admin/account-policy': (_req, body) => ((sent = body), { ...stored(), ...(body as object) }),
    });
    const text = root().textContent!;
    for (const phrase of ['Online status timeframe', 'Automatic account activation', 'activation letter', 'Account is confirmed when', 'Email and phone are confirmed', 'two-factor', 'Automatic profile creation']) {
      expect(text).to.contain(phrase);
    }
    const save = root().querySelector<HTMLButtonElement>('[part=save]')!;
    expect(save.disabled).to.be.true;
    expect(el.hasAttribute('sk-dirty')).to.be.false;

    const minutes = root().querySelector<HTMLInputElement>('#minutes')!;
    expect(root().querySelector('#minutes-human')!.textContent).to.equal('7 days'); // 10080 in words
    minutes.value = '30';
    minutes.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root().querySelector('#minutes-human')!.textContent).to.equal('30 minutes');
    root().querySelector<HTMLInputElement>('#check-autoActivate')!.click();
    root().querySelector<HTMLInputElement>('#confirmation-phone')!.click();
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.be.true;
    expect(save.disabled).to.be.false;
    save.click();
    await until(() => sent && !el.hasAttribute('sk-dirty'));
    expect(sent).to.deep.equal({ ...stored(), onlineTimeframeMinutes: 30, autoActivate: false, confirmation: 'phone' });
    await until(() => root().querySelector('[role=status]')!.textContent!.includes('Saved'));
  });

  it('shows a field error next to the timeframe, from the form and from the server', async () => {
    const { el, root } = await mount({
      'GET /admin/account-policy': stored(),
      'PUT /admin/account-policy': () => apiError(400, 'validation_failed', 'onlineTimeframeMinutes: Use at least 5 minutes.', { onlineTimeframeMinutes: 'Use at least 5 minutes.' }),
    });
    const minutes = root().querySelector<HTMLInputElement>('#minutes')!;
    minutes.value = '1.5';
    minutes.dispatchEvent(new Event('input'));
    await el.updateComplete;
    root().querySelector<HTMLButtonElement>('[part=save]')!.click();
    await el.updateComplete;
    expect(root().querySelector('#minutes-error')!.textContent).to.contain('whole number');
    minutes.value = '1';
    minutes.dispatchEvent(new Event('input'));
    await el.updateComplete;
    root().querySelector<HTMLButtonElement>('[part=save]')!.click();
    await until(() => root().querySelector('#minutes-error')?.textContent?.includes('at least 5'));
    expect(minutes.getAttribute('aria-invalid')).to.equal('true');
    expect(minutes.getAttribute('aria-describedby')).to.contain('minutes-error');
  });

  it('warns an admin without 2FA before requiring it, and discards changes', async () => {
    const { el, root } = await mount({ 'GET /admin/account-policy': stored() });
    root().querySelector<HTMLInputElement>('#check-requireTwoFactor')!.click();
    await el.updateComplete;
    expect(root().querySelector('[role=note]')!.textContent).to.contain('your own account first');
    [...root().querySelectorAll('button')].find((b) => b.textContent!.includes('Discard'))!.click();
    await el.updateComplete;
    expect(root().querySelector<HTMLInputElement>('#check-requireTwoFactor')!.checked).to.be.false;
    expect(el.hasAttribute('sk-dirty')).to.be.false;
  });

  it('explains a refusal for an admin without 2FA, and keeps the form usable', async () => {
    const { el, root } = await mount({
      'GET /admin/account-policy': stored(),
      'PUT /admin/account-policy': () => apiError(409, 'two_factor_setup_first', 'Set up two-factor authentication for your own account first.'),
    });
    root().querySelector<HTMLInputElement>('#check-requireTwoFactor')!.click();
    await el.updateComplete;
    root().querySelector<HTMLInputElement>('#two-factor-method-sms')!.click();
    await el.updateComplete;
    root().querySelector<HTMLButtonElement>('[part=save]')!.click();
    await until(() => root().querySelector('form [role=alert]'));
    expect(root().querySelector('form [role=alert]')!.textContent).to.contain('Set up text-message codes for your own account first');
    expect(root().querySelector('form [role=alert]')!.textContent).to.contain('nothing was lost'); // the draft is kept
    expect(root().querySelector<HTMLInputElement>('#two-factor-method-sms')!.checked).to.be.true;
    expect(root().querySelector<HTMLButtonElement>('[part=save]')!.disabled).to.be.false;
    expect(el.hasAttribute('sk-dirty')).to.be.true;
  });

  it('sends the chosen second factor with the requirement', async () => {
    let sent: any = null;
    const { el, root } = await mount({
      'GET /me': { user: { ...demoUser, twoFactorEnabled: true } },
      'GET /admin/account-policy': stored(),
      'PUT /admin/account-policy': (_req, body) => ((sent = body), { ...stored(), ...(body as object) }),
    });
    expect(root().querySelector('#two-factor-method-sms')).to.be.null; // shown only with the requirement
    root().querySelector<HTMLInputElement>('#check-requireTwoFactor')!.click();
    await el.updateComplete;
    expect(root().querySelector<HTMLInputElement>('#two-factor-method-any')!.checked).to.be.true;
    root().querySelector<HTMLInputElement>('#two-factor-method-sms')!.click();
    await el.updateComplete;
    root().querySelector<HTMLButtonElement>('[part=save]')!.click();
    await until(() => sent);
    expect(sent).to.include({ requireTwoFactor: true, twoFactorMethod: 'sms' });
  });

  it('shows a load error with a retry', async () => {
    let calls = 0;
    const { root } = await mount({ 'GET /admin/account-policy': () => (++calls === 1 ? apiError(403, 'admin_only', 'Only an administrator can do this.') : stored()) });
    const alert = root().querySelector('[part=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Only an administrator');
    [...alert.querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await until(() => root().querySelector('form[part=form]'));
    expect(calls).to.equal(2);
    expect(root().querySelector('[part=load-error]')).to.be.null;
  });

  it('shows a Twilio load error with a retry, apart from the policy', async () => {
    let calls = 0;
    const { root } = await mount({
      'GET /admin/account-policy': stored(),
      'GET /admin/twilio': () => (++calls === 1 ? apiError(503, 'unavailable', 'The settings store is not available right now.') : twilioNone),
    });
    const twilio = () => root().querySelector('section.twilio')!;
    expect(root().querySelector('form[part=form]')).to.exist;
    expect(twilio().querySelector('[part=load-error]')!.textContent).to.contain('not available right now');
    twilio().querySelector<HTMLButtonElement>('[part=load-error] button')!.click();
    await until(() => twilio().querySelector('#twilio-accountSid'));
    expect(calls).to.equal(2);
    expect(twilio().textContent).to.contain('messages go to the outbox');
  });

  it('saves the Twilio account with a write-only token, and names a bad field', async () => {
    const bodies: any[] = [];
    const { root } = await mount({
      'GET /admin/account-policy': stored(),
      'PUT /admin/twilio': (_r, body: any) => {
        bodies.push(body);
        if (!/^AC[0-9a-f]{32}$/.test(body.accountSid)) return apiError(400, 'validation_failed', 'accountSid: bad', { accountSid: 'The account SID is "AC" followed by 32 hexadecimal characters.' });
        return { accountSid: body.accountSid, authToken: '••••' + (body.authToken ?? 'abcd').slice(-4), fromNumber: body.fromNumber, source: 'database', updatedAt: '2026-01-15T10:00:00Z' };
      },
    });
    expect(root().textContent).to.contain('messages go to the outbox');
    const set = (name: string, value: string) => (root().querySelector<HTMLInputElement>(`#twilio-${name}`)!.value = value);
    const save = () => [...root().querySelectorAll('button')].find((b) => b.textContent!.includes('Save Twilio settings'))!.click();
    set('accountSid', 'AC123');
    set('authToken', 'tok0123456789abcdef0123456789abcd');
    set('fromNumber', '+14155550100');
    save();
    await until(() => root().querySelector('#twilio-accountSid-error'));
    expect(root().querySelector('#twilio-accountSid')!.getAttribute('aria-invalid')).to.equal('true');
    set('accountSid', 'AC' + '0'.repeat(32));
    save();
    await until(() => root().textContent!.includes('through the account saved here'));
    expect(bodies.at(-1)).to.deep.equal({ accountSid: 'AC' + '0'.repeat(32), authToken: 'tok0123456789abcdef0123456789abcd', fromNumber: '+14155550100' });
    expect(root().querySelector<HTMLInputElement>('#twilio-authToken')!.value).to.equal('');
    expect(root().querySelector<HTMLInputElement>('#twilio-authToken')!.placeholder).to.equal('••••abcd');
    save();
    await until(() => bodies.length === 3);
    expect(bodies[2]).not.to.have.property('authToken'); // left empty: the saved token stays
  });

  it('is accessible, light and dark', async () => {
    const { el } = await mount({ 'GET /admin/account-policy': stored() });
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
