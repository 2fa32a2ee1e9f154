import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../../test/element-helpers';
import { apiError, fakeApi } from '../../test/fake-api';
import '../settings-provider/settings-provider';
import type { OauthSignIn } from './oauth-sign-in';
import './oauth-sign-in';

async function provided(client: unknown) {
  const wrapper = await fixture<HTMLElement>(html`<div></div>`);
  const provider = document.createElement('settings-provider');
  provider.client = client as never;
  provider.innerHTML = '<oauth-sign-in return-to="/settings#connected"></oauth-sign-in>';
  wrapper.append(provider);
  return provider.querySelector('oauth-sign-in')!;
}

const providers = { providers: [{ provider: 'google', name: 'Google', sandbox: false }, { provider: 'github', name: 'GitHub', sandbox: true }] };
const signedOut = () => apiError(401, 'unauthenticated', 'Sign in to continue.');

describe('<oauth-sign-in>', () => {
  /** Mounts with `answer` for the provider list and checks the element renders nothing once it came. */
  async function expectNothingAfter(answer: () => unknown) {
    let answered = false;
    const el = await provided(fakeApi({ 'GET /me': signedOut, 'GET /auth/oauth/providers': () => ((answered = true), answer()) }));
    await until(() => answered);
    // Let the answer's render land: the assertion below must see the state after the request.
    await new Promise((r) => requestAnimationFrame(r));
    await (el as OauthSignIn).updateComplete;
    expect(el.shadowRoot!.querySelector('a, [role=alert]')).to.equal(null);
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
  }

  it('renders nothing when the server has no provider', () => expectNothingAfter(() => ({ providers: [] })));

  it('renders nothing when the provider list cannot be read', () =>
    expectNothingAfter(() => apiError(500, 'internal', 'Something went wrong on our side. Please try again.')));

  it('links each configured provider to the OAuth start with the way back', async () => {
    const el = await provided(fakeApi({ 'GET /me': signedOut, 'GET /auth/oauth/providers': providers }));
    await until(() => el.shadowRoot!.querySelectorAll('a').length === 2);
    const [google, github] = [...el.shadowRoot!.querySelectorAll('a')];
    expect(google!.textContent).to.contain('Continue with Google');
    const url = new URL(google!.href);
    expect(url.pathname).to.equal('/api/auth/oauth/google');
    expect(url.searchParams.get('returnTo')).to.equal('/settings#connected');
    expect(github!.textContent).to.contain('Sandbox');
    await expect(el).to.be.accessible();
  });

  it('explains a refused sign-in on return, and tidies the address', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?oauth_error=not_linked&provider=google`);
    try {
      const el = await provided(fakeApi({ 'GET /me': signedOut, 'GET /auth/oauth/providers': providers }));
      await until(() => el.shadowRoot!.querySelector('[role=alert]'));
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('No account is connected to this Google account');
      expect(location.search).to.equal('');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
