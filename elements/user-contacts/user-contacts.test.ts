import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { lastMessageTo, signOut, signUpFresh, until } from '../../test/element-helpers';
import '../settings-provider/settings-provider';
import type { SkMenu } from '../internal/sk-menu';
import { loadPhoneNumbers, type Contact, type UserContacts } from './user-contacts';

const root = (el: UserContacts) => el.shadowRoot!;
const button = (el: UserContacts, scope: ParentNode, text: string) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
const row = (el: UserContacts, value: string) => root(el).querySelector<HTMLLIElement>(`li[part=row][data-value="${value}"]`) ?? undefined!;
/** Opens the row's "⋯" menu and chooses the item with `data-action`, as a pointer user does. */
async function choose(el: UserContacts, value: string, action: string) {
  const menu = row(el, value).querySelector<SkMenu>('sk-menu')!;
  menu.shadowRoot!.querySelector<HTMLButtonElement>('[part=trigger]')!.click();
  const item = menu.querySelector<HTMLButtonElement>(`[data-action=${action}]`)!;
  await until(() => item.checkVisibility());
  item.click();
  return menu;
}
let n = 0;
/** A phone number unique to this run (the test server is shared by every element test). */
const phone = () => `+1415555${String(1000 + ((Date.now() / 7 + ++n * 13) % 9000 | 0)).padStart(4, '0')}`;

async function mountReal() {
  // The phone metadata arrives with import() after the element connects; these tests read formatted numbers.
  await loadPhoneNumbers();
  const el = await fixture<UserContacts>(html`<user-contacts></user-contacts>`);
  await until(() => root(el).querySelector('.empty, li[part=row]'));
  return el;
}

async function fillDialog(el: UserContacts, input: { channel?: string; provider?: string; value: string; isDefault?: boolean }) {
  button(el, root(el), '+ Add user contact').click();
  await until(() => root(el).querySelector<HTMLDialogElement>('#contact-dialog')!.open);
  const dialog = root(el).querySelector('#contact-dialog')!;
  if (input.channel) {
    const select = dialog.querySelector<HTMLSelectElement>('#channel')!;
    select.value = input.channel;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
  }
  if (input.provider) {
    const select = dialog.querySelector<HTMLSelectElement>('#provider')!;
    select.value = input.provider;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
  }
  const value = dialog.querySelector<HTMLInputElement>('#value')!;
  value.value = input.value;
  value.dispatchEvent(new Event('input'));
  if (input.isDefault) {
    const box = dialog.querySelector<HTMLInputElement>('input[name=isDefault]')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
  }
  await el.updateComplete;
  return dialog;
}

