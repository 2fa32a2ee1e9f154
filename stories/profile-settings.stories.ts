import { apiError, demoUser, fakeApi } from '../test/fake-api';
import { onDark } from '../test/fake-provider';
import '../elements/index';

export default { title: 'Page/Profile settings', component: 'profile-settings' };

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/** What every tab of the page reads, so each tab shows real content (the page asks for billing and connected accounts up front). */
const signedInRoutes = {
  'GET /profile': { email: demoUser.email, pendingEmail: null, displayName: demoUser.displayName, phone: '+442079460958', timezone: 'Europe/London', language: 'en-GB', company: 'Analytical Engines Ltd', bio: null, avatarUrl: null, createdAt: '2024-03-02T09:30:00Z' },
  'PATCH /profile': (_r: Request, body: unknown) => body,
  'GET /profiles': { profiles: [{ id: 'p1', type: { id: 'person', name: 'Person' }, displayName: demoUser.displayName, company: 'Analytical Engines Ltd', bio: null, current: true, createdAt: '2024-03-02T09:30:00Z' }], limit: 0 },
  'GET /profile-types': { types: [{ id: 'person', name: 'Person', isDefault: true }, { id: 'organization', name: 'Organization', isDefault: false }] },
  'GET /admin/profile-types': { types: [{ id: 'person', name: 'Person', isDefault: true }, { id: 'organization', name: 'Organization', isDefault: false }] },
  'GET /security': {
    twoFactor: { enabled: false, totp: false, sms: false, phone: null, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null, totpPending: false, totpEnabledAt: null, smsEnabledAt: null },
    passwordChangedAt: at(60 * 24 * 40),
    trustedDevices: 0,
  },
  'GET /security/trusted-devices': { devices: [] },
  'GET /security/passkeys': { passkeys: [] },
  'GET /security/sessions': {
    sessions: [{ id: 's1', current: true, device: 'Desktop', browser: 'Chrome 131', os: 'macOS 14.6', ip: '81.2.69.160', country: 'GB', createdAt: at(60 * 24 * 3), lastActiveAt: at(0) }],
  },
  'GET /security/login-activity': { items: [], nextCursor: null },
  'GET /security/login-alerts': { newLoginEmail: true },
  'GET /contacts': { contacts: [], ringcentral: { configured: false, sandbox: false } },
  'GET /notifications': { callAlerts: true, campaignUpdates: true, integrationAlerts: true, billing: true, productUpdates: true, marketing: false },
  'GET /privacy': { analytics: false, accountDeletion: true },
  'GET /connected-accounts': {
    accounts: [{ provider: 'google', name: 'Google', available: true, sandbox: false, connected: true, email: 'ada@gmail.com', displayName: null, connectedAt: '2026-01-10T09:00:00Z', lastSignInAt: null }],
    passwordSignIn: true,
  },
  'GET /preferences': { theme: 'light', compact: false, dateFormat: 'medium', timeFormat: '24h' },
  'GET /billing': {
    available: true,
    plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' },
    paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
    nextRenewal: '2026-02-15T12:00:00.000Z',
    manageUrl: null,
  },
  'GET /admin/account-policy': { onlineTimeframeMinutes: 10080, autoActivate: true, activationEmail: true, confirmation: 'none', requireTwoFactor: false, twoFactorMethod: 'any', autoCreateProfile: true, defaultProfileTypeId: 'person', profileLimit: 0 },
  'GET /admin/twilio': { accountSid: null, authToken: null, fromNumber: null, source: 'none', updatedAt: null },
  'GET /admin/users': { users: [], total: 0, activeAdmins: 1, offset: 0, limit: 20 },
  'GET /admin/audit': { items: [], nextCursor: null },
};
/** Signed out, the page shows the sign-in form with the OAuth providers under it. */
const signedOutRoutes = {
  'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'),
  'GET /auth/oauth/providers': { providers: [{ provider: 'google', name: 'Google', sandbox: false }] },
};

const page = (client: ReturnType<typeof fakeApi>) => {
  const el = document.createElement('profile-settings');
  el.setAttribute('no-hash', '');
  el.root.setClient(client);
  return el;
};

export const SignedIn = { render: () => page(fakeApi({ 'GET /me': { user: demoUser }, ...signedInRoutes })) };
export const SignedOut = { render: () => page(fakeApi(signedOutRoutes)) };
export const Loading = { render: () => page(fakeApi({ 'GET /me': () => new Promise(() => {}) })) };
export const ServerDown = { render: () => page(fakeApi({ 'GET /me': apiError(503, 'unavailable', 'The settings service is not available right now.') })) };
export const Dark = { render: () => onDark(page(fakeApi({ 'GET /me': { user: { ...demoUser, preferences: { theme: 'dark' } } }, ...signedInRoutes }))) };

/** Under host identity (`createSettingsApp({ identify })`): the host's user, no Sign out, no password; the email is the host's. */
const hostUser = { ...demoUser, identity: 'host', hasPassword: false };
const hostRoutes = {
  'GET /me': { user: hostUser },
  ...signedInRoutes,
  // The host last re-authenticated its user too long ago: Security → "Set up an authenticator app" shows "Confirm it's you".
  'POST /security/two-factor/totp/setup': apiError(401, 'reauthentication_required', 'Confirm it is you first: sign in again, then retry.'),
};
const hostPage = (client: ReturnType<typeof fakeApi>) => {
  const el = page(client);
  el.setAttribute('identity', 'host');
  el.setAttribute('app-name', 'Acme CRM');
  return el;
};
export const HostIdentity = { render: () => hostPage(fakeApi(hostRoutes)) };
/** Signed out of the host: "You are signed out" (and `sk-unauthenticated`), never the kit's sign-in form. */
export const HostSignedOut = { render: () => hostPage(fakeApi({ 'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.') })) };
