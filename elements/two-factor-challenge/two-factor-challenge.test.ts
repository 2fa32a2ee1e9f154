import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { generate } from 'otplib';
import { createApiClient, read } from '../api/client';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import { parseMethods, type TwoFactorChallenge } from './two-factor-challenge';
import './two-factor-challenge';

const api = () => createApiClient('/api');
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
const $ = <T extends HTMLElement = HTMLElement>(el: TwoFactorChallenge, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const buttonNamed = (el: TwoFactorChallenge, name: RegExp) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()));
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};
const hostChallenge = (methods: string) => fixture<TwoFactorChallenge>(html`<two-factor-challenge mode="host" methods=${methods}></two-factor-challenge>`);

describe('<two-factor-challenge> on a host login page (mode="host")', () => {
  it('reads the methods from the attribute (list or JSON), dropping unknown ones', () => {
    expect(parseMethods('totp, sms,recovery_code')).to.deep.equal(['totp', 'sms', 'recovery_code']);
    expect(parseMethods('["sms","bogus"]')).to.deep.equal(['sms']);
    expect(parseMethods(null)).to.deep.equal([]);
  });

  it('emits sk-two-factor-code and waits for the host: fail() shows the wrong code, succeed() ends it', async () => {
    const el = await hostChallenge('totp,recovery_code');
    expect($(el, '#code-title').textContent).to.contain('Two-factor authentication');
    expect(buttonNamed(el, /Text me a code/)).to.be.undefined;
    expect(buttonNamed(el, /Use a recovery code/)).to.exist;
    await until(() => el.shadowRoot!.activeElement === $(el, 'input[name=code]'));
    await expect(el).to.be.accessible();

    const first = oneEvent(el, 'sk-two-factor-code');
    type($<HTMLInputElement>(el, 'input[name=code]'), '123456');
    const event = await first;
    expect(event.detail).to.deep.equal({ method: 'totp', code: '123456', trustDevice: false });
    expect(event.cancelable).to.be.true;
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled, 'waiting for the host').to.be.true;

    el.fail();
    await el.updateComplete;
    expect($(el, '#one-time-code-error').textContent).to.contain('did not work');
    expect($(el, 'input[name=code]').getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, 'input[name=code]').value).to.equal('');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.be.false;

    const second = oneEvent(el, 'sk-two-factor-code');
    type($<HTMLInputElement>(el, 'input[name=code]'), '654321');
    expect((await second).detail.code).to.equal('654321');
    el.succeed();
    await el.updateComplete;
    expect($(el, '[role=status]').textContent).to.contain('Verified');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.be.true;
  });

  it('sends a recovery code with "trust this device"', async () => {
    const el = await hostChallenge('totp,recovery_code');
    buttonNamed(el, /Use a recovery code/)!.click();
    await el.updateComplete;
    expect($(el, '#code-title').textContent).to.contain('recovery code');
    $<HTMLInputElement>(el, 'input[name=trustDevice]').click();
    type($<HTMLInputElement>(el, 'input[name=code]'), 'abcde-12345');
    const sent = oneEvent(el, 'sk-two-factor-code');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect((await sent).detail).to.deep.equal({ method: 'recovery_code', code: 'abcde-12345', trustDevice: true });
    el.fail({ code: 'invalid_code' });
    await el.updateComplete;
    expect($(el, '#recovery-code-error').textContent).to.contain('may have been used already');
  });

  it('asks the host to text a code, with the resend countdown, and follows a rate limit', async () => {
    const el = await hostChallenge('sms');
    expect($(el, '#code-title').textContent).to.contain('Check your phone');
    expect($(el, 'form p').textContent).to.contain('We will text');
    const requested = oneEvent(el, 'sk-two-factor-sms-requested');
    $<HTMLButtonElement>(el, '.resend').click();
    await requested;
    await el.updateComplete;
    expect($(el, 'form p').textContent).to.contain('We texted');
    expect($(el, '.resend').textContent).to.match(/Send a new code in 0:(30|29)/);
    expect($<HTMLButtonElement>(el, '.resend').disabled).to.be.true;
    el.fail({ code: 'rate_limited', retryAfter: 120 });
    await el.updateComplete;
    expect($(el, '.resend').textContent).to.match(/Send a new code in (2:00|1:59)/);
    expect($(el, 'input[name=code]').getAttribute('autocomplete')).to.equal('one-time-code');
  });

  it('starts with the resend countdown when the host already texted the code (sms-sent)', async () => {
    const el = await fixture<TwoFactorChallenge>(html`<two-factor-challenge mode="host" methods="sms" sms-sent></two-factor-challenge>`);
    expect($(el, 'form p').textContent).to.contain('We texted');
    expect($<HTMLButtonElement>(el, '.resend').disabled).to.be.true;
  });

  it('shows the lock countdown when the host says the account is locked, and a message string as is', async () => {
    const el = await hostChallenge('totp');
    el.fail({ code: 'account_locked', retryAfter: 300 });
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.contain('Too many failed attempts');
    expect($(el, '.countdown').textContent).to.match(/^(5:00|4:59)$/);
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.be.true;

    const other = await hostChallenge('totp');
    other.fail('The login server is unreachable.');
    await other.updateComplete;
    expect($(other, '[role=alert]').textContent).to.contain('The login server is unreachable.');
  });

  it('"Back to sign in" emits sk-two-factor-cancelled, and the dark theme applies', async () => {
    const el = await fixture<TwoFactorChallenge>(html`<two-factor-challenge mode="host" methods="totp" theme="dark"></two-factor-challenge>`);
    expect(el.getAttribute('sk-theme')).to.equal('dark');
    const cancelled = oneEvent(el, 'sk-two-factor-cancelled');
    buttonNamed(el, /Back to sign in/)!.click();
    expect((await cancelled).detail).to.deep.equal({ reason: 'back' });
  });
});

