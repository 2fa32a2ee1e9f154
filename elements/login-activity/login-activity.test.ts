import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { providerWith } from '../../test/fake-provider';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { signInElsewhere } from '../../test/sessions-helpers';
import type { LoginActivity } from './login-activity';
import './login-activity';
import '../settings-provider/settings-provider';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const me = { user: { id: 'u', email: 'a@example.com', displayName: 'A', role: 'user', status: 'active', twoFactorEnabled: false, avatarUrl: null, preferences: {}, timezone: null, language: null } };
const row = (id: string, method: string, success = true) => ({
  id,
  at: new Date().toISOString(),
  success,
  reason: success ? null : 'wrong_code',
  method,
  ip: '81.2.69.160',
  country: 'GB',
  device: 'Desktop',
  browser: 'Chrome 131',
  os: 'macOS 14.6',
});

describe('<login-activity>', () => {
  afterEach(signOut);

  it('shows login activity with failures set apart, and loads more without repeating rows', async () => {
    const account = await signUpFresh();
    for (let i = 0; i < 3; i++) await signInElsewhere(account.email, `wrong password ${i}`);
    await signInElsewhere(account.email);
    const el = await fixture<LoginActivity>(html`<login-activity page-size="2"></login-activity>`);
    await until(() => $$(el, 'tbody tr').length === 2);
    const more = () => $$(el, '.more button')[0];
    while (more()) {
      const before = $$(el, 'tbody tr').length;
      more()!.click();
      await until(() => $$(el, 'tbody tr').length > before);
    }
    const rows = $$(el, 'tbody tr');
    expect(rows).to.have.length(5); // sign-up, 3 failures, 1 success
    expect(new Set(rows.map((r) => r.textContent)).size).to.be.greaterThan(1);
    const failures = rows.filter((r) => r.classList.contains('failure'));
    expect(failures).to.have.length(3);
    expect(failures[0]!.textContent).to.contain('Wrong password');
    expect(getComputedStyle(failures[0]!.querySelector('td')!).backgroundColor).not.to.equal(getComputedStyle(rows.find((r) => !r.classList.contains('failure'))!.querySelector('td')!).backgroundColor);
  });

  it('says "Passkey" for sign-ins with a passkey, and nothing of the kind for a password', async () => {
    const el = document.createElement('login-activity');
    await fixture(
      providerWith(
        { 'GET /me': me, 'GET /security/login-activity': { items: [row('a1', 'passkey'), row('a2', 'password'), row('a3', 'passkey', false)], nextCursor: null }, 'GET /security/login-alerts': { newLoginEmail: true } },
        el,
      ),
    );
    await until(() => $$(el, 'tbody tr').length === 3);
    const [passkey, password, failedPasskey] = $$(el, 'tbody tr');
    expect(passkey!.querySelector('.result')!.textContent).to.contain('Signed in').and.to.contain('Passkey');
    expect(password!.querySelector('.result')!.textContent).not.to.contain('Passkey');
    expect(failedPasskey!.querySelector('.result')!.textContent).to.contain('Wrong code').and.to.contain('Passkey');
  });

  it('shows the empty state, and the alerts toggle only when the server answers for it', async () => {
    const el = document.createElement('login-activity');
    await fixture(providerWith({ 'GET /me': me, 'GET /security/login-activity': { items: [], nextCursor: null }, 'GET /security/login-alerts': { newLoginEmail: true } }, el));
    await until(() => $(el, '.empty') && $(el, '.toggle input'));
    expect($(el, '.empty')!.textContent).to.contain('No sign-in attempts yet.');
    expect($<HTMLInputElement>(el, '.toggle input')!.checked).to.equal(true);

    const bare = document.createElement('login-activity');
    await fixture(providerWith({ 'GET /me': me, 'GET /security/login-activity': { items: [row('a1', 'password')], nextCursor: null } }, bare)); // no login-alerts route: 404
    await until(() => $$(bare, 'tbody tr').length === 1);
    expect($(bare, '.toggle')).to.equal(null);
  });

  it('turns the new-device email on and off', async () => {
    await signUpFresh();
    const el = await fixture<LoginActivity>(html`<login-activity></login-activity>`);
    await until(() => $(el, '.toggle input'));
    const input = $<HTMLInputElement>(el, '.toggle input')!;
    const before = input.checked;
    input.click();
    // The element keeps what the server answered to the PUT.
    await until(() => (el as unknown as { alertsOn: boolean }).alertsOn === !before);
    const stored = (await (await fetch('/api/security/login-alerts')).json()).newLoginEmail;
    expect(stored).to.equal(!before);
  });

  it('is accessible', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email, 'wrong password');
    const el = await fixture<LoginActivity>(html`<login-activity></login-activity>`);
    await until(() => $$(el, 'tbody tr').length > 1);
    await expect(el).to.be.accessible();
  });

  it("shows the absolute time in the user's chosen date format beside the relative one, also 390 px wide", async () => {
    await setViewport({ width: 390, height: 800 });
    try {
      const el = document.createElement('login-activity');
      const at = '2026-03-04T05:06:00.000Z';
      const prefs = { dateFormat: 'iso', timeFormat: '24h' };
      await fixture(providerWith({ 'GET /me': { user: { ...me.user, preferences: prefs, timezone: 'UTC' } }, 'GET /security/login-activity': { items: [{ ...row('a1', 'password'), at }], nextCursor: null }, 'GET /security/login-alerts': { newLoginEmail: true } }, el));
      await until(() => $(el, 'tbody .when .exact')?.textContent?.includes('2026-03-04'));
      const when = $(el, 'tbody .when')!;
      expect(when.textContent!.replace(/\s+/g, ' ')).to.match(/ago · 2026-03-04, 0?5:06$/);
      const exact = when.querySelector('.exact')!.getBoundingClientRect();
      expect(exact.width).to.be.greaterThan(0);
      expect(exact.right).to.be.at.most(390); // wraps inside the card instead of running off the screen
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});
