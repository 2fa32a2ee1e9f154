import { apiError, demoUser } from '../test/fake-api';
import { providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';

export default { title: 'Settings/Account confirmation', component: 'account-confirmation' };

const profile = { email: demoUser.email, pendingEmail: null, displayName: demoUser.displayName, phone: '+14155552671', timezone: null, language: null, company: 'Analytical Engines', bio: null, avatarUrl: null, createdAt: '2026-01-15T10:00:00Z', profile: null };
const view = (user: Record<string, unknown>, routes: Record<string, unknown> = {}) =>
  providerWith({ 'GET /profile': profile, 'GET /me': { user: { ...demoUser, status: 'active', pendingConfirmations: [], twoFactorSetupRequired: false, ...user } }, ...routes } as never, document.createElement('account-confirmation'));

export const EmailPending = { render: () => view({ pendingConfirmations: ['email'] }, { 'POST /confirmation/email/send': { sentTo: demoUser.email } }) };
export const PhonePending = { render: () => view({ pendingConfirmations: ['phone'] }, { 'POST /confirmation/phone/send': { sentTo: '+14155550100' }, 'POST /confirmation/phone/confirm': { confirmed: 'phone', phone: '+14155550100' } }) };
export const PhoneCodeStep = {
  render: () => view({ pendingConfirmations: ['phone'] }, { 'POST /confirmation/phone/send': { sentTo: '+14155550100' } }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const root = await shadowOf(canvasElement, 'account-confirmation', '#phone');
    const input = root.querySelector<HTMLInputElement>('#phone')!;
    input.value = '+1 415 555 0100';
    input.dispatchEvent(new Event('input'));
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Send code'))!.click();
  },
};
export const PhoneTaken = {
  render: () => view({ pendingConfirmations: ['phone'] }, { 'POST /confirmation/phone/send': () => apiError(409, 'phone_taken', 'This phone number belongs to another account.', { phone: 'This phone number belongs to another account.' }) }),
  play: PhoneCodeStep.play,
};
export const BothPending = { render: () => view({ pendingConfirmations: ['email', 'phone'] }) };
export const AwaitingActivation = { render: () => view({ status: 'pending', pendingConfirmations: ['email'] }) };
export const Suspended = { render: () => view({ status: 'disabled' }) };
export const TwoFactorRequired = { render: () => view({ twoFactorSetupRequired: true }, { 'GET /security': { twoFactor: { enabled: false, totp: false, sms: false, phone: null, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null }, passwordChangedAt: null } }) };
/** Nothing pending: the element hides itself (tagged for the smoke check, stories/check-stories.ts). */
export const NothingToDo = { render: () => view({}), tags: ['renders-nothing'] };
export const Dark = {
  render: () => {
    const el = view({ status: 'pending', pendingConfirmations: ['email', 'phone'] });
    el.child.setAttribute('theme', 'dark');
    el.style.cssText = 'display:block;background:#0f1115;padding:16px';
    return el;
  },
};
