import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { apiError } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { signInElsewhere } from '../../test/sessions-helpers';
import type { SkDialog } from '../internal/sk-dialog';
import type { ActiveSessions } from './active-sessions';
import './active-sessions';
import '../settings-provider/settings-provider';

const tokyoHour = (iso: string) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: false, timeZone: 'Asia/Tokyo' }).format(new Date(iso));

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const me = { user: { id: 'u', email: 'a@example.com', displayName: 'A', role: 'user', status: 'active', twoFactorEnabled: false, avatarUrl: null, preferences: {}, timezone: null, language: null } };

describe('<active-sessions>', () => {
  afterEach(signOut);

  it('lists the sessions with "This device", and signs another one out using only the keyboard', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    const el = await fixture<ActiveSessions>(html`<active-sessions></active-sessions>`);
    await until(() => $$(el, 'li.session').length === 2);
    const current = $$(el, 'li.session').find((li) => li.classList.contains('current'))!;
    expect(current.textContent).to.contain('This device');
    expect(current.querySelector('button')).to.equal(null);
    // The absolute date is visible beside the relative one (not only in a tooltip).
    const when = $$(el, 'li.session .when')[0]!;
    expect(when.querySelector('.exact')!.textContent).to.match(/\d/);
    expect(when.querySelector('.exact')!.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(when.textContent).to.match(/ago|now/);

    const revoked = oneEvent(el, 'sk-session-revoked');
    el.focus();
    for (let i = 0; i < 40 && !(deepActive() as HTMLElement | null)?.matches?.('li.session button.danger'); i++) await sendKeys({ press: 'Tab' });
    const opener = deepActive() as HTMLElement;
    expect(opener.getAttribute('aria-label')).to.match(/^Sign out .+ on .+/);
    await sendKeys({ press: 'Enter' });
    const dialog = $<SkDialog>(el, 'sk-dialog')!;
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('will be signed out');
    await sendKeys({ press: 'Tab' }); // from Cancel to the confirm button
    expect((deepActive() as HTMLElement).textContent!.trim()).to.equal('Sign out session');
    await sendKeys({ press: 'Enter' });
    const event = await revoked;
    expect(event.detail).to.have.property('id').that.is.a('string');
    await until(() => $$(el, 'li.session').length === 1);
    expect(dialog.open).to.equal(false);
    expect($(el, '[role=status].alert')!.textContent).to.contain('Signed out');
    await until(() => deepActive() === $(el, '#sessions-title')); // the opener's row is gone: focus lands on the title
    const { sessions } = await (await fetch('/api/security/sessions')).json();
    expect(sessions).to.have.length(1);
  });

  it('closes the dialog with Escape and gives focus back to the button that opened it', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    const el = await fixture<ActiveSessions>(html`<active-sessions></active-sessions>`);
    await until(() => $$(el, 'li.session button.danger').length === 1);
    const opener = $$(el, 'li.session button.danger')[0]!;
    opener.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = $<SkDialog>(el, 'sk-dialog')!;
    await until(() => dialog.open);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open);
    expect(deepActive()).to.equal(opener);
    expect($$(el, 'li.session')).to.have.length(2);
  });

  it('signs out all other sessions after a confirmation that says how many', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    await signInElsewhere(account.email);
    const el = await fixture<ActiveSessions>(html`<active-sessions></active-sessions>`);
    await until(() => $$(el, 'li.session').length === 3);
    const all = $$(el, 'button').find((b) => b.textContent!.includes('Sign out all other sessions'))!;
    all.click();
    const dialog = $<SkDialog>(el, 'sk-dialog')!;
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('2 other sessions will be signed out');
    const revoked = oneEvent(el, 'sk-session-revoked');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await revoked).detail).to.deep.equal({ others: true, count: 2 });
    await until(() => $$(el, 'li.session').length === 1);
    expect($(el, '.alert.success')!.textContent).to.contain('Signed out 2 other sessions');
  });

  it("shows the exact time in the user's timezone from the profile", async () => {
    await signUpFresh();
    await fetch('/api/profile', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timezone: 'Asia/Tokyo' }) });
    const provider = document.createElement('settings-provider');
    provider.append(document.createElement('active-sessions'));
    await fixture(provider);
    const el = provider.querySelector('active-sessions')!;
    await until(() => $$(el, 'li.session .when').length === 1 && provider.root.user);
    await until(() => $(el, 'li.session .exact')!.textContent!.includes(tokyoHour($(el, 'li.session time')!.getAttribute('datetime')!)));
  });

  it('shows an error with "Try again", which loads the list', async () => {
    let fail = true;
    const el = document.createElement('active-sessions');
    const session = { id: 's1', current: true, device: 'Desktop', browser: 'Chrome', os: 'Linux', ip: null, country: null, createdAt: new Date().toISOString(), lastActiveAt: new Date().toISOString() };
    const provider = providerWith(
      {
        'GET /me': me,
        'GET /security/sessions': () => (fail ? apiError(500, 'internal', 'Something went wrong on our side. Please try again.') : { available: true, sessions: [session] }),
      },
      el,
    );
    await fixture(provider);
    await until(() => $(el, '[role=alert]'));
    expect($(el, '[role=alert]')!.textContent).to.contain('Something went wrong');
    fail = false;
    $$(el, 'button').find((b) => b.textContent!.includes('Try again'))!.click();
    await until(() => $$(el, 'li.session').length === 1);
    expect($(el, '[role=alert]')).to.equal(null);
  });

  it('hides itself when the server has no sessions to show (host identity without a sessions adapter)', async () => {
    const el = document.createElement('active-sessions');
    await fixture(providerWith({ 'GET /me': me, 'GET /security/sessions': { available: false, sessions: [] } }, el));
    await until(() => el.hidden);
    expect(getComputedStyle(el).display).to.equal('none');
    expect($$(el, 'li.session')).to.have.length(0);
    expect($(el, '.empty')).to.equal(null); // no "No active sessions." either
  });

  it('is accessible, with the dialog open too', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    const el = await fixture<ActiveSessions>(html`<active-sessions></active-sessions>`);
    await until(() => $$(el, 'li.session').length === 2);
    await expect(el).to.be.accessible();
    $$(el, 'li.session button.danger')[0]!.click();
    await until(() => $<SkDialog>(el, 'sk-dialog')!.open);
    await expect(el).to.be.accessible();
  });
});
