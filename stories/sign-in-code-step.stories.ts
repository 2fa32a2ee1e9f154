import { apiError, demoUser, json } from '../test/fake-api';
import { make, onDark, providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';

export default { title: 'Auth/Sign-in code step', component: 'sign-in-form' };

type Methods = ('totp' | 'sms' | 'recovery_code')[];
const story = (methods: Methods, routes: Record<string, unknown> = {}, dark = false) =>
  providerWith(
    {
      'GET /me': apiError(401, 'unauthenticated', 'Sign in to continue.'),
      'POST /auth/sign-in': { status: 'two_factor_required', methods },
      'POST /auth/sign-in/two-factor/sms': () => undefined,
      'POST /auth/sign-in/two-factor': (_r: Request, body: { code: string }) =>
        body.code === '000000' || body.code === 'used' ? apiError(401, 'invalid_code', 'That code is not correct.') : { status: 'signed_in', user: { ...demoUser, twoFactorEnabled: true } },
      ...routes,
    },
    make('sign-in-form', dark ? ({ theme: 'dark' } as never) : {}),
  );

type Ctx = { canvasElement: HTMLElement };
async function passwordStep(canvas: HTMLElement) {
  const root = await shadowOf(canvas, 'sign-in-form', 'input[name=email]');
  root.querySelector<HTMLInputElement>('input[name=email]')!.value = 'ada@example.com';
  root.querySelector<HTMLInputElement>('input[name=password]')!.value = 'correct horse battery staple';
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  // The code step is <sign-in-form>'s own <two-factor-challenge>.
  return shadowOf(root as unknown as HTMLElement, 'two-factor-challenge', '#code-title');
}
const typeCode = (root: ShadowRoot, code: string) => {
  const input = root.querySelector<HTMLInputElement>('input[name=code]')!;
  input.value = code;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};
const clickNamed = (root: ShadowRoot, name: RegExp) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()))?.click();

export const AuthenticatorCode = { render: () => story(['totp', 'recovery_code']), play: ({ canvasElement }: Ctx) => passwordStep(canvasElement) };
export const AuthenticatorOrSms = { render: () => story(['totp', 'sms', 'recovery_code']), play: ({ canvasElement }: Ctx) => passwordStep(canvasElement) };
export const WrongCode = {
  render: () => story(['totp', 'recovery_code']),
  play: async ({ canvasElement }: Ctx) => typeCode(await passwordStep(canvasElement), '000000'),
};
export const RecoveryCode = {
  render: () => story(['totp', 'recovery_code']),
  play: async ({ canvasElement }: Ctx) => clickNamed(await passwordStep(canvasElement), /Use a recovery code/),
};
export const UsedRecoveryCode = {
  render: () => story(['totp', 'recovery_code']),
  play: async ({ canvasElement }: Ctx) => {
    const root = await passwordStep(canvasElement);
    clickNamed(root, /Use a recovery code/);
    await new Promise((r) => setTimeout(r, 30));
    typeCode(root, 'used');
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  },
};
export const SmsCodeSentWithCountdown = { render: () => story(['sms', 'recovery_code']), play: ({ canvasElement }: Ctx) => passwordStep(canvasElement) };
export const SmsResendThrottled = {
  render: () => story(['sms', 'recovery_code'], { 'POST /auth/sign-in/two-factor/sms': () => json({ error: { code: 'rate_limited', message: 'A code was just sent.' } }, 429, { 'retry-after': '25' }) }),
  play: ({ canvasElement }: Ctx) => passwordStep(canvasElement),
};
export const Locked = {
  render: () => story(['totp', 'recovery_code'], { 'POST /auth/sign-in/two-factor': () => json({ error: { code: 'account_locked', message: 'Too many failed attempts.' } }, 423, { 'retry-after': '300' }) }),
  play: async ({ canvasElement }: Ctx) => typeCode(await passwordStep(canvasElement), '123456'),
};
export const ChallengeExpired = {
  render: () => story(['totp', 'recovery_code'], { 'POST /auth/sign-in/two-factor': apiError(401, 'challenge_expired', 'Your sign-in took too long. Enter your email and password again.') }),
  play: async ({ canvasElement }: Ctx) => typeCode(await passwordStep(canvasElement), '123456'),
};
export const Dark = { render: () => onDark(story(['totp', 'sms', 'recovery_code'], {}, true)), play: ({ canvasElement }: Ctx) => passwordStep(canvasElement) };
