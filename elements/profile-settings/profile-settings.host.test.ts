import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { until } from '../../test/element-helpers';
import type { ProfileSettings } from './profile-settings';
import './profile-settings';
import '../two-factor-setup/two-factor-setup';
import '../change-password/change-password';
import '../user-passkeys/user-passkeys';
import '../privacy-settings/privacy-settings';

// <profile-settings> under host identity (API.md "Host identity"), on a faked API: the host signs
// users in, so the page never shows the kit's sign-in form, sign-out or a password to change, and a
// sensitive action the server refuses with `reauthentication_required` goes through the host.

const HOST_USER = {
  id: 'u-host',
  email: 'ada@crm.example',
  displayName: 'Ada Host',
  role: 'user',
  status: 'active',
  twoFactorEnabled: false,
  avatarUrl: null,
  timezone: null,
  language: null,
  preferences: {},
  pendingConfirmations: [],
  twoFactorSetupRequired: false,
  identity: 'host',
  hasPassword: false,
  requiredTwoFactorMethod: null,
  currentProfileId: 'p1',
  profileSetupRequired: false,
};
const SECURITY = {
  twoFactor: { enabled: false, totp: false, sms: false, phone: null, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null },
  passwordChangedAt: null,
};
const PROFILE = { email: HOST_USER.email, pendingEmail: null, displayName: 'Ada Host', phone: null, timezone: null, language: null, company: null, bio: null, avatarUrl: null, createdAt: '2026-12-01T00:00:00.000Z' };
const SETUP = { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/CRM:ada?secret=JBSWY3DPEHPK3PXP', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>' };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const apiError = (status: number, code: string) => json({ error: { code, message: `${code} (fake)` } }, status);

interface Fake {
  /** Every request: method, path after /api, JSON body. */
  asked: { method: string; path: string; body: unknown }[];
  /** Answers 401 unauthenticated to everything from now on (the host's session ended). */
  signedIn: boolean;
  /** The host's `reauthenticatedAt` is recent: sensitive actions go through. */
  fresh: boolean;
}

