import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { apiError, type fakeApi } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { lastMessageTo, PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import type { SignInForm } from '../sign-in-form/sign-in-form';
import '../sign-in-form/sign-in-form';
import type { ForgotPassword } from './forgot-password';
import './forgot-password';

const NEW_PASSWORD = 'a completely new passphrase';
const submit = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
const fill = (root: ShadowRoot, name: string, value: string) => (root.querySelector<HTMLInputElement>(`input[name=${name}]`)!.value = value);

describe('<forgot-password>', () => {
  afterEach(async () => {
    history.replaceState(null, '', location.pathname + location.search);
    await signOut();
  });

  it('is reached from <sign-in-form>, sends a link, and the link sets a new password (real server)', async () => {
    const account = await signUpFresh();
    await signOut();
    const form = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    fill(form.shadowRoot!, 'email', account.email);
    [...form.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Forgot password?'))!.click();
    await form.updateComplete;
    const el = form.shadowRoot!.querySelector('forgot-password') as ForgotPassword;
    expect(el).to.exist;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name=email]')!.value).to.equal(account.email);
    submit(el.shadowRoot!);
    await until(() => el.step === 'sent');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain(`If an account exists for ${account.email}`);

    const mail = await lastMessageTo(account.email);
    const token = decodeURIComponent(/#sk-reset-password=([^\s]+)/.exec(mail!.body)![1]!);
    history.replaceState(null, '', `#sk-reset-password=${encodeURIComponent(token)}`);
    const fromLink = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    const reset = fromLink.shadowRoot!.querySelector('forgot-password') as ForgotPassword;
    await reset.updateComplete;
    expect(reset.step).to.equal('reset');
    expect(location.hash).to.equal('');
    fill(reset.shadowRoot!, 'newPassword', 'short');
    submit(reset.shadowRoot!);
    await until(() => reset.shadowRoot!.querySelector('#newPassword-error'));
    expect(reset.shadowRoot!.querySelector('#newPassword-error')!.textContent).to.contain('at least 8');
    fill(reset.shadowRoot!, 'newPassword', NEW_PASSWORD);
    submit(reset.shadowRoot!);
    await until(() => reset.step === 'done');

    const signIn = (password: string) => fetch('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password }) });
    expect((await signIn(PASSWORD)).status).to.equal(401);
    expect((await signIn(NEW_PASSWORD)).status).to.equal(200);

    await reset.updateComplete;
    const back = oneEvent(reset, 'sk-back-to-sign-in');
    reset.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    await back;
    await fromLink.updateComplete;
    expect(fromLink.shadowRoot!.querySelector('forgot-password')).to.be.null;
  });

  it('answers an unknown address exactly like a known one (real server)', async () => {
    const el = await fixture<ForgotPassword>(html`<forgot-password email="nobody-here-at-all@example.com"></forgot-password>`);
    submit(el.shadowRoot!);
    await until(() => el.step === 'sent');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('If an account exists for nobody-here-at-all@example.com');
  });

  it('offers SMS when phone confirmation is on, and resets with the texted code', async () => {
    let sent: any = null;
    let reset: any = null;
    const el = document.createElement('forgot-password');
    el.email = 'ada@example.com';
    const routes: Parameters<typeof fakeApi>[0] = {
      'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'),
      'GET /auth/password-recovery': { methods: ['email', 'sms'] },
      'POST /auth/password-recovery': (_r, body) => ((sent = body), new Response(JSON.stringify({ accepted: true }), { status: 202, headers: { 'content-type': 'application/json' } })),
      'POST /auth/password-recovery/reset': (_r, body: any) =>
        body.code === '123456' ? ((reset = body), new Response(null, { status: 204 })) : apiError(400, 'invalid_token', 'This reset link or code is not valid any more. Ask for a new one.'),
    };
    await fixture(html`${providerWith(routes, el)}`);
    await until(() => el.shadowRoot!.querySelector('#by-sms'));
    el.shadowRoot!.querySelector<HTMLInputElement>('#by-sms')!.click();
    submit(el.shadowRoot!);
    await until(() => el.step === 'sent');
    expect(sent).to.deep.equal({ email: 'ada@example.com', method: 'sms' });
    await el.updateComplete;
    fill(el.shadowRoot!, 'code', '000000');
    fill(el.shadowRoot!, 'newPassword', NEW_PASSWORD);
    submit(el.shadowRoot!);
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('not valid any more');
    fill(el.shadowRoot!, 'code', '123456');
    fill(el.shadowRoot!, 'newPassword', NEW_PASSWORD);
    submit(el.shadowRoot!);
    await until(() => el.step === 'done');
    expect(reset).to.deep.equal({ email: 'ada@example.com', code: '123456', newPassword: NEW_PASSWORD });
  });

  it('offers email only when the ways cannot be read, and shows a refused "Send again" with the wait the server asks', async () => {
    let asked = false;
    const el = document.createElement('forgot-password');
    el.email = 'ada@example.com';
    const routes: Parameters<typeof fakeApi>[0] = {
      'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'),
      'GET /auth/password-recovery': () => ((asked = true), apiError(503, 'unavailable', 'Not now.')),
      'POST /auth/password-recovery': apiError(429, 'rate_limited', 'Too many requests. Try again later.', undefined, { 'retry-after': '90' }),
    };
    await fixture(html`${providerWith(routes, el)}`);
    await until(() => asked);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#by-sms')).to.be.null;
    expect(el.shadowRoot!.querySelector('button[type=submit]')!.textContent).to.contain('Send link');
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.be.null; // nothing to tell: email always works
    el.step = 'sent';
    await el.updateComplete;
    const again = () => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Send again'))!;
    expect(again().disabled).to.equal(false);
    again().click();
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Too many requests');
    await el.updateComplete;
    expect(again().disabled).to.equal(true);
    expect(again().textContent).to.match(/Send again in 1:(30|29)/);
  });

  it('is accessible at every step, light and dark', async () => {
    const el = await fixture<ForgotPassword>(html`<forgot-password></forgot-password>`);
    await expect(el).to.be.accessible();
    for (const step of ['sent', 'reset', 'done'] as const) {
      el.step = step;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
