import QRCode from 'qrcode';
import { apiError, demoUser, json } from '../test/fake-api';
import { make, onDark, providerWith, shadowOf } from '../test/fake-provider';
import '../elements/index';
import '../elements/two-factor-setup/two-factor-setup'; // registered at once (the index registers it on first use)

export default { title: 'Settings/Two-factor setup', component: 'two-factor-setup' };

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Acme%20CRM:ada%40example.com?secret=${SECRET}&issuer=Acme%20CRM`;
const CODES = ['k7m2q-x9d4p', 'a3f6h-t2n8w', 'r5j2c-v7b4e', 'p9x3l-m6q2s', 'd4w8z-h2k5t', 'n6c3v-b9r7y', 'e2t5g-q8m4u', 'w7h3a-j5d9k', 'x4s6f-l2p8c', 'z8q2r-n5v3h'];
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

const overview = (twoFactor: Partial<{ enabled: boolean; totp: boolean; sms: boolean; phone: string | null; recoveryCodesRemaining: number; recoveryCodesCreatedAt: string | null }> = {}) => ({
  twoFactor: { enabled: false, totp: false, sms: false, phone: null, recoveryCodesRemaining: 0, recoveryCodesCreatedAt: null, totpPending: false, totpEnabledAt: null, smsEnabledAt: null, ...twoFactor },
  passwordChangedAt: daysAgo(40),
  trustedDevices: 0,
});
const OFF = overview();
const ON = overview({ enabled: true, totp: true, recoveryCodesRemaining: 10, recoveryCodesCreatedAt: daysAgo(12) });

const wrongPassword = () => apiError(400, 'invalid_password', 'The password is not correct.', { password: 'The password is not correct.' });
const wrongCode = () => apiError(400, 'invalid_code', 'That code is not correct.', { code: 'That code is not correct.' });

/** Every route the element uses, happy by default; a story overrides what it shows. */
const story = (routes: Record<string, unknown> = {}, options?: { delay?: number }, dark = false) =>
  providerWith(
    {
      'GET /me': { user: { ...demoUser, twoFactorEnabled: false, preferences: { theme: dark ? 'dark' : 'light' } } },
      'GET /security': OFF,
      'POST /security/two-factor/totp/setup': async (_r: Request, body: { password: string }) =>
        body.password === 'wrong' ? wrongPassword() : { secret: SECRET, otpauthUri: URI, issuer: 'Acme CRM', qrSvg: await QRCode.toString(URI, { type: 'svg', margin: 1 }) },
      'DELETE /security/two-factor/totp/setup': () => undefined,
      'POST /security/two-factor/totp/enable': (_r: Request, body: { code: string }) => (body.code === '000000' ? wrongCode() : { recoveryCodes: CODES }),
      'POST /security/two-factor/sms/setup': () => undefined,
      'POST /security/two-factor/sms/enable': (_r: Request, body: { code: string }) => (body.code === '000000' ? wrongCode() : { recoveryCodes: CODES }),
      'POST /security/two-factor/disable': (_r: Request, body: { password: string }) => (body.password === 'wrong' ? wrongPassword() : undefined),
      'POST /security/two-factor/recovery-codes': (_r: Request, body: { password: string }) => (body.password === 'wrong' ? wrongPassword() : { recoveryCodes: CODES }),
      ...routes,
    },
    make('two-factor-setup'),
    options,
  );

type Ctx = { canvasElement: HTMLElement };
const tick = () => new Promise((r) => setTimeout(r, 30));
async function click(canvas: HTMLElement, name: RegExp) {
  const root = await shadowOf(canvas, 'two-factor-setup', 'button');
  for (let i = 0; i < 100; i++) {
    const button = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => name.test(b.textContent!.trim()));
    if (button) return button.click();
    await tick();
  }
}
async function fill(canvas: HTMLElement, selector: string, value: string) {
  const root = await shadowOf(canvas, 'two-factor-setup', selector);
  const input = root.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
const toPassword = (c: HTMLElement) => click(c, /Set up an authenticator app/);
async function toScan(c: HTMLElement) {
  await toPassword(c);
  await fill(c, 'input[name=password]', 'correct horse battery staple');
  await click(c, /^Continue$/);
  await shadowOf(c, 'two-factor-setup', '.key');
}
async function toCodes(c: HTMLElement) {
  await toScan(c);
  await fill(c, 'input[name=code]', '123456');
  await shadowOf(c, 'two-factor-setup', '.codes');
}
async function toSmsVerify(c: HTMLElement) {
  await click(c, /Use text messages instead/);
  await fill(c, 'input[name=phone]', '+44 7700 900123');
  await fill(c, 'input[name=password]', 'correct horse battery staple');
  await click(c, /Send code/);
  await shadowOf(c, 'two-factor-setup', '#sms-code');
}

export const Off = { render: () => story() };
export const Loading = { render: () => story({ 'GET /security': () => new Promise(() => {}) }) };
export const LoadError = { render: () => story({ 'GET /security': apiError(503, 'unavailable', 'The settings service is not available right now.') }) };
export const OnWithApp = { render: () => story({ 'GET /security': ON }) };
export const OnWithAppAndSms = { render: () => story({ 'GET /security': overview({ enabled: true, totp: true, sms: true, phone: '+44•••••23', recoveryCodesRemaining: 8, recoveryCodesCreatedAt: daysAgo(30) }) }) };
export const OnWithSmsOnly = { render: () => story({ 'GET /security': overview({ enabled: true, sms: true, phone: '+14•••••00', recoveryCodesRemaining: 10, recoveryCodesCreatedAt: daysAgo(2) }) }) };
export const FewRecoveryCodesLeft = { render: () => story({ 'GET /security': overview({ enabled: true, totp: true, recoveryCodesRemaining: 2, recoveryCodesCreatedAt: daysAgo(200) }) }) };

export const ConfirmPassword = { render: () => story(), play: ({ canvasElement }: Ctx) => toPassword(canvasElement) };
export const WrongPassword = {
  render: () => story(),
  play: async ({ canvasElement }: Ctx) => {
    await toPassword(canvasElement);
    await fill(canvasElement, 'input[name=password]', 'wrong');
    await click(canvasElement, /^Continue$/);
  },
};
export const PasswordLocked = {
  render: () => story({ 'POST /security/two-factor/totp/setup': () => json({ error: { code: 'account_locked', message: 'Too many failed attempts.' } }, 423, { 'retry-after': '300' }) }),
  play: async ({ canvasElement }: Ctx) => {
    await toPassword(canvasElement);
    await fill(canvasElement, 'input[name=password]', 'wrong');
    await click(canvasElement, /^Continue$/);
  },
};
export const ScanQrCode = { render: () => story(), play: ({ canvasElement }: Ctx) => toScan(canvasElement) };
export const WrongCode = {
  render: () => story(),
  play: async ({ canvasElement }: Ctx) => {
    await toScan(canvasElement);
    await fill(canvasElement, 'input[name=code]', '000000');
  },
};
export const Verifying = {
  render: () => story({ 'POST /security/two-factor/totp/enable': () => new Promise(() => {}) }),
  play: async ({ canvasElement }: Ctx) => {
    await toScan(canvasElement);
    await fill(canvasElement, 'input[name=code]', '123456');
  },
};
export const RecoveryCodes = { render: () => story(), play: ({ canvasElement }: Ctx) => toCodes(canvasElement) };
export const RecoveryCodesAcknowledged = {
  render: () => story(),
  play: async ({ canvasElement }: Ctx) => {
    await toCodes(canvasElement);
    (await shadowOf(canvasElement, 'two-factor-setup', 'input[name=saved]')).querySelector<HTMLInputElement>('input[name=saved]')!.click();
  },
};
export const SmsPhone = { render: () => story(), play: ({ canvasElement }: Ctx) => click(canvasElement, /Use text messages instead/) };
export const SmsInvalidPhone = {
  render: () => story({ 'POST /security/two-factor/sms/setup': () => apiError(400, 'validation_failed', 'Enter a valid phone number.', { phone: 'Enter a valid phone number with its country code, like +14155550100.' }) }),
  play: async ({ canvasElement }: Ctx) => {
    await click(canvasElement, /Use text messages instead/);
    await fill(canvasElement, 'input[name=phone]', '+1 555');
    await fill(canvasElement, 'input[name=password]', 'correct horse battery staple');
    await click(canvasElement, /Send code/);
  },
};
export const SmsCodeWithResendCountdown = { render: () => story(), play: ({ canvasElement }: Ctx) => toSmsVerify(canvasElement) };
export const SmsWrongCode = {
  render: () => story(),
  play: async ({ canvasElement }: Ctx) => {
    await toSmsVerify(canvasElement);
    await fill(canvasElement, 'input[name=code]', '000000');
  },
};
export const DisableDialog = { render: () => story({ 'GET /security': ON }), play: ({ canvasElement }: Ctx) => click(canvasElement, /Turn off two-factor authentication/) };
export const DisableWrongPassword = {
  render: () => story({ 'GET /security': ON }),
  play: async ({ canvasElement }: Ctx) => {
    await click(canvasElement, /Turn off two-factor authentication/);
    await tick();
    await fill(canvasElement, '#disable-password', 'wrong');
    (await shadowOf(canvasElement, 'two-factor-setup', '#disable-dialog button[type=submit]')).querySelector<HTMLButtonElement>('#disable-dialog button[type=submit]')!.click();
  },
};
export const RegenerateDialog = { render: () => story({ 'GET /security': ON }), play: ({ canvasElement }: Ctx) => click(canvasElement, /Get new codes/) };
export const DarkScanQrCode = { render: () => onDark(story({}, undefined, true)), play: ({ canvasElement }: Ctx) => toScan(canvasElement) };
export const DarkOn = { render: () => onDark(story({ 'GET /security': ON }, undefined, true)) };
