import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { apiError } from '../../stories/fake-api';
import { providerWith } from '../../stories/fake-provider';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import type { LoginSessions } from './login-sessions';
import './login-sessions';
import '../settings-provider/settings-provider';

const tokyoHour = (iso: string) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: false, timeZone: 'Asia/Tokyo' }).format(new Date(iso));

/** Signs the same account in from "another browser": the cookie of that answer is not kept here. */
const signInElsewhere = (email: string, password = PASSWORD) =>
  fetch('/api/auth/sign-in', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

const $ = <T extends Element = HTMLElement>(el: LoginSessions, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector);
const $$ = (el: LoginSessions, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<login-sessions>', () => {
  afterEach(signOut);

  it('lists the sessions with "This device", and signs another one out using only the keyboard', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    const el = await fixture<LoginSessions>(html`<login-sessions></login-sessions>`);
    await until(() => $$(el, 'li.session').length === 2);
    const current = $$(el, 'li.session').find((li) => li.classList.contains('current'))!;
    expect(current.textContent).to.contain('This device');
    expect(current.querySelector('button')).to.equal(null);
    expect($$(el, 'li.session .when')[0]!.querySelector('.tip')!.textContent).to.match(/\d/); // exact time beside the relative one

    const revoked = oneEvent(el, 'sk-session-revoked');
    el.focus();
    for (let i = 0; i < 40 && !(deepActive() as HTMLElement | null)?.matches?.('li.session button.danger'); i++) await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).getAttribute('aria-label')).to.match(/^Sign out .+ on .+/);
    await sendKeys({ press: 'Enter' });
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('will be signed out');
    await sendKeys({ press: 'Tab' }); // from Cancel to the confirm button
    expect((deepActive() as HTMLElement).textContent!.trim()).to.equal('Sign out session');
    await sendKeys({ press: 'Enter' });
    const event = await revoked;
    expect(event.detail.id).to.be.a('string');
    await until(() => $$(el, 'li.session').length === 1);
    expect(dialog.open).to.equal(false);
    expect($(el, '[role=status].alert')!.textContent).to.contain('Signed out');
    const { sessions } = await (await fetch('/api/security/sessions')).json();
    expect(sessions).to.have.length(1);
  });

  it('signs out all other sessions after a confirmation that says how many', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    await signInElsewhere(account.email);
    const el = await fixture<LoginSessions>(html`<login-sessions></login-sessions>`);
    await until(() => $$(el, 'li.session').length === 3);
    const all = $$(el, 'button').find((b) => b.textContent!.includes('Sign out all other sessions'))!;
    all.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('2 other sessions will be signed out');
    const revoked = oneEvent(el, 'sk-session-revoked');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await revoked).detail).to.deep.equal({ others: true, count: 2 });
    await until(() => $$(el, 'li.session').length === 1);
    expect($(el, '.alert.success')!.textContent).to.contain('Signed out 2 other sessions');
  });

  it('shows login activity with failures set apart, and loads more without repeating rows', async () => {
    const account = await signUpFresh();
    for (let i = 0; i < 3; i++) await signInElsewhere(account.email, `wrong password ${i}`);
    await signInElsewhere(account.email);
    const el = await fixture<LoginSessions>(html`<login-sessions page-size="2"></login-sessions>`);
    await until(() => $$(el, 'tbody tr').length === 2);
    const more = () => $$(el, '.more button')[0];
    while (more()) {
      const before = $$(el, 'tbody tr').length;
      more()!.click();
      await until(() => $$(el, 'tbody tr').length > before);
    }
    const rows = $$(el, 'tbody tr');
    expect(rows).to.have.length(5); // sign-up, 3 failures, 1 success
    const failures = rows.filter((r) => r.classList.contains('failure'));
    expect(failures).to.have.length(3);
    expect(failures[0]!.textContent).to.contain('Wrong password');
    expect(getComputedStyle(failures[0]!.querySelector('td')!).backgroundColor).not.to.equal(getComputedStyle(rows.find((r) => !r.classList.contains('failure'))!.querySelector('td')!).backgroundColor);
  });

  it("shows the exact time in the user's timezone from the profile", async () => {
    await signUpFresh();
    await fetch('/api/profile', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timezone: 'Asia/Tokyo' }) });
    const provider = document.createElement('settings-provider');
    provider.append(document.createElement('login-sessions'));
    await fixture(provider);
    const el = provider.querySelector('login-sessions')!;
    await until(() => $$(el, 'li.session .when').length === 1 && provider.root.user);
    await until(() => $(el, 'li.session .tip')!.textContent!.includes(tokyoHour($(el, 'li.session time')!.getAttribute('datetime')!)));
  });

  it('shows empty and error states', async () => {
    const el = document.createElement('login-sessions');
    const provider = providerWith(
      {
        'GET /me': { user: { id: 'u', email: 'a@example.com', displayName: 'A', role: 'user', status: 'active', twoFactorEnabled: false, avatarUrl: null, preferences: {}, timezone: null, language: null } },
        'GET /security/sessions': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.'),
        'GET /security/login-activity': { items: [], nextCursor: null },
        'GET /security/login-alerts': { newLoginEmail: true },
      },
      el,
    );
    await fixture(provider);
    await until(() => $(el, '[role=alert]') && $(el, 'section[part=activity] .empty:not([role])'));
    expect($(el, '[role=alert]')!.textContent).to.contain('Something went wrong');
    expect($(el, 'section[part=activity]')!.textContent).to.contain('No sign-in attempts yet.');
    expect($$(el, 'button').some((b) => b.textContent!.includes('Try again'))).to.equal(true);
  });

  it('is accessible, with a dialog open too', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    const el = await fixture<LoginSessions>(html`<login-sessions></login-sessions>`);
    await until(() => $$(el, 'li.session').length === 2 && $$(el, 'tbody tr').length > 0);
    await expect(el).to.be.accessible();
    $$(el, 'li.session button.danger')[0]!.click();
    await until(() => $<HTMLDialogElement>(el, 'dialog')!.open);
    await expect(el).to.be.accessible();
  });
});
