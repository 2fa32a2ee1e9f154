import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { generate } from 'otplib';
import { createApiClient, read } from '../api/client';
import { lastMessageTo, PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTiedToError } from '../../test/field-assertions';
import type { TwoFactorSetup } from './two-factor-setup';
import './two-factor-setup';

const $ = <T extends Element = HTMLElement>(el: TwoFactorSetup, selector: string) => el.shadowRoot!.querySelector<T & HTMLElement>(selector)!;
const buttonNamed = (el: TwoFactorSetup, name: RegExp) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()))!;
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
const ready = async (el: TwoFactorSetup) => {
  await until(() => el.shadowRoot!.querySelector('.status, [role=alert]'));
  await el.updateComplete;
};
const type = async (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};
const api = () => createApiClient('/api');

/** Enables TOTP over the API (with the previous step's code, so the current step stays usable). */
async function enableTotpByApi() {
  const { secret } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } }));
  const { recoveryCodes } = await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }));
  return { secret, recoveryCodes };
}

async function toScanStep(el: TwoFactorSetup) {
  buttonNamed(el, /Set up an authenticator app/).click();
  await el.updateComplete;
  $<HTMLInputElement>(el, 'input[name=password]').value = PASSWORD;
  buttonNamed(el, /^Continue$/).click();
  await until(() => el.shadowRoot!.querySelector('.key'));
  return $(el, '.key').textContent!.replace(/\s+/g, '');
}