/** A host-identity API: `/me` is a host user while `signedIn`; TOTP setup wants a fresh re-authentication. */
function hostApi(fake: Fake): typeof fetch {
  return async (input, init) => {
    const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname.replace(/^\/api/, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    fake.asked.push({ method, path, body });
    if (path.startsWith('/auth/')) return apiError(404, 'not_found'); // the kit's own sign-in is off
    if (!fake.signedIn) return apiError(401, 'unauthenticated');
    if (path === '/me') return json({ user: HOST_USER });
    if (path === '/security') return json(SECURITY);
    if (path === '/profile' && method === 'GET') return json(PROFILE);
    if (path === '/security/passkeys') return json({ passkeys: [] });
    if (path === '/privacy' && method === 'GET') return json({ analytics: false, accountDeletion: true });
    if (path === '/notifications' && method === 'GET') return json({ callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: false });
    if (path === '/account/export' && method === 'POST') return fake.fresh ? json({ ticket: 'ticket-1', expiresAt: new Date(Date.now() + 60_000).toISOString() }, 201) : apiError(401, 'reauthentication_required');
    if (path === '/security/two-factor/totp/setup' && method === 'POST') return fake.fresh ? json(SETUP) : apiError(401, 'reauthentication_required');
    return apiError(404, 'not_found');
  };
}

async function hostPage(fake: Fake, template = html`<profile-settings no-hash tab="security"></profile-settings>`) {
  const el = await fixture<ProfileSettings>(template);
  el.root.setFetch(hostApi(fake));
  return el;
}

const buttons = (root: ParentNode) => [...root.querySelectorAll('button')];
const button = (root: ParentNode, label: string) => buttons(root).find((b) => b.textContent!.trim() === label);
const inner = <T extends Element>(el: ProfileSettings, tag: string) => el.shadowRoot!.querySelector(tag) as T | null;

describe('<profile-settings> under host identity', () => {
  it('has no sign-in form, no Sign out and no password to change, and shows the email as the host’s', async () => {
    const fake: Fake = { asked: [], signedIn: true, fresh: true };
    const el = await hostPage(fake, html`<profile-settings no-hash tab="security" app-name="Acme CRM"></profile-settings>`);
    await until(() => el.shadowRoot!.querySelector('h1')?.textContent?.includes('Ada Host'));
    expect(el.shadowRoot!.querySelector('sign-in-form')).to.equal(null);
    expect(button(el.shadowRoot!, 'Sign out')).to.equal(undefined);

    await until(() => inner(el, 'change-password')?.shadowRoot?.querySelector('[part=managed]'));
    const change = inner(el, 'change-password')!.shadowRoot!;
    expect(change.querySelector('[part=managed]')!.textContent).to.contain('Sign-in is managed by Acme CRM');
    expect(change.querySelector('input[type=password]')).to.equal(null);

    el.tab = 'profile';
    await until(() => inner(el, 'profile-form')?.shadowRoot?.querySelector('email-change'));
    const email = inner(el, 'profile-form')!.shadowRoot!.querySelector('email-change')!;
    await email.updateComplete;
    expect(email.shadowRoot!.querySelector('#ec-hint')!.textContent).to.contain('Your email is managed by Acme CRM');
    expect(button(email.shadowRoot!, 'Change email')).to.equal(undefined);
    expect(fake.asked.some((a) => a.path.startsWith('/auth/'))).to.equal(false);
  });

  it('opened signed out with identity="host": says so and fires sk-unauthenticated, no sign-in form', async () => {
    const fake: Fake = { asked: [], signedIn: false, fresh: false };
    const el = await fixture<ProfileSettings>(html`<profile-settings no-hash identity="host"></profile-settings>`);
    const told = oneEvent(el, 'sk-unauthenticated');
    el.root.setFetch(hostApi(fake));
    expect((await told).detail).to.deep.equal({ reason: 'no_session' });
    await until(() => el.shadowRoot!.querySelector('[part=signed-out]'));
    expect(el.shadowRoot!.querySelector('[part=signed-out] h1')!.textContent).to.equal('You are signed out');
    expect(el.shadowRoot!.querySelector('sign-in-form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('the data export of a host user: no password field, "Confirm it\'s you", then the export goes on', async () => {
    const fake: Fake = { asked: [], signedIn: true, fresh: false };
    const el = await hostPage(fake, html`<profile-settings no-hash tab="notifications"></profile-settings>`);
    await until(() => inner(el, 'privacy-settings')?.shadowRoot && button(inner(el, 'privacy-settings')!.shadowRoot!, 'Download my data'));
    const privacy = inner(el, 'privacy-settings')!;
    const exported = oneEvent(el, 'sk-data-exported');
    el.addEventListener('sk-reauthenticate', (event) => {
      event.preventDefault();
      fake.fresh = true;
      el.dispatchEvent(new CustomEvent('sk-reauthenticated', { bubbles: true, composed: true })); // the event form of the answer
    });
    button(privacy.shadowRoot!, 'Download my data')!.click();
    await until(() => privacy.shadowRoot!.querySelector('#export-dialog[open]'));
    expect(privacy.shadowRoot!.querySelector('#export-dialog input[type=password]')).to.equal(null);
    button(privacy.shadowRoot!.querySelector('#export-dialog')!, 'Download')!.click();
    await until(() => privacy.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate'));
    await expect(privacy).shadowDom.to.be.accessible();
    button(privacy.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate')!, "Confirm it's you")!.click();
    await exported;
    expect(fake.asked.filter((a) => a.path === '/account/export' && a.method === 'POST').map((a) => a.body)).to.deep.equal([{}, {}]);
  });

  it('any 401 of a signed-in host page: "You were signed out" and sk-unauthenticated session_ended', async () => {
    const fake: Fake = { asked: [], signedIn: true, fresh: true };
    const el = await hostPage(fake);
    await until(() => el.shadowRoot!.querySelector('h1')?.textContent?.includes('Ada Host'));
    const told = oneEvent(el, 'sk-unauthenticated');
    fake.signedIn = false; // the host's session ended behind the page's back
    el.tab = 'notifications'; // its elements ask the API, which answers 401
    expect((await told).detail).to.deep.equal({ reason: 'session_ended' });
    await until(() => el.shadowRoot!.querySelector('[part=signed-out]'));
    expect(el.shadowRoot!.querySelector('[part=signed-out] h1')!.textContent).to.equal('You were signed out');
    expect(el.shadowRoot!.querySelector('sign-in-form')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[role=tab]')).to.have.length(0);
  });

  it('reauthentication_required → "Confirm it\'s you" → sk-reauthenticate → the host answers → the setup is retried once', async () => {
    const fake: Fake = { asked: [], signedIn: true, fresh: false };
    const el = await hostPage(fake);
    await until(() => inner(el, 'two-factor-setup')?.shadowRoot && button(inner(el, 'two-factor-setup')!.shadowRoot!, 'Set up an authenticator app'));
    const tfa = inner(el, 'two-factor-setup')!;
    // The host re-authenticates its user (here: at once), says it handles it, and answers.
    el.addEventListener('sk-reauthenticate', (event) => {
      expect(event.detail).to.deep.equal({ code: 'reauthentication_required' });
      event.preventDefault();
      fake.fresh = true;
      setTimeout(() => el.reauthenticated());
    });
    // No password step for a user who has none: the click asks the server straight away.
    button(tfa.shadowRoot!, 'Set up an authenticator app')!.click();
    await until(() => tfa.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate')?.shadowRoot?.querySelector('dialog[open]'));
    const dialog = tfa.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate')!;
    expect(dialog.querySelector('h2')!.textContent).to.equal("Confirm it's you");
    expect(tfa.shadowRoot!.querySelector('input[type=password]')).to.equal(null);
    const asked = oneEvent(el, 'sk-reauthenticate');
    button(dialog, "Confirm it's you")!.click();
    await asked;
    await until(() => tfa.shadowRoot!.querySelector('[part=qr]'));
    const setups = fake.asked.filter((a) => a.path === '/security/two-factor/totp/setup' && a.method === 'POST');
    expect(setups).to.have.length(2);
    expect(setups.map((s) => s.body)).to.deep.equal([{}, {}]);
    expect(tfa.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate')).to.equal(null);
  });

  it('unanswered (no host listening): asks the user to sign in again and retries on "Try again"; Cancel gives up', async () => {
    const fake: Fake = { asked: [], signedIn: true, fresh: false };
    const el = await hostPage(fake);
    await until(() => inner(el, 'two-factor-setup')?.shadowRoot && button(inner(el, 'two-factor-setup')!.shadowRoot!, 'Set up an authenticator app'));
    const tfa = inner(el, 'two-factor-setup')!;
    const reauthDialog = () => tfa.shadowRoot!.querySelector('sk-dialog.sk-reauthenticate');
    const dialogOpen = () => reauthDialog()?.shadowRoot?.querySelector('dialog')?.open;

    button(tfa.shadowRoot!, 'Set up an authenticator app')!.click();
    await until(dialogOpen);
    button(reauthDialog()!, 'Cancel')!.click();
    await until(() => !dialogOpen() && tfa.shadowRoot!.querySelector('[role=alert]'));
    expect(tfa.shadowRoot!.querySelector('[part=qr]')).to.equal(null);

    button(tfa.shadowRoot!, 'Set up an authenticator app')!.click();
    await until(dialogOpen);
    const dialog = reauthDialog()!;
    button(dialog, "Confirm it's you")!.click();
    await until(() => button(dialog, 'Try again'));
    expect(dialog.querySelector('[role=status]')!.textContent).to.contain('Sign in again');
    fake.fresh = true; // the user re-authenticated with the host in another tab
    button(dialog, 'Try again')!.click();
    await until(() => tfa.shadowRoot!.querySelector('[part=qr]'));
  });
});
