import { html } from 'lit';
import { apiError, demoUser } from '../test/fake-api';
import { providerWith } from '../test/fake-provider';
import '../elements/index';
import '../elements/user-contacts/user-contacts'; // registered at once (the index registers it on first use)

export default { title: 'Settings/User contacts', component: 'user-contacts' };

type Contact = {
  id: string;
  channel: 'sms' | 'call' | 'whatsapp' | 'email';
  provider: 'twilio' | 'ringcentral' | 'mailgun';
  value: string;
  status: 'active' | 'pending' | 'disabled';
  isDefault: boolean;
  registered: boolean;
  verifiedAt: string | null;
  createdAt: string;
};
const at = '2026-01-10T09:30:00Z';
const contact = (c: Partial<Contact> & Pick<Contact, 'id' | 'channel' | 'provider' | 'value'>): Contact => ({
  status: 'active',
  isDefault: false,
  registered: true,
  verifiedAt: at,
  createdAt: at,
  ...c,
});

const several: Contact[] = [
  contact({ id: 'c1', channel: 'call', provider: 'ringcentral', value: '+14155550100', isDefault: true }),
  contact({ id: 'c2', channel: 'call', provider: 'twilio', value: '+442079460958' }),
  contact({ id: 'c3', channel: 'sms', provider: 'twilio', value: '+14155550100', isDefault: true }),
  contact({ id: 'c4', channel: 'sms', provider: 'twilio', value: '+14155550177', status: 'pending', verifiedAt: null }),
  contact({ id: 'c5', channel: 'whatsapp', provider: 'twilio', value: '+4915112345678', isDefault: true }),
  contact({ id: 'c6', channel: 'email', provider: 'mailgun', value: 'ada@example.com', isDefault: true }),
  contact({ id: 'c7', channel: 'email', provider: 'mailgun', value: 'old@example.com', status: 'disabled' }),
];

const mount = (routes: Parameters<typeof providerWith>[0], options?: Parameters<typeof providerWith>[2]) =>
  html`${providerWith({ 'GET /me': () => ({ user: demoUser }), ...routes }, document.createElement('user-contacts'), options)}`;

const list = (contacts: Contact[], ringcentral = { configured: true, sandbox: false }) => ({ 'GET /contacts': () => ({ contacts, ringcentral }) });

export const Empty = { render: () => mount(list([])) };

export const Loading = { render: () => mount({ 'GET /contacts': () => new Promise(() => {}) }) };

export const LoadError = {
  render: () => mount({ 'GET /contacts': () => apiError(503, 'unavailable', 'The server could not be reached. Check your connection and try again.') }),
};

export const SeveralChannels = { render: () => mount(list(several)) };

export const UnregisteredRingCentral = {
  render: () =>
    mount(
      list(
        [
          contact({ id: 'r1', channel: 'call', provider: 'ringcentral', value: '+14155550123', status: 'pending', registered: false, verifiedAt: null, isDefault: true }),
          contact({ id: 'r2', channel: 'sms', provider: 'twilio', value: '+14155550123', isDefault: true }),
        ],
        { configured: true, sandbox: true },
      ),
    ),
};

async function openAddDialog(canvas: HTMLElement, fill: { channel?: string; value: string }) {
  const el = canvas.querySelector('user-contacts')!;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('[part=add-button]:not([disabled])'); i++) await new Promise((r) => setTimeout(r, 20));
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=add-button]')!.click();
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  const dialog = el.shadowRoot!.querySelector('#contact-dialog')!;
  if (fill.channel) {
    const channel = dialog.querySelector<HTMLSelectElement>('#channel')!;
    channel.value = fill.channel;
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
  }
  const input = dialog.querySelector<HTMLInputElement>('#value')!;
  input.value = fill.value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
  return { el, dialog };
}

export const AddDialog = {
  render: () => mount(list(several)),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await openAddDialog(canvasElement, { channel: 'call', value: '+1 415 555 0142' });
  },
};

export const DialogWithErrors = {
  render: () =>
    mount({
      ...list(several),
      'POST /contacts': () => apiError(409, 'contact_exists', 'You already have this contact for that channel.', { value: 'You already have this contact for that channel.' }),
    }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const { el, dialog } = await openAddDialog(canvasElement, { value: '+1 415 555' });
    // The local check shows as you type; a server refusal shows at the same field after Apply.
    const input = dialog.querySelector<HTMLInputElement>('#value')!;
    await new Promise((r) => setTimeout(r, 600));
    input.value = '+14155550100';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  },
};

export const InvalidAsYouType = {
  render: () => mount(list(several)),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await openAddDialog(canvasElement, { value: '+1 415 555' });
  },
};

export const VerifyCode = {
  render: () =>
    mount({
      ...list(several),
      'POST /contacts/:id/verify': () => ({ expiresAt: new Date(Date.now() + 600_000).toISOString(), resendAfterSeconds: 30 }),
      'POST /contacts/:id/verify/confirm': () => apiError(400, 'invalid_code', 'That code is not correct or has expired. Check it, or send a new one.', { code: 'That code is not correct or has expired.' }),
    }),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('user-contacts')!;
    for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('[data-action=verify]'); i++) await new Promise((r) => setTimeout(r, 20));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=verify]')!.click();
  },
};

export const DeleteConfirm = {
  render: () => mount(list(several)),
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('user-contacts')!;
    for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('[data-action=delete]'); i++) await new Promise((r) => setTimeout(r, 20));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=delete]')!.click();
  },
};

export const Dark = {
  render: () => html`<div style="background:#0f1115;padding:16px">${mount(list(several))}</div>`,
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('user-contacts')!;
    el.theme = 'dark';
  },
};
