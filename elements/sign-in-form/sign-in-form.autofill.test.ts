import { expect, fixture, html } from '@open-wc/testing';
import { signOut, until } from '../../test/element-helpers';
import type { SignInForm } from './sign-in-form';
import './sign-in-form';

/**
 * Passkey autofill (conditional mediation) with a fake availability and a recording
 * `navigator.credentials.get`: no authenticator needed. The recorder answers a conditional request
 * only by rejecting when it is aborted, as a browser does; a modal request is dismissed at once.
 */
type Call = { mediation?: string; signal: AbortSignal; aborted: boolean };
let calls: Call[] = [];
let available = true;
const original = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'isConditionalMediationAvailable');

beforeEach(async () => {
  await signOut();
  calls = [];
  available = true;
  Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: async () => available });
  Object.defineProperty(navigator.credentials, 'get', {
    configurable: true,
    value: (options: CredentialRequestOptions) => {
      const call: Call = { mediation: options.mediation, signal: options.signal!, aborted: false };
      calls.push(call);
      return new Promise((_, reject) => {
        const abort = () => {
          call.aborted = true;
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        };
        if (options.mediation !== 'conditional') reject(new DOMException('Dismissed.', 'NotAllowedError'));
        else options.signal!.addEventListener('abort', abort);
      });
    },
  });
});
afterEach(() => {
  delete (navigator.credentials as { get?: unknown }).get;
  if (original) Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', original);
});

const $ = <T extends HTMLElement = HTMLElement>(el: SignInForm, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

describe('<sign-in-form> passkey autofill', () => {
  it('offers passkeys in the email autofill and aborts the request when the password form is submitted', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    expect($(el, 'input[name=email]').getAttribute('autocomplete')).to.equal('username webauthn');
    await until(() => calls.length === 1);
    expect(calls[0]!.mediation).to.equal('conditional');
    expect(calls[0]!.signal.aborted).to.be.false;
    $<HTMLInputElement>(el, 'input[name=email]').value = 'nobody@example.com';
    $<HTMLInputElement>(el, 'input[name=password]').value = 'not a real password';
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await until(() => calls[0]!.aborted);
    expect(calls[0]!.signal.aborted).to.be.true;
  });

  it('aborts it when the element leaves the page', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await until(() => calls.length === 1);
    el.remove();
    await until(() => calls[0]!.aborted);
  });

  it('aborts it for "Sign in with a passkey", which asks with the browser dialog instead', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    await until(() => calls.length === 1);
    $<HTMLButtonElement>(el, 'button[part=passkey]').click();
    await until(() => calls.length === 2);
    expect(calls[0]!.aborted).to.be.true;
    expect(calls[1]!.mediation).to.equal(undefined);
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.contain('No passkey was used');
  });

  it('is not started while creating an account, nor where the browser has no autofill for passkeys', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form mode="sign-up"></sign-in-form>`);
    expect($(el, 'input[name=email]').getAttribute('autocomplete')).to.equal('email');
    available = false;
    el.mode = 'sign-in';
    await el.updateComplete;
    // Switching back to sign-up with a request running aborts it.
    available = true;
    el.mode = 'sign-up';
    await el.updateComplete;
    el.mode = 'sign-in';
    await until(() => calls.length === 1);
    el.mode = 'sign-up';
    await until(() => calls[0]!.aborted);
  });
});
