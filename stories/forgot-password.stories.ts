import { apiError, json } from '../test/fake-api';
import { make, providerWith } from '../test/fake-provider';
import '../elements/index';

export default { title: 'Auth/Forgot password', component: 'forgot-password' };

const signedOut = { 'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.') };
const accepted = () => json({ accepted: true }, 202);
const view = (routes: Record<string, unknown>, props: Record<string, unknown> = {}) =>
  providerWith({ ...signedOut, 'GET /auth/password-recovery': { methods: ['email'] }, 'POST /auth/password-recovery': accepted, ...routes } as never, make('forgot-password', props as never));

export const RequestByEmail = { render: () => view({}, { email: 'ada@example.com' }) };
export const RequestWithSms = { render: () => view({ 'GET /auth/password-recovery': { methods: ['email', 'sms'] } }, { email: 'ada@example.com' }) };
export const LinkSent = { render: () => view({}, { email: 'ada@example.com', step: 'sent' }) };
export const SmsCodeSent = {
  render: () => {
    const el = view({ 'GET /auth/password-recovery': { methods: ['email', 'sms'] } }, { email: 'ada@example.com' });
    const child = el.querySelector('forgot-password') as unknown as { method: string; step: string };
    child.method = 'sms';
    child.step = 'sent';
    return el;
  },
};
export const NewPasswordFromLink = {
  render: () => view({ 'POST /auth/password-recovery/reset': () => apiError(400, 'invalid_token', 'This reset link or code is not valid any more. Ask for a new one.') }, { step: 'reset' }),
};
export const Done = { render: () => view({}, { step: 'done' }) };
export const InSignInForm = { render: () => providerWith(signedOut as never, make('sign-in-form')) };
export const Dark = {
  render: () => {
    const el = view({ 'GET /auth/password-recovery': { methods: ['email', 'sms'] } }, { email: 'ada@example.com', theme: 'dark' });
    el.style.cssText = 'display:block;background:#0f1115;padding:16px';
    return el;
  },
};
