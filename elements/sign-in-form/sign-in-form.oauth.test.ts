import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { generate } from 'otplib';
import { createApiClient, read } from '../api/client';
import { lastMessageTo, PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import type { SignInForm } from './sign-in-form';
import './sign-in-form';
import { smsAccount } from '../../test/sms-account';

const api = () => createApiClient('/api');
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
/** The code step's shadow root while it shows, else the form's. */
const root = (el: SignInForm) => el.shadowRoot!.querySelector('two-factor-challenge')?.shadowRoot ?? el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLElement>(el: SignInForm, selector: string) => root(el).querySelector<T>(selector)!;
const buttonNamed = (el: SignInForm, name: RegExp) => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()));
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};

/**
 * A signed-out account with TOTP on and a pending two-factor challenge in this browser: the state a
 * provider sign-in leaves behind before redirecting with `?oauth=two_factor_required` (the password
 * step sets the same challenge cookie; the element test server has no OAuth provider).
 */
async function pendingChallenge() {
  await signUpFresh();
  const { secret } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } }));
  await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }));
  const { email } = await read(api().me.$get()).then((r) => r.user);
  await signOut();
  const result = await read(api().auth['sign-in'].$post({ json: { email, password: PASSWORD } }));
  expect(result.status).to.equal('two_factor_required');
  return { email, secret };
}

describe('<sign-in-form> after a provider sign-in', () => {
  const before = location.href;
  afterEach(async () => {
    history.replaceState(null, '', before);
    await signOut();
  });

  it('shows the providers slot under the password form, also while creating an account', async () => {
    await signOut();
    const el = await fixture<SignInForm>(html`<sign-in-form><span slot="providers">Continue with Google</span></sign-in-form>`);
    const slot = $<HTMLSlotElement>(el, 'slot[name=providers]');
    expect(slot.assignedElements()).to.have.length(1);
    expect(slot.compareDocumentPosition($(el, 'button[type=submit]')) & Node.DOCUMENT_POSITION_PRECEDING).to.be.ok;
    buttonNamed(el, /Create an account/)!.click();
    await el.updateComplete;
    expect(el.mode).to.equal('sign-up');
    expect(root(el).querySelector<HTMLSlotElement>('slot[name=providers]')!.assignedElements()).to.have.length(1);
    expect(el.querySelector('span')!.checkVisibility()).to.be.true;
  });

  // First, before any test leaves a challenge cookie behind in this browser context.
  it('sends the user back to sign in when the challenge is gone', async () => {
    await signOut();
    history.replaceState(null, '', `${location.pathname}?oauth=two_factor_required&provider=google`);
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await el.updateComplete;
    type($<HTMLInputElement>(el, 'input[name=code]'), '123456');
    await until(() => root(el).querySelector('input[name=email]'));
    expect($(el, '[role=alert]').textContent).to.contain('Sign in with Google again');
  });

  it('goes to the code step on ?oauth=two_factor_required, tidies the address, and finishes the sign-in', async () => {
    const account = await pendingChallenge();
    history.replaceState(null, '', `${location.pathname}?oauth=two_factor_required&provider=google`);
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await el.updateComplete;
    expect($(el, '#code-title').textContent).to.contain('Two-factor authentication');
    expect($(el, 'form p').textContent).to.contain('Google confirmed who you are');
    expect(location.search).to.equal('');
    expect(buttonNamed(el, /Use a recovery code/)).to.exist;
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'sk-signed-in');
    type($<HTMLInputElement>(el, 'input[name=code]'), await codeAt(account.secret));
    expect((await signedIn).detail.user.email).to.equal(account.email);
  });

  it('drops "Text me a code" with a clear message when the account has no SMS', async () => {
    await pendingChallenge();
    history.replaceState(null, '', `${location.pathname}?oauth=two_factor_required&provider=github`);
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await el.updateComplete;
    buttonNamed(el, /Text me a code/)!.click();
    await until(() => root(el).querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.contain('Text-message codes are not set up');
    expect(buttonNamed(el, /Text me a code/)).to.be.undefined;
    expect($(el, '#code-title').textContent).to.contain('Two-factor authentication');
  });

  it('offers an SMS-only user the SMS step from the redirect\'s methods, not an authenticator code', async () => {
    const { phone, setupCode, ...account } = await smsAccount();
    expect((await read(api().auth['sign-in'].$post({ json: { email: account.email, password: PASSWORD } }))).status).to.equal('two_factor_required');
    history.replaceState(null, '', `${location.pathname}?oauth=two_factor_required&provider=google&methods=sms,recovery_code`);
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await until(() => root(el).querySelector('#code-title'));
    expect($(el, '#code-title').textContent).to.contain('Check your phone');
    expect($(el, 'label[for=one-time-code]').textContent).to.contain('Code from the text message');
    expect(buttonNamed(el, /authenticator/)).to.be.undefined;
    expect(location.search).to.equal('');
    let code = '';
    await until(() => /Send a new code in/.test(root(el).querySelector('.resend')?.textContent ?? ''));
    const message = await lastMessageTo(phone);
    code = /(\d{6})/.exec(message!.body)![1]!;
    expect(code).to.not.equal(setupCode);
    const signedIn = oneEvent(el, 'sk-signed-in');
    type($<HTMLInputElement>(el, 'input[name=code]'), code);
    expect((await signedIn).detail.user.email).to.equal(account.email);
  });
});