describe('<two-factor-setup>', () => {
  afterEach(signOut);

  it('shows the "off" status with both ways to set it up, and is accessible', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    expect($(el, '.status').textContent).to.contain('Off');
    expect(buttonNamed(el, /Set up an authenticator app/)).to.exist;
    expect(buttonNamed(el, /Use text messages instead/)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the loading state, then an error with a retry when /security fails; "Try again" loads the status', async () => {
    await signOut();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    expect(el.shadowRoot!.textContent).to.contain('Loading');
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect($(el, '[part=load-error]').textContent).to.contain('Sign in');
    await signUpFresh();
    buttonNamed(el, /Try again/).click();
    await until(() => el.shadowRoot!.querySelector('.status'));
    expect($(el, '.status').textContent).to.contain('Off');
    expect(el.shadowRoot!.querySelector('[part=load-error]')).to.equal(null);
  });

  it('password step: a wrong password is named next to the field; cancel returns to the status', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    buttonNamed(el, /Set up an authenticator app/).click();
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.be.true;
    await until(() => el.shadowRoot!.activeElement === $(el, 'input[name=password]'));
    $<HTMLInputElement>(el, 'input[name=password]').value = 'not my password';
    buttonNamed(el, /^Continue$/).click();
    await until(() => el.shadowRoot!.querySelector('.field-error'));
    expectTiedToError(el.shadowRoot!, '#tfa-password', 'not correct');
    await expect(el).to.be.accessible();
    buttonNamed(el, /^Cancel$/).click();
    await el.updateComplete;
    expect($(el, '.status')).to.exist;
    expect(el.hasAttribute('sk-dirty')).to.be.false;
  });

  it('scan step: QR image, grouped key with copy, a wrong code clears with an error, cancel setup drops it', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    const secret = await toScanStep(el);
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect($(el, '.key').textContent).to.match(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const qr = $<HTMLImageElement>(el, 'img[part=qr]');
    expect(qr.getAttribute('src')).to.match(/^data:image\/svg\+xml/);
    expect(qr.alt).to.contain('QR code');
    const input = $<HTMLInputElement>(el, 'input[name=code]');
    expect(input.inputMode).to.equal('numeric');
    expect(input.autocomplete).to.equal('one-time-code');
    expect(el.shadowRoot!.activeElement === input, 'the code input has focus').to.be.true;
    buttonNamed(el, /Copy key/).click();
    await until(() => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim());
    await expect(el).to.be.accessible();

    const right = await codeAt(secret);
    await type(input, right === '000000' ? '111111' : '000000'); // 6 digits: submits by itself
    await until(() => el.shadowRoot!.querySelector('#totp-code-error'));
    expect($(el, '#totp-code-error').textContent).to.contain('did not work');
    expect($<HTMLInputElement>(el, 'input[name=code]').value).to.equal('');
    expectTiedToError(el.shadowRoot!, '#totp-code', 'did not work');

    buttonNamed(el, /Cancel setup/).click();
    await until(() => el.shadowRoot!.querySelector('.status'));
    const security = await read(api().security.$get());
    expect(security.twoFactor.totpPending).to.be.false;
  });

  it('pasting "123 456" keeps the digits only', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    const secret = await toScanStep(el);
    const code = await codeAt(secret);
    const input = $<HTMLInputElement>(el, 'input[name=code]');
    const enabled = oneEvent(el, 'sk-two-factor-enabled');
    await type(input, `${code.slice(0, 3)} ${code.slice(3)}`);
    await until(() => el.shadowRoot!.querySelector('.codes'));
    const codes = [...el.shadowRoot!.querySelectorAll('.codes code')].map((c) => c.textContent);
    expect(codes).to.have.length(10);
    // Done waits for the acknowledgement.
    expect(buttonNamed(el, /^Done$/).disabled).to.be.true;
    $<HTMLInputElement>(el, 'input[name=saved]').click();
    await el.updateComplete;
    buttonNamed(el, /^Done$/).click();
    expect((await enabled).detail).to.deep.equal({ method: 'totp' });
  });

  it('codes screen: copy, download as .txt, print, and is accessible', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    const secret = await toScanStep(el);
    await type($<HTMLInputElement>(el, 'input[name=code]'), await codeAt(secret));
    await until(() => el.shadowRoot!.querySelector('.codes'));
    const codes = [...el.shadowRoot!.querySelectorAll('.codes code')].map((c) => c.textContent!);
    await expect(el).to.be.accessible();

    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob | MediaSource) => ((blob = b as Blob), original.call(URL, b));
    try {
      buttonNamed(el, /Download/).click();
    } finally {
      URL.createObjectURL = original;
    }
    const text = await blob!.text();
    for (const code of codes) expect(text).to.contain(code);

    const customElement = customElements.get('two-factor-setup') as unknown as { printWindow: (w: Window) => void };
    const realPrint = customElement.printWindow;
    let printed = '';
    customElement.printWindow = (w) => (printed = w.document.body.textContent ?? '');
    try {
      buttonNamed(el, /^Print$/).click();
    } finally {
      customElement.printWindow = realPrint;
    }
    for (const code of codes) expect(printed).to.contain(code);

    buttonNamed(el, /^Copy$/).click();
    await until(() => /cop/i.test(el.shadowRoot!.querySelector('[role=status]')!.textContent!));
  });

  it('can be completed with the keyboard alone', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    const enabled = oneEvent(el, 'sk-two-factor-enabled');
    const focusOn = async (predicate: (e: Element | null) => boolean, max = 15) => {
      for (let i = 0; i < max && !predicate(el.shadowRoot!.activeElement); i++) await sendKeys({ press: 'Tab' });
      expect(predicate(el.shadowRoot!.activeElement), 'focus reached its target').to.be.true;
    };
    el.focus();
    await focusOn((e) => /Set up an authenticator app/.test(e?.textContent ?? ''));
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'password');
    await sendKeys({ type: PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'code');
    const secret = $(el, '.key').textContent!.replace(/\s+/g, '');
    await sendKeys({ type: await codeAt(secret) });
    await until(() => el.shadowRoot!.querySelector('.codes'));
    await focusOn((e) => e?.getAttribute('name') === 'saved');
    await sendKeys({ press: 'Space' });
    await focusOn((e) => e?.textContent?.trim() === 'Done');
    await sendKeys({ press: 'Enter' });
    expect((await enabled).detail.method).to.equal('totp');
    await until(() => el.shadowRoot!.querySelector('.methods'));
  });

  it('"on" status: methods, codes left; regenerate behind a password dialog shows new codes', async () => {
    await signUpFresh();
    await enableTotpByApi();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    expect($(el, '.methods').textContent).to.contain('10 left');
    await expect(el).to.be.accessible();
    buttonNamed(el, /Get new codes/).click();
    await until(() => el.shadowRoot!.querySelector<HTMLDialogElement>('#regenerate-dialog')!.open);
    const dialog = $<HTMLDialogElement>(el, '#regenerate-dialog');
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLInputElement>('input[type=password]')!.value = 'wrong one';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => dialog.querySelector('.field-error'));
    expect(dialog.querySelector('.field-error')!.textContent).to.contain('not correct');
    dialog.querySelector<HTMLInputElement>('input[type=password]')!.value = PASSWORD;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => el.shadowRoot!.querySelector('.codes'));
    expect(dialog.open).to.be.false;
    expect(el.shadowRoot!.querySelectorAll('.codes code')).to.have.length(10);
  });

  it('turning off asks for the password in a dialog and emits sk-two-factor-disabled', async () => {
    await signUpFresh();
    await enableTotpByApi();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    buttonNamed(el, /Turn off two-factor authentication/).click();
    await until(() => el.shadowRoot!.querySelector<HTMLDialogElement>('#disable-dialog')!.open);
    const dialog = $<HTMLDialogElement>(el, '#disable-dialog');
    expect(dialog.textContent).to.contain('recovery codes');
    // Cancel keeps it on.
    dialog.querySelector<HTMLButtonElement>('button[type=button]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.be.false;
    buttonNamed(el, /Turn off two-factor authentication/).click();
    await until(() => dialog.open);
    dialog.querySelector<HTMLInputElement>('input[type=password]')!.value = PASSWORD;
    const disabled = oneEvent(el, 'sk-two-factor-disabled');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await disabled;
    await until(() => el.shadowRoot!.querySelector('.status')?.textContent?.includes('Off'));
  });

  it('SMS: phone and password, texted code, resend countdown, wrong code, then on', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    buttonNamed(el, /Use text messages instead/).click();
    await el.updateComplete;
    const phoneInput = $<HTMLInputElement>(el, 'input[name=phone]');
    expect(phoneInput.type).to.equal('tel');
    expect($(el, '#sms-phone-hint').textContent).to.contain('country code');
    phoneInput.value = '12345';
    $<HTMLInputElement>(el, 'input[name=password]').value = PASSWORD;
    buttonNamed(el, /Send code/).click();
    await el.updateComplete;
    expectTiedToError(el.shadowRoot!, '#sms-phone', '+');
    expect($(el, '#sms-phone').getAttribute('aria-describedby')).to.contain('sms-phone-hint');
    // The theme draws the invalid field with the danger border, not the neutral one (#13.13).
    const danger = getComputedStyle($(el, '.field-error')).color;
    expect(getComputedStyle(phoneInput).borderTopColor).to.equal(danger);
    await expect(el).to.be.accessible();

    const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    $<HTMLInputElement>(el, 'input[name=phone]').value = phone;
    $<HTMLInputElement>(el, 'input[name=password]').value = PASSWORD;
    buttonNamed(el, /Send code/).click();
    await until(() => el.shadowRoot!.querySelector('#sms-code'));
    const resend = $<HTMLButtonElement>(el, 'button.resend');
    expect(resend.disabled).to.be.true;
    expect(resend.textContent).to.match(/Resend code in 0:(30|29)/);
    await expect(el).to.be.accessible();

    const message = await lastMessageTo(phone);
    const code = /(\d{6})/.exec(message!.body)![1]!;
    await type($<HTMLInputElement>(el, 'input[name=code]'), code === '000000' ? '111111' : '000000');
    await until(() => el.shadowRoot!.querySelector('#sms-code-error'));
    const enabled = oneEvent(el, 'sk-two-factor-enabled');
    await type($<HTMLInputElement>(el, 'input[name=code]'), code);
    await until(() => el.shadowRoot!.querySelector('.codes'));
    $<HTMLInputElement>(el, 'input[name=saved]').click();
    await el.updateComplete;
    buttonNamed(el, /^Done$/).click();
    expect((await enabled).detail.method).to.equal('sms');
    await until(() => el.shadowRoot!.querySelector('.methods'));
    expect($(el, '.methods').textContent).to.contain(`•${phone.slice(-2)}`);
  });

  it('locked: after five wrong passwords the step shows a live countdown and disables Continue', async () => {
    await signUpFresh();
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    buttonNamed(el, /Set up an authenticator app/).click();
    await el.updateComplete;
    for (let i = 0; i < 6 && !el.shadowRoot!.querySelector('.countdown'); i++) {
      $<HTMLInputElement>(el, 'input[name=password]').value = `wrong password ${i}`;
      buttonNamed(el, /^Continue$|^Checking/).click();
      await el.updateComplete;
      await until(() => !buttonNamed(el, /^Continue$|^Checking/).textContent!.includes('Checking'));
      await el.updateComplete;
    }
    await until(() => el.shadowRoot!.querySelector('.countdown')).catch(() => {
      throw new Error('no countdown: ' + el.shadowRoot!.querySelector('form')!.textContent!.replace(/\s+/g, ' '));
    });
    expect($(el, '[role=alert]').textContent).to.contain('Too many failed attempts');
    expect($(el, '.countdown').textContent).to.match(/^[45]:\d\d$/);
    expect(buttonNamed(el, /^Continue$/).disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('both methods on: each can be turned off alone, and few codes left shows a warning', async () => {
    const account = await signUpFresh();
    void account;
    await enableTotpByApi();
    const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
    await read(api().security['two-factor'].sms.setup.$post({ json: { password: PASSWORD, phone } }));
    const code = /(\d{6})/.exec((await lastMessageTo(phone))!.body)![1]!;
    await read(api().security['two-factor'].sms.enable.$post({ json: { code } }));
    const el = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(el);
    const rows = [...el.shadowRoot!.querySelectorAll('.methods li')];
    expect(rows[0]!.textContent).to.contain('Authenticator app');
    expect(rows[1]!.textContent).to.contain(`•${phone.slice(-2)}`);
    expect(rows[0]!.querySelector('button')!.textContent).to.contain('Turn off');
    rows[1]!.querySelector<HTMLButtonElement>('button')!.click();
    const dialog = $<HTMLDialogElement>(el, '#disable-dialog');
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('Turn off text-message codes?');
    dialog.querySelector<HTMLInputElement>('input[type=password]')!.value = PASSWORD;
    const disabled = oneEvent(el, 'sk-two-factor-disabled');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await disabled).detail).to.deep.equal({ method: 'sms' });
    await until(() => el.shadowRoot!.querySelectorAll('.methods li')[1]?.querySelector('.badge')?.textContent === 'Off');
    expect(el.shadowRoot!.querySelector('.methods')!.textContent).not.to.contain('•');
    expect($(el, '.status').textContent).to.contain('On');

    // Use eight recovery codes: the warning appears.
    el.remove();
    const { recoveryCodes } = await read(api().security['two-factor']['recovery-codes'].$post({ json: { password: PASSWORD } }));
    const email = (await read(api().me.$get())).user.email;
    for (const c of recoveryCodes.slice(0, 8)) {
      await signOut();
      await read(api().auth['sign-in'].$post({ json: { email, password: PASSWORD } }));
      await read(api().auth['sign-in']['two-factor'].$post({ json: { method: 'recovery_code', code: c } }));
    }
    const again = await fixture<TwoFactorSetup>(html`<two-factor-setup></two-factor-setup>`);
    await ready(again);
    expect($(again, '.methods').textContent).to.contain('2 left');
    expect(again.shadowRoot!.querySelector('.alert.warning')!.textContent).to.contain('running out');
    await expect(again).to.be.accessible();
  });
});
