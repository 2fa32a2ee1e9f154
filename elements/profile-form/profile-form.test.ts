import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { AVATAR_SAMPLES, pngOfSize } from '../../server/features/profile/avatar.fixtures';
import { createApiClient, read } from '../api/client';
import { apiError, demoUser, json } from '../../test/fake-api';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import type { SkAvatarPicker } from './avatar-picker';
import type { ProfileForm } from './profile-form';
import './profile-form';
import '../profile-settings/profile-settings';
import '../settings-provider/settings-provider';

const $ = <T extends HTMLElement = HTMLElement>(el: ProfileForm, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const type = (el: ProfileForm, selector: string, value: string) => {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};
const button = (el: HTMLElement, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const pickerOf = (el: ProfileForm) => $<SkAvatarPicker>(el, 'sk-avatar-picker');
/** A selector inside the photo picker's own shadow root. */
const inPicker = <T extends HTMLElement = HTMLElement>(el: ProfileForm, selector: string) => pickerOf(el).shadowRoot!.querySelector<T>(selector);
const chooseFile = (el: ProfileForm, bytes: Uint8Array, name: string, mime: string) => {
  const input = inPicker<HTMLInputElement>(el, 'input[type=file]')!;
  const dt = new DataTransfer();
  dt.items.add(new File([bytes as Uint8Array<ArrayBuffer>], name, { type: mime }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
};
const FAKE_PROFILE = { email: 'ada@example.com', pendingEmail: null, displayName: 'Ada', phone: null, timezone: null, language: null, company: null, bio: null, avatarUrl: null, createdAt: '2026-01-15T10:00:00Z' };
/**
 * A form on a fetch of its own: the fake API reads JSON bodies only, and the photo PUT is multipart.
 * `answer` gets the path without /api; /me is the demo user; anything it leaves is a 404.
 */
const onFakeFetch = async (answer: (path: string, request: Request) => Response | undefined) => {
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api/, '');
    if (path === '/me') return json({ user: demoUser });
    return answer(path, request) ?? apiError(404, 'not_found', 'No fake for this.');
  };
  const provider = document.createElement('settings-provider');
  provider.client = createApiClient('/api', { fetch: fakeFetch as typeof fetch });
  const el = document.createElement('profile-form');
  provider.append(el);
  await fixture(html`${provider}`);
  return el;
};
const ready = async () => {
  const el = await fixture<ProfileForm>(html`<profile-form></profile-form>`);
  await until(() => el.shadowRoot!.querySelector('form'));
  return el;
};

describe('<profile-form>', () => {
  afterEach(signOut);

  it('shows the profile, marks unsaved edits with sk-dirty, saves with a pending state and a success message', async () => {
    const account = await signUpFresh('Ada Lovelace');
    const el = await ready();
    expect($<HTMLInputElement>(el, '#displayName').value).to.equal('Ada Lovelace');
    const email = el.shadowRoot!.querySelector('email-change')!;
    await email.updateComplete;
    const current = email.shadowRoot!.querySelector<HTMLElement>('#ec-current')!;
    expect(current.textContent).to.equal(account.email);
    // Text, not an input that looks editable: changed only through "Change email" and the emailed link.
    expect(email.shadowRoot!.querySelector('input')).to.equal(null);
    expect(email.shadowRoot!.querySelector('[role=group]')!.getAttribute('aria-labelledby')).to.equal('ec-label');
    expect(el.hasAttribute('sk-dirty')).to.equal(false);

    type(el, '#displayName', 'Ada King');
    type(el, '#phone', '+44 20 7946 0958');
    type(el, '#timezone', 'Europe/London');
    type(el, '#company', 'Analytical Engines');
    type(el, '#bio', 'First programmer.');
    const language = $<HTMLSelectElement>(el, '#language');
    language.value = 'en-GB';
    language.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
    expect($(el, '#bio-hint').textContent).to.contain('17 of 500');

    const saved = oneEvent(el, 'sk-profile-saved');
    button(el, 'Save').click();
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.equal(true);
    expect($(el, 'button[type=submit]').textContent).to.contain('Saving');
    const { detail } = await saved;
    expect(detail.profile).to.include({ displayName: 'Ada King', phone: '+442079460958', timezone: 'Europe/London', language: 'en-GB', company: 'Analytical Engines' });
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[role=status] .alert.success')!.textContent).to.contain('Profile saved');
    const onServer = await (await fetch('/api/profile')).json();
    expect(onServer.bio).to.equal('First programmer.');
  });

  it("shows the server's field errors next to their fields", async () => {
    await signUpFresh();
    const el = await ready();
    type(el, '#phone', '12345');
    type(el, '#timezone', 'Mars/Olympus_Mons');
    button(el, 'Save').click();
    await until(() => el.shadowRoot!.querySelector('#phone-error'));
    const phone = $<HTMLInputElement>(el, '#phone');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(phone.getAttribute('aria-describedby')).to.contain('phone-error');
    expect($(el, '#phone-error').textContent).to.contain('international format');
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
    expect($(el, '#timezone-error').textContent).to.contain('timezone'); // every bad field is named at once
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[aria-invalid=true]'));
  });

  it('checks a photo on the client, previews it, uploads it, removes it and undoes the removal', async () => {
    await signUpFresh();
    const el = await ready();
    chooseFile(el, AVATAR_SAMPLES.svg, 'logo.png', 'image/png');
    await until(() => inPicker(el, '.avatar-actions [role=alert]'));
    expect(inPicker(el, '.avatar-actions [role=alert]')!.textContent).to.contain('not a JPEG, PNG, GIF or WebP');
    chooseFile(el, pngOfSize(2 * 1024 * 1024 + 1), 'huge.png', 'image/png');
    await until(() => inPicker(el, '.avatar-actions [role=alert]')!.textContent!.includes('2 MiB'));

    chooseFile(el, AVATAR_SAMPLES.png, 'me.gif', 'image/gif');
    await until(() => inPicker(el, '.picture img[src^="blob:"]'));
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
    const changed = oneEvent(el, 'sk-avatar-changed');
    button(pickerOf(el), 'Upload photo').click();
    const { detail } = await changed;
    expect(detail.avatarUrl).to.match(/^avatars\//);
    await until(() => inPicker(el, '.picture img[src*="/api/avatars/"]'));
    const img = inPicker<HTMLImageElement>(el, '.picture img')!;
    await until(() => img.complete && img.naturalWidth === 1);
    expect(el.hasAttribute('sk-dirty')).to.equal(false);

    button(pickerOf(el), 'Remove photo').click();
    await until(() => !inPicker(el, '.picture img'));
    expect((await (await fetch('/api/profile')).json()).avatarUrl).to.equal(null);
    expect(inPicker(el, '[role=status]')!.textContent).to.contain('Photo removed');
    const restored = oneEvent(el, 'sk-avatar-changed');
    button(pickerOf(el), 'Undo').click();
    expect((await restored).detail.avatarUrl).to.match(/^avatars\//);
    await until(() => inPicker(el, '.picture img[src*="/api/avatars/"]'));
    expect((await (await fetch('/api/profile')).json()).avatarUrl).to.match(/^avatars\//);
    expect(button(pickerOf(el), 'Undo')).to.equal(undefined);
  });

  it('uploads a chosen photo on Save, says saved and drops "Discard changes"', async () => {
    await signUpFresh();
    const el = await ready();
    chooseFile(el, AVATAR_SAMPLES.png, 'me.png', 'image/png');
    await until(() => inPicker(el, '.picture img[src^="blob:"]'));
    await el.updateComplete;
    expect(button(el, 'Discard changes')).to.not.equal(undefined);
    button(el, 'Save').click();
    await until(() => el.shadowRoot!.querySelector('[role=status] .alert.success'));
    expect((await (await fetch('/api/profile')).json()).avatarUrl).to.match(/^avatars\//);
    expect(el.shadowRoot!.querySelector('[role=status] .alert.success')!.textContent).to.contain('Profile saved');
    expect(button(el, 'Discard changes')).to.equal(undefined);
    expect(el.hasAttribute('sk-dirty')).to.equal(false);
    expect(inPicker(el, '.picture img[src^="blob:"]')).to.equal(null);
  });

  it('keeps the photo and every edit when the upload on Save fails, and says so', async () => {
    let patched = false;
    const el = await onFakeFetch((path, request) => {
      if (path === '/profile' && request.method === 'PATCH') return (patched = true), json(FAKE_PROFILE);
      if (path === '/profile') return json(FAKE_PROFILE);
      if (path === '/profile/avatar') return apiError(503, 'unavailable', 'The photo store is not available right now.');
      return undefined;
    });
    await until(() => el.shadowRoot!.querySelector('form'));
    type(el, '#company', 'Analytical Engines');
    chooseFile(el, AVATAR_SAMPLES.png, 'me.png', 'image/png');
    await until(() => inPicker(el, '.picture img[src^="blob:"]'));
    button(el, 'Save').click();
    await until(() => el.shadowRoot!.querySelector('form > [role=alert]'));
    expect(el.shadowRoot!.querySelector('form > [role=alert]')!.textContent).to.contain('The photo was not uploaded').and.contain('nothing was lost');
    expect(inPicker(el, '[role=alert]')!.textContent).to.contain('photo store is not available');
    expect(patched).to.equal(false); // the fields wait for the photo
    expect($<HTMLInputElement>(el, '#company').value).to.equal('Analytical Engines');
    expect(inPicker(el, '.picture img[src^="blob:"]')).to.not.equal(null);
    expect(button(el, 'Discard changes')).to.not.equal(undefined);
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
  });

  it('shows a load error with Try again, and the form after the retry', async () => {
    let reads = 0;
    const el = await onFakeFetch((path) => {
      if (path !== '/profile') return undefined;
      return ++reads === 1 ? apiError(503, 'unavailable', 'The profile store is not available right now.') : json(FAKE_PROFILE);
    });
    await until(() => el.shadowRoot!.querySelector('[part=load-error]'));
    const alert = el.shadowRoot!.querySelector('[part=load-error]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('not available right now');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    button(el, 'Try again').click();
    await until(() => el.shadowRoot!.querySelector('form'));
    expect(reads).to.equal(2);
    expect($<HTMLInputElement>(el, '#displayName').value).to.equal('Ada');
    expect(el.shadowRoot!.querySelector('[part=load-error]')).to.equal(null);
  });

  it('shows the phone in the international format the contacts use', async () => {
    const account = await signUpFresh();
    await read(account.api.profile.$patch({ json: { phone: '+14155550142' } }));
    const el = await ready();
    // The parser arrives lazily: the number turns grouped once it is there.
    await until(() => $<HTMLInputElement>(el, '#phone').value === '+1 415 555 0142');
    await el.updateComplete;
    expect(el.hasAttribute('sk-dirty')).to.equal(false);
  });

  it('makes <profile-settings> ask before leaving the tab with unsaved edits', async () => {
    await signUpFresh();
    const page = await fixture(html`<profile-settings no-hash></profile-settings>`);
    await until(() => page.shadowRoot!.querySelector('profile-form')?.shadowRoot?.querySelector('form'));
    const el = page.shadowRoot!.querySelector('profile-form') as ProfileForm;
    type(el, '#company', 'Unsaved Ltd');
    await el.updateComplete;
    page.shadowRoot!.querySelector<HTMLButtonElement>('#tab-security')!.click();
    await until(() => page.shadowRoot!.querySelector<HTMLDialogElement>('#discard')!.open);
    expect(page.shadowRoot!.querySelector('#tab-profile')!.getAttribute('aria-selected')).to.equal('true');
  });

  it('changes the email only through "Change email", with its errors tied to the fields', async () => {
    await signUpFresh();
    const el = await ready();
    const email = el.shadowRoot!.querySelector('email-change')!;
    await email.updateComplete;
    button(email, 'Change email').click();
    await until(() => email.shadowRoot!.querySelector('#ec-new'));
    button(email, 'Send link').click();
    await until(() => email.shadowRoot!.querySelector('#ec-new-error'));
    const input = email.shadowRoot!.querySelector<HTMLInputElement>('#ec-new')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('ec-new-error');
    expect(email.shadowRoot!.querySelector('#ec-password')!.hasAttribute('aria-describedby')).to.equal(false); // no id that is not there
    await expect(email).to.be.accessible();
  });

  it('is accessible', async () => {
    await signUpFresh();
    const el = await ready();
    await expect(el).to.be.accessible();
    type(el, '#phone', 'nope');
    button(el, 'Save').click();
    await until(() => el.shadowRoot!.querySelector('#phone-error'));
    await expect(el).to.be.accessible();
  });
});
