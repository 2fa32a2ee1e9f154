import { onDark, shadowOf } from '../test/fake-provider';
import type { TwoFactorChallenge } from '../elements/two-factor-challenge/two-factor-challenge';
import '../elements/index';

export default { title: 'Auth/Two-factor challenge (host login)', component: 'two-factor-challenge' };

type Ctx = { canvasElement: HTMLElement };
const el = (canvas: HTMLElement) => canvas.querySelector<TwoFactorChallenge>('two-factor-challenge')!;
/** The host's server stands in: "123456" passes, anything else is refused. */
const host = (methods: string, dark = false) => {
  const challenge = document.createElement('two-factor-challenge');
  challenge.mode = 'host';
  challenge.setAttribute('methods', methods);
  if (dark) challenge.theme = 'dark';
  challenge.addEventListener('sk-two-factor-code', (e) => (e.detail.code === '123456' ? challenge.succeed() : challenge.fail()));
  return challenge;
};

export const Authenticator = { render: () => host('totp,sms,recovery_code') };
export const SmsOnly = { render: () => host('sms,recovery_code') };
export const WrongCode = {
  render: () => host('totp,recovery_code'),
  play: async ({ canvasElement }: Ctx) => {
    const root = await shadowOf(canvasElement, 'two-factor-challenge', 'input[name=code]');
    const input = root.querySelector<HTMLInputElement>('input[name=code]')!;
    input.value = '000000';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  },
};
export const Locked = {
  render: () => host('totp,recovery_code'),
  play: async ({ canvasElement }: Ctx) => {
    await shadowOf(canvasElement, 'two-factor-challenge', 'form');
    el(canvasElement).fail({ code: 'account_locked', retryAfter: 300 });
  },
};
export const Dark = { render: () => onDark(host('totp,sms,recovery_code', true)) };
