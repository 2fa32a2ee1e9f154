import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { providedWith, signOut, signUpFresh, until } from '../../test/element-helpers';
import { demoUser, fakeApi } from '../../test/fake-api';
import '../settings-provider/settings-provider';
import type { ConnectedAccounts } from './connected-accounts';
import './connected-accounts';

const row = (el: ConnectedAccounts, provider: string) => el.shadowRoot!.querySelector<HTMLElement>(`li[data-provider=${provider}]`)!;
const account = (provider: string, name: string, connected = false) => ({
  provider,
  name,
  available: true,
  sandbox: true,
  connected,
  email: connected ? 'ada@gmail.example' : null,
  displayName: null,
  connectedAt: connected ? '2026-01-10T09:00:00Z' : null,
  lastSignInAt: null,
});

describe('<connected-accounts>', () => {
  afterEach(signOut);

  it('lists Google, Microsoft and GitHub from the real server (none configured there)', async () => {
    await signUpFresh();
    const el = await fixture<ConnectedAccounts>(html`<connected-accounts></connected-accounts>`);
    await until(() => el.shadowRoot!.querySelectorAll('li').length === 3);
    expect([...el.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent!.trim())).to.deep.equal(['Google', 'Microsoft', 'GitHub']);
    expect(row(el, 'google').querySelector('button')!.disabled).to.be.true;
    expect(row(el, 'google').textContent).to.contain('Not available');
    await expect(el).to.be.accessible();
  });

  it('connects through a popup and accepts the result only from the API origin and that popup', async () => {
    let linked = false;
    const client = fakeApi({
      'GET /me': { user: demoUser },
      'GET /connected-accounts': () => ({ accounts: [account('google', 'Google', linked), account('microsoft', 'Microsoft'), account('github', 'GitHub')], passwordSignIn: true }),
      'POST /connected-accounts/:provider/connect': { authorizeUrl: 'about:blank#authorize' },
    });
    const provider = await providedWith(client, '<connected-accounts></connected-accounts>');
    const el = provider.querySelector('connected-accounts')!;
    await until(() => row(el, 'google'));
    row(el, 'google').querySelector('button')!.click();
    const flow = () => (el as any).flow;
    await until(() => flow().navigated && flow().popup.location.href.includes('#authorize'));
    const popup: Window = flow().popup;
    // While it is open: the row says where to finish, offers Cancel, and the other Connect buttons wait with the reason.
    expect(row(el, 'google').textContent).to.contain('in the window that opened');
    expect(row(el, 'google').querySelector('button')!.textContent!.trim()).to.equal('Cancel');
    expect(row(el, 'github').querySelector('button')!.disabled).to.be.true;
    expect(row(el, 'github').textContent).to.contain('Finish or cancel the sign-in window');
    const message = { source: 'settings-kit', type: 'sk-oauth', provider: 'google', purpose: 'link', status: 'linked' };
    try {
      // A foreign origin, a foreign window, and the wrong shape are all ignored.
      window.dispatchEvent(new MessageEvent('message', { data: message, origin: 'https://evil.example', source: popup }));
      window.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin, source: window }));
      window.dispatchEvent(new MessageEvent('message', { data: { ...message, type: 'other' }, origin: location.origin, source: popup }));
      await el.updateComplete;
      expect(flow().active('google')).to.equal(true);
      linked = true;
      const connected = oneEvent(el, 'sk-account-connected');
      window.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin, source: popup }));
      expect((await connected).detail.provider).to.equal('google');
      await until(() => row(el, 'google').textContent!.includes('ada@gmail.example'));
      expect(el.shadowRoot!.textContent).to.contain('Google is connected.');
    } finally {
      popup.close();
    }
  });

  it('shows the error the popup reports', async () => {
    const client = fakeApi({
      'GET /me': { user: demoUser },
      'GET /connected-accounts': { accounts: [account('google', 'Google')], passwordSignIn: true },
      'POST /connected-accounts/:provider/connect': { authorizeUrl: 'about:blank' },
    });
    const provider = await providedWith(client, '<connected-accounts></connected-accounts>');
    const el = provider.querySelector('connected-accounts')!;
    await until(() => row(el, 'google'));
    row(el, 'google').querySelector('button')!.click();
    const flow = () => (el as any).flow;
    await until(() => flow().active('google') && flow().navigated);
    const popup: Window = flow().popup;
    try {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { source: 'settings-kit', type: 'sk-oauth', provider: 'google', purpose: 'link', status: 'error', code: 'identity_taken', message: 'This Google account is already connected to another user.' },
          origin: location.origin,
          source: popup,
        }),
      );
      await until(() => el.shadowRoot!.querySelector('[role=alert]'));
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('already connected');
    } finally {
      popup.close();
    }
  });

  it('disconnects after a confirmation that says the password still works', async () => {
    let linked = true;
    const client = fakeApi({
      'GET /me': { user: demoUser },
      'GET /connected-accounts': () => ({ accounts: [account('google', 'Google', linked)], passwordSignIn: true }),
      'DELETE /connected-accounts/:provider': () => {
        linked = false;
        return undefined;
      },
    });
    const provider = await providedWith(client, '<connected-accounts></connected-accounts>');
    const el = provider.querySelector('connected-accounts')!;
    await until(() => row(el, 'google')?.textContent!.includes('Connected'));
    row(el, 'google').querySelector('button')!.click();
    const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('#disconnect-dialog')!;
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('email and password');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const gone = oneEvent(el, 'sk-account-disconnected');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await gone).detail.provider).to.equal('google');
    expect(row(el, 'google').querySelector('svg')).to.not.equal(null); // the provider's mark, not a monogram
    await until(() => !row(el, 'google').textContent!.includes('ada@gmail.example'));
    expect(dialog.open).to.be.false;
  });
});
