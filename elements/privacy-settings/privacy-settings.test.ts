import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { read } from '../api/client';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTiedToError } from '../../test/field-assertions';
import type { PrivacySettings } from './privacy-settings';
import './privacy-settings';

const $ = <T extends Element = HTMLElement>(el: PrivacySettings, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const button = (el: PrivacySettings, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

async function ready() {
  const el = await fixture<PrivacySettings>(html`<privacy-settings></privacy-settings>`);
  await until(() => el.shadowRoot!.querySelector('#pv-analytics'));
  return el;
}

describe('<privacy-settings>', () => {
  afterEach(signOut);

  it('toggles analytics (off by default) and saves it', async () => {
    const { api } = await signUpFresh();
    const el = await ready();
    expect($<HTMLInputElement>(el, '#pv-analytics').checked).to.be.false;
    const changed = oneEvent(el, 'sk-privacy-changed');
    $<HTMLInputElement>(el, '#pv-analytics').click();
    expect((await changed).detail.analytics).to.be.true;
    expect((await read(api.privacy.$get())).analytics).to.be.true;
  });

  it('a refused save puts the switch back and says why', async () => {
    await signUpFresh();
    const el = await ready();
    await signOut();
    $<HTMLInputElement>(el, '#pv-analytics').click();
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.contain('Sign in');
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#pv-analytics').checked).to.be.false;
    expect($(el, '.status').textContent!.trim()).to.equal('');
  });

  it('asks for the password before the export, names a wrong one, then starts the download', async () => {
    await signUpFresh();
    const el = await ready();
    button(el, 'Download my data').click();
    await until(() => $<HTMLDialogElement>(el, '#export-dialog').open);
    $<HTMLInputElement>(el, '#export-password').value = 'not my password';
    button(el, 'Download').click();
    await until(() => el.shadowRoot!.querySelector('#export-password-error'));
    expect($(el, '#export-password-error').textContent).to.contain('not correct');
    expect($(el, '#export-password').getAttribute('aria-invalid')).to.equal('true');

    // Catch the download link instead of navigating.
    let href = '';
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      href = this.href;
    };
    try {
      $<HTMLInputElement>(el, '#export-password').value = PASSWORD;
      const exported = oneEvent(el, 'sk-data-exported');
      button(el, 'Download').click();
      await exported;
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(href).to.match(/\/api\/account\/export\?ticket=/);
    const res = await fetch(href, { credentials: 'include' });
    expect(res.headers.get('content-disposition')).to.contain('attachment');
    const data = await res.json();
    expect(data.profile.displayName).to.equal('Test User');
    expect($<HTMLDialogElement>(el, '#export-dialog').open).to.be.false;
  });

  it('deletes the account behind the warning, the password and the typed word', async () => {
    await signUpFresh();
    const el = await ready();
    button(el, 'Delete account…').click();
    await until(() => $<HTMLDialogElement>(el, '#delete-dialog').open);
    const dialog = $(el, '#delete-dialog');
    expect(dialog.textContent).to.contain('permanent and cannot be undone');
    expect(dialog.textContent).to.contain('Export your data first');
    // Not clickable until the password and the exact word are typed (#13.14).
    const type = async (id: string, value: string) => {
      const input = $<HTMLInputElement>(el, id);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    };
    expect(button(el, 'Delete my account').disabled).to.equal(true);
    await type('#delete-confirm', 'DELETE');
    expect(button(el, 'Delete my account').disabled).to.equal(true); // no password yet
    await type('#delete-password', PASSWORD);
    await type('#delete-confirm', 'delete');
    expect(button(el, 'Delete my account').disabled).to.equal(true); // the word is DELETE, in capitals
    await type('#delete-confirm', 'DELETE');
    expect(button(el, 'Delete my account').disabled).to.equal(false);
    const deleted = oneEvent(el, 'sk-account-deleted');
    button(el, 'Delete my account').click();
    await deleted;
    expect((await fetch('/api/me', { credentials: 'include' })).status).to.equal(401);
  });

  it('ties a wrong password in the delete dialog to its error (aria-invalid, aria-describedby)', async () => {
    await signUpFresh();
    const el = await ready();
    button(el, 'Delete account…').click();
    await until(() => $<HTMLDialogElement>(el, '#delete-dialog').open);
    expect($(el, '#delete-password').getAttribute('aria-invalid')).to.equal('false');
    for (const [id, value] of [['#delete-password', 'not my password'], ['#delete-confirm', 'DELETE']]) {
      const input = $<HTMLInputElement>(el, id!);
      input.value = value!;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
    button(el, 'Delete my account').click();
    await until(() => el.shadowRoot!.querySelector('#delete-password-error'));
    expectTiedToError(el.shadowRoot!, '#delete-password', 'not correct');
    expect((await fetch('/api/me', { credentials: 'include' })).status).to.equal(200);
  });

  it('a failed load shows the reason with "Try again", which loads the settings', async () => {
    await signOut();
    const el = await fixture<PrivacySettings>(html`<privacy-settings></privacy-settings>`);
    await until(() => el.shadowRoot!.querySelector('[part=load-error]'));
    expect($(el, '[part=load-error]').textContent).to.contain('Sign in');
    expect(el.shadowRoot!.querySelector('#pv-analytics')).to.equal(null);
    await signUpFresh();
    button(el, 'Try again').click();
    await until(() => el.shadowRoot!.querySelector('#pv-analytics'));
    expect(el.shadowRoot!.querySelector('[part=load-error]')).to.equal(null);
    expect(button(el, 'Delete account…')).to.exist;
  });

  it('offers the export from inside the delete dialog', async () => {
    await signUpFresh();
    const el = await ready();
    button(el, 'Delete account…').click();
    await until(() => $<HTMLDialogElement>(el, '#delete-dialog').open);
    button(el, 'Download my data first').click();
    await until(() => $<HTMLDialogElement>(el, '#export-dialog').open);
    expect($<HTMLDialogElement>(el, '#delete-dialog').open).to.be.false;
  });

  it('is accessible, with the delete dialog open too, in light and dark', async () => {
    await signUpFresh();
    const el = await ready();
    await expect(el).to.be.accessible();
    button(el, 'Delete account…').click();
    await until(() => $<HTMLDialogElement>(el, '#delete-dialog').open);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('sk-theme')).to.equal('dark');
    await expect(el).to.be.accessible();
  });
});
