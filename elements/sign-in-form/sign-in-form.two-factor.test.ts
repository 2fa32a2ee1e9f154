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
const buttonNamed = (el: SignInForm, name: RegExp) => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()))!;
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};

/** A signed-out account with TOTP on (enabled with the previous step's code, so the current one is free). */
async function totpAccount() {
  const account = await signUpFresh();
  const { secret } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } }));
  const { recoveryCodes } = await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }));
  await signOut();
  return { ...account, secret, recoveryCodes };
}

async function toCodeStep(email: string) {
  const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
  $<HTMLInputElement>(el, 'input[name=email]').value = email;
  $<HTMLInputElement>(el, 'input[name=password]').value = PASSWORD;
  $<HTMLButtonElement>(el, 'button[type=submit]').click();
  await until(() => root(el).querySelector('#code-title'));
  await el.updateComplete;
  return el;
}

describe('<sign-in-form> code step', () => {
  afterEach(signOut);

  it('asks for the authenticator code after the password, then signs in (auto-submit on 6 digits)', async () => {
    const account = await totpAccount();
    const el = await toCodeStep(account.email);
    expect($(el, '#code-title').textContent).to.contain('Two-factor authentication');
    const input = $<HTMLInputElement>(el, 'input[name=code]');
    expect(input.inputMode).to.equal('numeric');
    await until(() => root(el).activeElement === input);
    expect(buttonNamed(el, /Use a recovery code/)).to.exist;
    expect(buttonNamed(el, /Text me a code/)).to.be.undefined; // SMS is off for this account
    await expect(el).to.be.accessible();
    const signedIn = oneEvent(el, 'sk-signed-in');
    type(input, await codeAt(account.secret));
    expect((await signedIn).detail.user.email).to.equal(account.email);
  });

  it('shows a wrong code next to the field and clears it', async () => {
    const account = await totpAccount();
    const el = await toCodeStep(account.email);
    const right = await codeAt(account.secret);
    type($<HTMLInputElement>(el, 'input[name=code]'), right === '000000' ? '111111' : '000000');
    await until(() => root(el).querySelector('#one-time-code-error'));
    expect($(el, '#one-time-code-error').textContent).to.contain('did not work');
    expect($(el, 'input[name=code]').getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, 'input[name=code]').value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('signs in with a recovery code and trusts the device for 30 days when asked', async () => {
    const account = await totpAccount();
    const el = await toCodeStep(account.email);
    buttonNamed(el, /Use a recovery code/).click();
    await el.updateComplete;
    expect($(el, '#code-title').textContent).to.contain('recovery code');
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, 'input[name=trustDevice]').click();
    type($<HTMLInputElement>(el, 'input[name=code]'), account.recoveryCodes[0]!.toUpperCase());
    const signedIn = oneEvent(el, 'sk-signed-in');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await signedIn;
    const { devices } = await read(api().security['trusted-devices'].$get());
    expect(devices).to.have.length(1);
    // Next time, the password alone is enough on this browser.
    await signOut();
    const result = await read(api().auth['sign-in'].$post({ json: { email: account.email, password: PASSWORD } }));
    expect(result.status).to.equal('signed_in');
  });

  it('"Back to sign in" returns to the password step', async () => {
    const account = await totpAccount();
    const el = await toCodeStep(account.email);
    buttonNamed(el, /Back to sign in/).click();
    await until(() => root(el).querySelector<HTMLInputElement>('input[name=email]')?.value === account.email);
    expect(el.shadowRoot!.activeElement === $(el, 'input[name=email]'), 'focus is on the email').to.be.true;
  });

  it('shows the lock countdown after five wrong codes', async () => {
    const account = await totpAccount();
    const el = await toCodeStep(account.email);
    const right = await codeAt(account.secret);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 6; i++) {
      type($<HTMLInputElement>(el, 'input[name=code]'), wrong);
      await until(() => root(el).querySelector('#one-time-code-error') || root(el).querySelector('.countdown'));
      await until(() => !$<HTMLButtonElement>(el, 'button[type=submit]').textContent!.includes('wait'));
      if (root(el).querySelector('.countdown')) break;
    }
    await until(() => root(el).querySelector('.countdown'));
    expect($(el, '[role=alert]').textContent).to.contain('Too many failed attempts');
    expect($(el, '.countdown').textContent).to.match(/^[45]:\d\d$/);
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.be.true;
  });

  it('texts a code when SMS is the method, with a resend countdown', async () => {
    const { phone, setupCode, ...account } = await smsAccount();
    const el = await toCodeStep(account.email);
    expect($(el, '#code-title').textContent).to.contain('Check your phone');
    await until(() => /Send a new code in 0:[23]\d/.test(root(el).querySelector('.resend')?.textContent ?? ''));
    expect($<HTMLButtonElement>(el, '.resend').disabled).to.be.true;
    await expect(el).to.be.accessible();
    let code = '';
    await until(async () => {
      const message = await lastMessageTo(phone);
      const found = /(\d{6})/.exec(message?.body ?? '')?.[1];
      if (found && found !== setupCode) code = found;
      return code;
    });
    await until(() => code);
    const signedIn = oneEvent(el, 'sk-signed-in');
    type($<HTMLInputElement>(el, 'input[name=code]'), code);
    expect((await signedIn).detail.user.email).to.equal(account.email);
  });
});
