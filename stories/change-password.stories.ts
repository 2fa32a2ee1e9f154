import { apiError, demoUser } from '../test/fake-api';
import { make, providerWith } from '../test/fake-provider';
import '../elements/index';
import '../elements/change-password/change-password'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Change password', component: 'change-password' };

const story = (answer: unknown, options?: { delay?: number }) =>
  providerWith({ 'GET /me': { user: demoUser }, 'POST /security/password': typeof answer === 'function' ? answer : () => answer }, make('change-password'), options);

async function fill(canvas: HTMLElement, current: string, next: string, confirm = next, submit = true) {
  const el = canvas.querySelector('change-password')!;
  await el.updateComplete;
  for (const [id, value] of [['currentPassword', current], ['newPassword', next], ['confirmPassword', confirm]] as const) {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  if (submit) el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

export const Empty = { render: () => story(undefined) };

export const StrengthHint = {
  render: () => story(undefined),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'old one here', 'violet lantern harbour quietly', '', false),
};

export const Pending = {
  render: () => story(() => new Promise(() => {})),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'my old password', 'violet lantern harbour'),
};

export const Success = {
  render: () => story(undefined),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'my old password', 'violet lantern harbour'),
};

export const RejectedByServer = {
  render: () => story(apiError(400, 'validation_failed', 'newPassword: This password is too common.', { newPassword: 'This password is too common. Choose one that is harder to guess.' })),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'my old password', 'password123'),
};

export const WrongCurrentPassword = {
  render: () => story(apiError(400, 'invalid_password', 'The current password is not correct.', { currentPassword: 'The current password is not correct.' })),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'a guess', 'violet lantern harbour'),
};

export const Mismatch = {
  render: () => story(undefined),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'my old password', 'violet lantern harbour', 'violet lantern harbor'),
};

export const Locked = {
  render: () => story(apiError(423, 'account_locked', 'Too many failed attempts. Try again in 5 minutes.', undefined, { 'retry-after': '300' })),
  play: ({ canvasElement }: { canvasElement: HTMLElement }) => fill(canvasElement, 'a guess', 'violet lantern harbour'),
};
