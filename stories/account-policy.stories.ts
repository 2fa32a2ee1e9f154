import { apiError, demoUser, json } from '../test/fake-api';
import { providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';
import '../elements/account-policy/account-policy'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Account policy', component: 'account-policy' };

const policy = { onlineTimeframeMinutes: 10080, autoActivate: true, activationEmail: true, confirmation: 'none', requireTwoFactor: false, twoFactorMethod: 'any', autoCreateProfile: true };
const twilioNone = { accountSid: null, authToken: null, fromNumber: null, source: 'none', updatedAt: null };
const twilioSaved = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: '••••9f2c', fromNumber: '+14155550100', source: 'database', updatedAt: '2026-01-15T10:00:00Z' };
const profileTypes = { types: [{ id: 'person', name: 'Person', isDefault: true }, { id: 'organization', name: 'Organization', isDefault: false }] };
const me = { 'GET /me': { user: demoUser }, 'GET /admin/twilio': twilioNone, 'GET /admin/profile-types': profileTypes, 'PUT /admin/twilio': (_r: Request, body: object) => ({ ...twilioSaved, ...body, authToken: '••••9f2c' }) };
const view = (routes: Record<string, unknown>, delay = 0) => providerWith({ ...me, ...routes } as never, document.createElement('account-policy'), { delay });

export const Loaded = { render: () => view({ 'GET /admin/account-policy': policy, 'PUT /admin/account-policy': (_r: Request, body: object) => ({ ...policy, ...body }) }) };
export const Strict = {
  render: () => view({ 'GET /admin/account-policy': { ...policy, onlineTimeframeMinutes: 30, autoActivate: false, confirmation: 'both', requireTwoFactor: true, autoCreateProfile: false } }),
};
export const Loading = { render: () => view({ 'GET /admin/account-policy': () => new Promise(() => {}) }) };
export const Saving = {
  render: () => view({ 'GET /admin/account-policy': policy, 'PUT /admin/account-policy': () => new Promise(() => {}) }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'account-policy', '#check-autoActivate');
    root.querySelector<HTMLInputElement>('#check-autoActivate')!.click();
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector<HTMLButtonElement>('[part=save]')!.click();
  },
};
export const FieldError = {
  render: () =>
    view({
      'GET /admin/account-policy': policy,
      'PUT /admin/account-policy': () => apiError(400, 'validation_failed', 'onlineTimeframeMinutes: Use at least 5 minutes.', { onlineTimeframeMinutes: 'Use at least 5 minutes.' }),
    }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'account-policy', '#minutes');
    const input = root.querySelector<HTMLInputElement>('#minutes')!;
    input.value = '2';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector<HTMLButtonElement>('[part=save]')!.click();
  },
};
export const LoadError = { render: () => view({ 'GET /admin/account-policy': () => json({ error: { code: 'admin_only', message: 'Only an administrator can do this.' } }, 403) }) };
export const TwilioConfigured = { render: () => view({ 'GET /admin/account-policy': { ...policy, confirmation: 'phone' }, 'GET /admin/twilio': twilioSaved }) };
export const TwilioFromEnvironment = { render: () => view({ 'GET /admin/account-policy': policy, 'GET /admin/twilio': { ...twilioSaved, authToken: '••••', source: 'environment', updatedAt: null } }) };
export const Dark = {
  render: () => {
    const el = view({ 'GET /admin/account-policy': policy });
    el.child.setAttribute('theme', 'dark');
    el.style.cssText = 'display:block;background:#0f1115;padding:16px';
    return el;
  },
};
