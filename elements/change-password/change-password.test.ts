import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import { passwordStrength, type ChangePassword } from './change-password';
import './change-password';

const $ = <T extends HTMLElement = HTMLElement>(el: ChangePassword, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const fill = (el: ChangePassword, values: Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword', string>>) => {
  for (const [name, value] of Object.entries(values)) {
    const input = $<HTMLInputElement>(el, `#${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
};
const submit = (el: ChangePassword) => $<HTMLButtonElement>(el, 'button[type=submit]').click();
const signInElsewhere = (email: string, password = PASSWORD) =>
  fetch('/api/auth/sign-in', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('<change-password>', () => {
  afterEach(signOut);

  it('changes the password, says other sessions were signed out, and keeps this one', async () => {
    const account = await signUpFresh();
    await signInElsewhere(account.email);
    expect((await (await fetch('/api/security/sessions')).json()).sessions).to.have.length(2);
    const el = await fixture<ChangePassword>(html`<change-password></change-password>`);
    fill(el, { currentPassword: PASSWORD, newPassword: 'violet lantern harbour quietly', confirmPassword: 'violet lantern harbour quietly' });
    await el.updateComplete;
    expect($(el, '#newPassword-hint').textContent).to.contain('Strong');
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
    const changed = oneEvent(el, 'sk-password-changed');
    submit(el);
    await el.updateComplete;
    expect($(el, 'button[type=submit]').textContent).to.contain('Changing');
    await changed;
    await el.updateComplete;
    expect($(el, '[role=status]').textContent).to.contain('other sessions were signed out');
    expect($<HTMLInputElement>(el, '#newPassword').value).to.equal('');
    expect((await fetch('/api/me')).status).to.equal(200);
    expect((await (await fetch('/api/security/sessions')).json()).sessions).to.have.length(1);
  });

  it("shows the server's reason for a rejected password and for a wrong current one", async () => {
    await signUpFresh();
    const el = await fixture<ChangePassword>(html`<change-password></change-password>`);
    fill(el, { currentPassword: PASSWORD, newPassword: 'password123', confirmPassword: 'password123' });
    submit(el);
    await until(() => el.shadowRoot!.querySelector('#newPassword-error'));
    expect($(el, '#newPassword-error').textContent).to.contain('too common');
    expect($(el, '#newPassword').getAttribute('aria-describedby')).to.contain('newPassword-error');

    fill(el, { currentPassword: 'not my password', newPassword: 'violet lantern harbour', confirmPassword: 'violet lantern harbour' });
    submit(el);
    await until(() => el.shadowRoot!.querySelector('#currentPassword-error'));
    expect($(el, '#currentPassword-error').textContent).to.contain('not correct');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#currentPassword'));
  });

  it('checks the confirmation before calling the server', async () => {
    await signUpFresh();
    const el = await fixture<ChangePassword>(html`<change-password></change-password>`);
    fill(el, { currentPassword: PASSWORD, newPassword: 'violet lantern harbour', confirmPassword: 'violet lantern harbor' });
    submit(el);
    await el.updateComplete;
    expect($(el, '#confirmPassword-error').textContent).to.contain('do not match');
  });

  it('shows the passwords as text while "Show passwords" is ticked', async () => {
    await signUpFresh();
    const el = await fixture<ChangePassword>(html`<change-password></change-password>`);
    const types = () => [...el.shadowRoot!.querySelectorAll('input:not([type=checkbox])')].map((i) => (i as HTMLInputElement).type);
    expect(types()).to.deep.equal(['password', 'password', 'password']);
    const box = $<HTMLInputElement>(el, '#show-passwords');
    expect(box.type).to.equal('checkbox');
    expect(box.nextElementSibling!.textContent!.trim()).to.equal('Show passwords'); // the box before its label
    el.shadowRoot!.querySelector<HTMLLabelElement>('label[for=show-passwords]')!.click();
    await el.updateComplete;
    expect(box.checked).to.equal(true);
    expect(types()).to.deep.equal(['text', 'text', 'text']);
  });

  it('rates strength by length and variety only', () => {
    expect(passwordStrength('short')).to.equal(0);
    expect(passwordStrength('aaaaaaaa')).to.equal(1);
    expect(passwordStrength('correct horse battery staple')).to.equal(3);
    expect(passwordStrength('Tr0ub4dor')).to.be.lessThan(3);
  });

  it('is accessible', async () => {
    await signUpFresh();
    const el = await fixture<ChangePassword>(html`<change-password></change-password>`);
    await expect(el).to.be.accessible();
    fill(el, { newPassword: 'abc' });
    submit(el);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