describe('<user-contacts> (real server)', () => {
  afterEach(signOut);

  it('shows the empty state, then adds a contact through the dialog and emits sk-contacts-changed', async () => {
    await signUpFresh();
    const el = await mountReal();
    expect(root(el).querySelector('.empty')!.textContent).to.contain('No contacts yet');
    const number = phone();
    const dialog = await fillDialog(el, { channel: 'sms', provider: 'twilio', value: number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3'), isDefault: true });
    expect(el.hasAttribute('sk-dirty')).to.be.true;
    const changed = oneEvent(el, 'sk-contacts-changed');
    button(el, dialog, 'Apply').click();
    const event = await changed;
    expect(event.detail.contacts[0]).to.include({ value: number, channel: 'sms', isDefault: true, status: 'pending' });
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.be.false;
    const li = row(el, number);
    expect(li.closest('[part=group]')!.getAttribute('data-channel')).to.equal('sms');
    // Shown grouped for reading, stored as E.164.
    expect(li.querySelector('.value')!.textContent).to.equal(number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 $1 $2 $3'));
    expect(li.querySelector('[data-default]')).to.exist;
  });

  it('validates as you type and shows the server’s field errors next to the field', async () => {
    await signUpFresh();
    const el = await mountReal();
    const dialog = await fillDialog(el, { channel: 'call', value: '+1 415 555 12' });
    await until(() => dialog.querySelector('#value-error'));
    const input = dialog.querySelector<HTMLInputElement>('#value')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('value-error');
    // Provider options follow the channel.
    const channel = dialog.querySelector<HTMLSelectElement>('#channel')!;
    channel.value = 'whatsapp';
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect([...dialog.querySelectorAll<HTMLOptionElement>('#provider option')].map((o) => o.value)).to.deep.equal(['twilio']);
    channel.value = 'email';
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect([...dialog.querySelectorAll<HTMLOptionElement>('#provider option')].map((o) => o.value)).to.deep.equal(['mailgun']);
    expect(dialog.querySelector<HTMLInputElement>('#value')!.type).to.equal('email');
    // A duplicate passes the local check and is refused by the server, shown at the field.
    const number = phone();
    channel.value = 'sms';
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const value = dialog.querySelector<HTMLInputElement>('#value')!;
    value.value = number;
    value.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(dialog.querySelector('#value-error')).to.be.null;
    button(el, dialog, 'Apply').click();
    await until(() => row(el, number));
    const again = await fillDialog(el, { channel: 'sms', value: number });
    button(el, again, 'Apply').click();
    await until(() => again.querySelector('#value-error'));
    expect(again.querySelector('#value-error')!.textContent).to.contain('already have');
  });

  it('switches the default of a channel', async () => {
    const { api } = await signUpFresh();
    const a = phone();
    const b = phone();
    await api.contacts.$post({ json: { channel: 'sms', provider: 'twilio', value: a, isDefault: true } });
    await api.contacts.$post({ json: { channel: 'sms', provider: 'twilio', value: b } });
    const el = await mountReal();
    expect(row(el, a).querySelector('[data-default]')).to.exist;
    const changed = oneEvent(el, 'sk-contacts-changed');
    await choose(el, b, 'default');
    await changed;
    await el.updateComplete;
    expect(row(el, b).querySelector('[data-default]')).to.exist;
    expect(row(el, a).querySelector('[data-default]')).to.be.null;
    expect(root(el).querySelectorAll('[data-default]')).to.have.length(1);
  });

  it('verifies with the code from the outbox and sends a test', async () => {
    const { api } = await signUpFresh();
    const number = phone();
    await api.contacts.$post({ json: { channel: 'sms', provider: 'twilio', value: number } });
    const el = await mountReal();
    row(el, number).querySelector<HTMLButtonElement>('[data-action=verify]')!.click();
    const dialog = root(el).querySelector<HTMLDialogElement>('#verify-dialog')!;
    await until(() => dialog.open && dialog.textContent!.includes('We sent'));
    const code = /(\d{6})/.exec((await lastMessageTo(number))!.body)![1]!;
    dialog.querySelector<HTMLInputElement>('#code')!.value = code;
    button(el, dialog, 'Verify').click();
    await until(() => !dialog.open);
    await until(() => row(el, number)?.querySelector('[data-action=test]'));
    expect(row(el, number).textContent).to.contain('Active');
    await choose(el, number, 'test');
    await until(() => root(el).querySelector('[role=status].alert')?.textContent?.includes('Test message sent'));
  });

  it('edits a contact: the channel stays, the value and provider change, Escape cancels', async () => {
    const { api } = await signUpFresh();
    const number = phone();
    const next = phone();
    await api.contacts.$post({ json: { channel: 'call', provider: 'twilio', value: number } });
    const el = await mountReal();
    const menu = await choose(el, number, 'edit');
    const dialog = root(el).querySelector<HTMLDialogElement>('#contact-dialog')!;
    await until(() => dialog.open);
    expect(dialog.querySelector('select#channel')).to.be.null; // the channel is fixed once added
    expect(dialog.querySelector('#channel')!.textContent).to.contain('Call');
    // Escape closes without saving and gives focus back to the row's "⋯" menu.
    const value = dialog.querySelector<HTMLInputElement>('#value')!;
    value.value = next;
    value.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.be.true;
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await el.updateComplete;
    expect(dialog.open).to.be.false;
    expect(el.hasAttribute('sk-dirty')).to.be.false;
    expect(el.shadowRoot!.activeElement).to.equal(menu);
    // Now for real.
    await choose(el, number, 'edit');
    await until(() => dialog.open);
    const input = dialog.querySelector<HTMLInputElement>('#value')!;
    input.value = next;
    input.dispatchEvent(new Event('input'));
    const provider = dialog.querySelector<HTMLSelectElement>('#provider')!;
    provider.value = 'ringcentral';
    provider.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const changed = oneEvent(el, 'sk-contacts-changed');
    button(el, dialog, 'Apply').click();
    await changed;
    await el.updateComplete;
    expect(row(el, number)).to.be.undefined;
    expect(row(el, next).textContent).to.contain('RingCentral');
    expect(row(el, next).querySelector('[data-action=register]')).to.exist;
  });

  it('deletes after confirming', async () => {
    const { api } = await signUpFresh();
    const number = phone();
    await api.contacts.$post({ json: { channel: 'call', provider: 'twilio', value: number } });
    const el = await mountReal();
    await choose(el, number, 'delete');
    const dialog = root(el).querySelector<HTMLDialogElement>('#delete-dialog')!;
    await until(() => dialog.open);
    // Cancel keeps it.
    button(el, dialog, 'Cancel').click();
    await el.updateComplete;
    expect(row(el, number)).to.exist;
    await choose(el, number, 'delete');
    await until(() => dialog.open);
    const changed = oneEvent(el, 'sk-contacts-changed');
    button(el, dialog, 'Delete').click();
    await changed;
    await el.updateComplete;
    expect(row(el, number)).to.be.undefined;
    expect(root(el).querySelector('.empty')).to.exist;
  });

  it('is accessible: list, add dialog and delete dialog', async () => {
    const { api } = await signUpFresh();
    await api.contacts.$post({ json: { channel: 'sms', provider: 'ringcentral', value: phone(), isDefault: true } });
    await api.contacts.$post({ json: { channel: 'email', provider: 'mailgun', value: `a11y-${Date.now()}@example.com` } });
    const el = await mountReal();
    await expect(el).to.be.accessible();
    await fillDialog(el, { value: '+1 4' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('<user-contacts> RingCentral registration popup', () => {
  const unregistered: Contact = { id: 'c-rc', channel: 'call', provider: 'ringcentral', value: '+14155550100', status: 'pending', isDefault: true, registered: false, verifiedAt: null, createdAt: '2026-01-01T00:00:00Z' };
  let registered = false;
  let frame: HTMLIFrameElement;
  const realOpen = window.open;
  const callbackOrigin = location.origin;

  beforeEach(() => {
    registered = false;
    frame = document.createElement('iframe');
    document.body.append(frame);
    // The "popup" is a real window (a frame) so the message event can name it as its source.
    window.open = (() => frame.contentWindow) as typeof window.open;
  });
  afterEach(() => {
    window.open = realOpen;
    frame.remove();
  });

  async function mount() {
    const el = document.createElement('user-contacts');
    const provider = providerWith(
      {
        'GET /me': () => ({ user: demoUser }),
        'GET /contacts': () => ({ contacts: [{ ...unregistered, registered }], ringcentral: { configured: true, sandbox: true } }),
        'POST /contacts/:id/ringcentral/register': () => ({
          authorizeUrl: `${location.origin}/__fake-ringcentral/authorize?redirect_uri=${encodeURIComponent(`${callbackOrigin}/api/integrations/ringcentral/callback`)}`,
        }),
      },
      el,
    );
    await fixture(html`${provider}`);
    await until(() => el.shadowRoot?.querySelector('li[part=row]'));
    return el;
  }

  it('shows Register and the sandbox note for an unregistered RingCentral contact', async () => {
    const el = await mount();
    expect(row(el, '+14155550100').querySelector('[data-action=register]')).to.exist;
    expect(row(el, '+14155550100').querySelector('[data-action=test]')).to.be.null;
    expect(root(el).querySelector('.sandbox-note')!.textContent).to.contain('sandbox');
    await expect(el).to.be.accessible();
  });

  it('accepts the message only from the callback origin, the popup and in the right shape, then refreshes the row', async () => {
    const el = await mount();
    row(el, '+14155550100').querySelector<HTMLButtonElement>('[data-action=register]')!.click();
    await until(() => (el as any).registration.popup === frame.contentWindow);
    registered = true;
    const post = (data: unknown, origin = callbackOrigin, source: Window | null = frame.contentWindow) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
    let changes = 0;
    el.addEventListener('sk-contacts-changed', () => changes++);
    // Wrong origin, wrong source, wrong shape, wrong contact: all ignored.
    post({ type: 'sk-ringcentral-registered', contactId: 'c-rc' }, 'https://evil.example');
    post({ type: 'sk-ringcentral-registered', contactId: 'c-rc' }, callbackOrigin, window);
    post({ type: 'something-else', contactId: 'c-rc' });
    post({ type: 'sk-ringcentral-registered', contactId: 'another' });
    post('sk-ringcentral-registered');
    // Message listeners run during dispatchEvent: had any been accepted, the flow would be over now.
    await el.updateComplete;
    expect((el as any).registration.popup, 'still waiting for the real answer').to.equal(frame.contentWindow);
    expect(changes).to.equal(0);
    expect(row(el, '+14155550100').querySelector('[data-action=register]')).to.exist;
    // The real message.
    const changed = oneEvent(el, 'sk-contacts-changed');
    post({ type: 'sk-ringcentral-registered', contactId: 'c-rc' });
    await changed;
    await el.updateComplete;
    expect(row(el, '+14155550100').querySelector('[data-action=register]')).to.be.null;
    expect(root(el).querySelector('[role=status]')!.textContent).to.contain('registered with RingCentral');
  });

  it('says so when the registration failed', async () => {
    const el = await mount();
    row(el, '+14155550100').querySelector<HTMLButtonElement>('[data-action=register]')!.click();
    await until(() => (el as any).registration.popup === frame.contentWindow);
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'sk-ringcentral-failed', contactId: 'c-rc' }, origin: callbackOrigin, source: frame.contentWindow }));
    await until(() => root(el).querySelector('[role=alert]'));
    expect(root(el).querySelector('[role=alert]')!.textContent).to.contain('did not complete');
  });
});

describe('<user-contacts> row actions', () => {
  const base = { provider: 'twilio', registered: true, createdAt: '2026-01-01T00:00:00Z' } as const;
  const pending: Contact = { ...base, id: 'c-p', channel: 'sms', value: '+14155550131', status: 'pending', isDefault: false, verifiedAt: null };
  const active: Contact = { ...base, id: 'c-a', channel: 'sms', value: '+14155550132', status: 'active', isDefault: true, verifiedAt: '2026-01-02T00:00:00Z' };

  async function mount() {
    const el = document.createElement('user-contacts');
    await fixture(html`${providerWith({ 'GET /me': () => ({ user: demoUser }), 'GET /contacts': () => ({ contacts: [pending, active], ringcentral: { configured: false, sandbox: false } }) }, el)}`);
    await until(() => el.shadowRoot?.querySelectorAll('li[part=row]').length === 2);
    return el;
  }
  const visibleButtons = (li: Element) => [...li.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.checkVisibility()).map((b) => b.dataset.action);

  it('shows one contextual action (Verify only when pending) and keeps the rest in the "⋯" menu', async () => {
    const el = await mount();
    expect(visibleButtons(row(el, pending.value))).to.deep.equal(['verify']);
    expect(visibleButtons(row(el, active.value))).to.deep.equal([]);
    const menu = row(el, active.value).querySelector<SkMenu>('sk-menu')!;
    const trigger = menu.shadowRoot!.querySelector<HTMLButtonElement>('[part=trigger]')!;
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger.getAttribute('aria-label')).to.equal('More actions for SMS +1 415 555 0132');
    trigger.click();
    await until(() => visibleButtons(row(el, active.value)).length > 0);
    // The default already is the default: no "Set as default"; Delete comes last.
    expect(visibleButtons(row(el, active.value))).to.deep.equal(['edit', 'test', 'delete']);
    expect([...menu.querySelectorAll('button')].every((b) => b.getAttribute('role') === 'menuitem')).to.be.true;
    await expect(el).to.be.accessible();
    menu.hide();
    row(el, pending.value).querySelector<SkMenu>('sk-menu')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=trigger]')!.click();
    await until(() => visibleButtons(row(el, pending.value)).length > 1);
    expect(visibleButtons(row(el, pending.value))).to.deep.equal(['verify', 'edit', 'default', 'delete']);
  });
});