describe('<two-factor-challenge> against the kit (mode="kit")', () => {
  afterEach(signOut);

  async function pendingChallenge() {
    await signUpFresh();
    const { secret } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } }));
    await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }));
    const { email } = (await read(api().me.$get())).user;
    await signOut();
    expect((await read(api().auth['sign-in'].$post({ json: { email, password: PASSWORD } }))).status).to.equal('two_factor_required');
    return { email, secret };
  }

  it('posts the code itself and emits sk-signed-in', async () => {
    const account = await pendingChallenge();
    const el = await fixture<TwoFactorChallenge>(html`<two-factor-challenge methods="totp,recovery_code"></two-factor-challenge>`);
    const seen = oneEvent(el, 'sk-two-factor-code');
    const signedIn = oneEvent(el, 'sk-signed-in');
    type($<HTMLInputElement>(el, 'input[name=code]'), await codeAt(account.secret));
    expect((await seen).detail.method).to.equal('totp');
    expect((await signedIn).detail.user).to.include({ email: account.email });
  });

  it('lets the page take over when sk-two-factor-code is cancelled', async () => {
    const account = await pendingChallenge();
    const el = await fixture<TwoFactorChallenge>(html`<two-factor-challenge methods="totp"></two-factor-challenge>`);
    el.addEventListener('sk-two-factor-code', (e) => e.preventDefault());
    const seen = oneEvent(el, 'sk-two-factor-code');
    type($<HTMLInputElement>(el, 'input[name=code]'), '000000');
    await seen;
    el.fail();
    await el.updateComplete;
    expect($(el, '#one-time-code-error').textContent).to.contain('did not work');
    // The kit never saw the code: the right one still signs in (no failure counted, nothing spent).
    const result = await read(api().auth['sign-in']['two-factor'].$post({ json: { method: 'totp', code: await codeAt(account.secret), trustDevice: false } }));
    expect(result.status).to.equal('signed_in');
  });
});
