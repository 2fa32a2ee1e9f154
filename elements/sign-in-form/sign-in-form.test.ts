import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { apiError } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import type { SignInForm } from './sign-in-form';
import './sign-in-form';

const fill = (el: SignInForm, email: string, password: string) => {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>('input[name=email]')!.value = email;
  root.querySelector<HTMLInputElement>('input[name=password]')!.value = password;
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
};

describe('<sign-in-form>', () => {
  afterEach(signOut);

  it('signs in and emits sk-signed-in with the user', async () => {
    const account = await signUpFresh();
    await signOut();
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    const signedIn = oneEvent(el, 'sk-signed-in');
    fill(el, account.email, PASSWORD);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).to.be.true;
    const event = await signedIn;
    expect(event.detail.user.email).to.equal(account.email);
  });

  it('shows the error for a wrong password, and keeps the email', async () => {
    const account = await signUpFresh();
    await signOut();
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    fill(el, account.email, 'not the right one');
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('not correct');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name=email]')!.value).to.equal(account.email);
  });

  it('names empty fields without calling the server', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    fill(el, '', '');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#email-error')!.textContent).to.contain('email');
    expect(el.shadowRoot!.querySelector('input[name=email]')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('shows a live lock countdown after five failures and disables the button', async () => {
    const account = await signUpFresh();
    await signOut();
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    for (let i = 0; i < 6; i++) {
      fill(el, account.email, 'wrong password ' + i);
      await el.updateComplete;
      await until(() => !el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.textContent!.includes('wait'));
      await el.updateComplete;
    }
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Too many failed attempts');
    const first = alert.querySelector('.countdown')!.textContent;
    expect(first).to.match(/^[45]:\d\d$/);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).to.be.true;
    // The countdown ticks on its own: wait for the next second, not a fixed time.
    await until(() => el.shadowRoot!.querySelector('.countdown')!.textContent !== first, 3000);
    expect(el.shadowRoot!.querySelector('.countdown')!.textContent).to.match(/^[45]:\d\d$/);
  });

  it('says in words that an account is disabled, or that another attempt is being checked', async () => {
    const answers = [
      apiError(403, 'account_disabled', 'This account is disabled. Contact your administrator.'),
      apiError(429, 'try_again', 'Another sign-in attempt for this account is still being checked.', undefined, { 'Retry-After': '1' }),
    ];
    const el = document.createElement('sign-in-form');
    await fixture(html`${providerWith({ 'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'), 'POST /auth/sign-in': () => answers.shift() }, el)}`);
    const alertText = () => el.shadowRoot!.querySelector('[role=alert]')?.textContent ?? '';
    fill(el, 'someone@example.com', PASSWORD);
    await until(() => alertText().includes('disabled'));
    expect(alertText()).to.contain('administrator');
    fill(el, 'someone@example.com', PASSWORD);
    await until(() => alertText().includes('Try again in a moment'));
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).to.be.false;
  });

  it('signs up through the switch', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.switch button')!.click();
    await el.updateComplete;
    expect(el.mode).to.equal('sign-up');
    const signedIn = oneEvent(el, 'sk-signed-in');
    fill(el, `new-${Date.now()}@example.com`, PASSWORD);
    expect((await signedIn).detail.user.role).to.be.oneOf(['user', 'admin']);
  });

  it('shows the product identity: a logo in the brand slot and the app-name in the heading', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form app-name="Acme CRM"><img slot="brand" alt="Acme" width="40" height="40" /></sign-in-form>`);
    const brand = el.shadowRoot!.querySelector<HTMLElement>('[part=brand]')!;
    await until(() => !brand.hidden);
    expect(brand.querySelector('slot')!.assignedElements()[0]!.getAttribute('alt')).to.equal('Acme');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Sign in to Acme CRM');
    el.mode = 'sign-up';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Create your Acme CRM account');
    // Without either, no empty box above the heading and the plain title.
    const plain = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    expect(plain.shadowRoot!.querySelector<HTMLElement>('[part=brand]')!.hidden).to.be.true;
    expect(plain.shadowRoot!.querySelector('h2')!.textContent).to.equal('Sign in');
  });

  it('centres the card vertically in a column taller than it', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form style="--sk-auth-min-height: 900px"></sign-in-form>`);
    const host = el.getBoundingClientRect();
    const card = el.shadowRoot!.querySelector('form')!.getBoundingClientRect();
    expect(host.height).to.equal(900);
    expect(Math.abs(card.top - host.top - (host.bottom - card.bottom))).to.be.below(2);
  });

  it('is accessible', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await expect(el).to.be.accessible();
    el.mode = 'sign-up';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
