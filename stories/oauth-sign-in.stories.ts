import { apiError, fakeApi } from '../test/fake-api';
import '../elements/index';

export default { title: 'Auth/OAuth sign-in', component: 'oauth-sign-in' };

const signedOut = () => apiError(401, 'unauthenticated', 'Sign in to continue.');
const render = (providers: unknown[], withForm = true) => () => {
  const provider = document.createElement('settings-provider');
  provider.client = fakeApi({ 'GET /me': signedOut, 'GET /auth/oauth/providers': { providers } });
  provider.innerHTML = `${withForm ? '<sign-in-form></sign-in-form>' : ''}<oauth-sign-in return-to="/"></oauth-sign-in>`;
  return provider;
};

export const UnderTheSignInForm = { render: render([{ provider: 'google', name: 'Google', sandbox: false }, { provider: 'microsoft', name: 'Microsoft', sandbox: false }, { provider: 'github', name: 'GitHub', sandbox: false }]) };
export const Sandbox = { render: render([{ provider: 'google', name: 'Google', sandbox: true }], false) };
/** No provider configured: the element renders nothing (tagged for the smoke check, stories/check-stories.ts). */
export const NoProviders = { render: render([], true), tags: ['renders-nothing'] };
export const RefusedOnReturn = {
  render: () => {
    history.replaceState(history.state, '', `${location.pathname}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), oauth_error: 'not_linked', provider: 'google' })}`);
    return render([{ provider: 'google', name: 'Google', sandbox: false }], false)();
  },
};
