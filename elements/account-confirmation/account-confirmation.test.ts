import { expect, fixture, html } from '@open-wc/testing';
import { apiError, demoUser, type fakeApi } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTiedToError } from '../../test/field-assertions';
import '../settings-provider/settings-provider';
import type { AccountConfirmation } from './account-confirmation';
import './account-confirmation';

type Me = typeof demoUser & { pendingConfirmations: ('email' | 'phone')[]; twoFactorSetupRequired: boolean; status: string };

// The confirmation mode is a server-wide policy; switching it on the shared test server would show
// banners in every other element test, so most cases use a fake API that holds one user's state.
async function mount(me: Me, routes: Parameters<typeof fakeApi>[0] = {}) {
  const el = document.createElement('account-confirmation');
  const provider = providerWith({ 'GET /me': () => ({ user: me }), ...routes }, el);
  await fixture(html`${provider}`);
  await until(() => !el.hidden || (el as any).settings?.user);
  await el.updateComplete;
  return { el: el as AccountConfirmation, root: () => el.shadowRoot! };
}
const user = (over: Partial<Me>): Me => ({ ...demoUser, status: 'active', pendingConfirmations: [], twoFactorSetupRequired: false, ...over });
const click = (root: ShadowRoot, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text))!.click();

describe('<account-confirmation>', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('is hidden for a confirmed, active account (real server)', async () => {
    await signUpFresh();
    const el = await fixture<AccountConfirmation>(html`<settings-provider><account-confirmation></account-confirmation></settings-provider>`).then((p) => p.querySelector('account-confirmation')!);
    await until(() => (el as any).settings?.user);
    await el.updateComplete;
    expect(el.hidden).to.be.true;
    await signOut();
  });

  it('resends the email link and counts down', async () => {
    let sends = 0;
    const { el, root } = await mount(user({ pendingConfirmations: ['email'] }), { 'POST /confirmation/email/send': () => (sends++, { sentTo: demoUser.email }) });
    expect(el.hidden).to.be.false;
    expect(root().textContent).to.contain('Confirm your email address');
    click(root(), 'Send the link again');
    await until(() => root().textContent!.includes('We sent a new link'));
    expect(sends).to.equal(1);
    expect(root().querySelector('[part=banner] button')!.textContent).to.match(/again in \d:\d\d/);
  });

  it('a refused resend (rate_limited) says why and counts down from the server\'s Retry-After', async () => {
    const { root } = await mount(user({ pendingConfirmations: ['email'] }), {
      'POST /confirmation/email/send': () => apiError(429, 'rate_limited', 'Too many emails. Try again in 2 minutes.', undefined, { 'Retry-After': '120' }),
    });
    click(root(), 'Send the link again');
    await until(() => root().querySelector('.field-error'));
    expect(root().querySelector('.field-error')!.textContent).to.contain('Too many emails');
    const button = root().querySelector<HTMLButtonElement>('[part=banner] button')!;
    expect(button.textContent).to.match(/again in (2:00|1:59)/);
    expect(button.disabled).to.be.true;
  });

  it('confirms the phone with the texted code, and says when a phone is taken', async () => {
    const me = user({ pendingConfirmations: ['phone'] });
    let sent: any = null;
    const { el, root } = await mount(me, {
      'POST /confirmation/phone/send': (_r, body: any) =>
        body.phone === '+14155550999' ? apiError(409, 'phone_taken', 'This phone number belongs to another account.', { phone: 'This phone number belongs to another account.' }) : ((sent = body), { sentTo: '+14155550100' }),
      'POST /confirmation/phone/confirm': (_r, body: any) => {
        if (body.code !== '123456') return apiError(400, 'invalid_code', 'The code is not correct or has expired. Ask for a new one.');
        me.pendingConfirmations = [];
        return { confirmed: 'phone', phone: '+14155550100' };
      },
    });
    const phone = root().querySelector<HTMLInputElement>('#phone')!;
    phone.value = '+14155550999';
    phone.dispatchEvent(new Event('input'));
    click(root(), 'Send code');
    await until(() => root().querySelector('#phone-error'));
    expect(root().querySelector('#phone-error')!.textContent).to.contain('another account');
    expectTiedToError(root(), '#phone', 'another account');

    const again = root().querySelector<HTMLInputElement>('#phone')!;
    again.value = '+1 415 555 0100';
    again.dispatchEvent(new Event('input'));
    click(root(), 'Send code');
    await until(() => root().querySelector('#code'));
    expect(sent.phone).to.equal('+1 415 555 0100');
    expect(root().textContent).to.contain('+14155550100');
    const code = root().querySelector<HTMLInputElement>('#code')!;
    code.value = '000000';
    click(root(), 'Confirm');
    await until(() => root().querySelector('#code-error'));
    expectTiedToError(root(), '#code', 'not correct');
    root().querySelector<HTMLInputElement>('#code')!.value = '123456';
    const confirmed = new Promise<CustomEvent>((r) => el.addEventListener('sk-account-confirmed', (e) => r(e as CustomEvent), { once: true }));
    click(root(), 'Confirm');
    expect((await confirmed).detail).to.deep.equal({ what: 'phone' });
    await until(() => root().querySelector('.alert.success'));
    await until(() => !root().textContent!.includes('Confirm your phone number')); // /me was read again
  });

  it('confirms the email from the link in the address, and removes the token from it', async () => {
    const me = user({ pendingConfirmations: ['email'] });
    let token = '';
    history.replaceState(null, '', '#sk-confirm-email=abcdefghijklmnopqrstuvwxyz012345');
    const { root } = await mount(me, {
      'POST /confirmation/email/confirm': (_r, body: any) => ((token = body.token), (me.pendingConfirmations = []), { confirmed: 'email' }),
    });
    await until(() => root().querySelector('.alert.success'));
    expect(token).to.equal('abcdefghijklmnopqrstuvwxyz012345');
    expect(location.hash).to.equal('');
    await until(() => !root().textContent!.includes('Confirm your email address'));
  });

  it('says why a link did not work', async () => {
    history.replaceState(null, '', '#sk-confirm-email=used-token-used-token-used-token');
    const { root } = await mount(user({ pendingConfirmations: ['email'] }), {
      'POST /confirmation/email/confirm': () => apiError(400, 'invalid_token', 'This confirmation link is not valid any more. Ask for a new one.'),
    });
    await until(() => root().querySelector('[role=alert]'));
    expect(root().querySelector('[role=alert]')!.textContent).to.contain('not valid any more');
  });

  it('tells a pending, a suspended, and a 2FA-required account what is going on', async () => {
    const pending = await mount(user({ status: 'pending', pendingConfirmations: ['email'] }), {
      'GET /profile': { email: demoUser.email, pendingEmail: null, displayName: 'Ada Lovelace', phone: '+14155552671', timezone: null, language: null, company: 'Analytical Engines', bio: null, avatarUrl: null, createdAt: '2026-01-15T10:00:00Z', profile: null },
    });
    expect(pending.root().textContent).to.contain('waiting for activation');
    // "You can read your profile": it is shown, read-only, with the phone in the kit's one format.
    await until(() => pending.root().querySelector('[part=profile]')?.textContent!.includes('Analytical Engines'));
    const profile = pending.root().querySelector('[part=profile]')!.textContent!.replace(/\s+/g, ' ');
    expect(profile).to.contain('Ada Lovelace');
    expect(profile).to.contain('+1 415 555 2671');
    expect(pending.root().querySelector('[part=profile] input')).to.equal(null);
    expect(pending.root().textContent).to.contain('Confirm your email address');
    const suspended = await mount(user({ status: 'disabled' }));
    expect(suspended.root().querySelector('[role=alert]')!.textContent).to.contain('suspended');
    const twoFactor = await mount(user({ twoFactorSetupRequired: true }));
    expect(twoFactor.root().textContent).to.contain('Set up two-factor authentication to continue');
  });

  it('a pending account\'s profile that fails to load says why, and "Try again" shows it', async () => {
    let fail = true;
    const profile = { email: demoUser.email, pendingEmail: null, displayName: 'Ada Lovelace', phone: null, timezone: null, language: null, company: 'Analytical Engines', bio: null, avatarUrl: null, createdAt: '2026-01-15T10:00:00Z', profile: null };
    const { root } = await mount(user({ status: 'pending' }), {
      'GET /profile': () => (fail ? apiError(500, 'internal', 'Something went wrong on our side. Please try again.') : profile),
    });
    await until(() => root().querySelector('[part=profile] [part=load-error]'));
    expect(root().querySelector('[part=load-error]')!.textContent).to.contain('Something went wrong');
    expect(root().querySelector('[part=profile]')!.textContent).not.to.contain('Analytical Engines');
    fail = false;
    click(root(), 'Try again');
    await until(() => root().querySelector('[part=profile]')!.textContent!.includes('Analytical Engines'));
    expect(root().querySelector('[part=load-error]')).to.equal(null);
  });

  it('is accessible, light and dark', async () => {
    const profile = { email: demoUser.email, pendingEmail: null, displayName: 'Ada Lovelace', phone: null, timezone: null, language: null, company: null, bio: null, avatarUrl: null, createdAt: '2026-01-15T10:00:00Z', profile: null };
    const { el, root } = await mount(user({ status: 'pending', pendingConfirmations: ['email', 'phone'] }), { 'GET /profile': profile, 'POST /confirmation/phone/send': { sentTo: '+14155550100' } });
    await until(() => root().querySelector('[part=profile]')!.textContent!.includes('Member since'));
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const phone = root().querySelector<HTMLInputElement>('#phone')!;
    phone.value = '+14155550100';
    phone.dispatchEvent(new Event('input'));
    click(root(), 'Send code');
    await until(() => root().querySelector('#code'));
    await expect(el).to.be.accessible();
  });
});
