import { expect, fixture, html } from '@open-wc/testing';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import type { UserPasskeys } from './user-passkeys';
import './user-passkeys';

const q = <T extends Element>(el: UserPasskeys, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('<user-passkeys>', () => {
  afterEach(signOut);

  it('explains passkeys when there are none, and is accessible', async () => {
    await signUpFresh();
    const el = await fixture<UserPasskeys>(html`<user-passkeys></user-passkeys>`);
    await until(() => q(el, '.empty'));
    expect(q(el, '.empty')!.textContent).to.contain('No passkeys yet.');
    expect(el.shadowRoot!.textContent).to.contain('instead of your password');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('asks for the password first and ties a wrong one to its field', async () => {
    await signUpFresh();
    const el = await fixture<UserPasskeys>(html`<user-passkeys></user-passkeys>`);
    await until(() => q(el, 'button.primary'));
    q<HTMLButtonElement>(el, 'button.primary')!.click();
    await until(() => q(el, 'form.add'));
    expect(el.shadowRoot!.activeElement).to.equal(q(el, 'input[name=password]'));
    q<HTMLInputElement>(el, 'input[name=password]')!.value = 'not my password';
    q<HTMLFormElement>(el, 'form.add')!.requestSubmit();
    await until(() => q(el, '#pk-password-error'));
    expect(q(el, 'input[name=password]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(q(el, 'input[name=password]')!.getAttribute('aria-describedby')).to.equal('pk-password-error');
    expect(q(el, '#pk-password-error')!.textContent).to.contain('not correct');
    await expect(el).shadowDom.to.be.accessible();
  });
});
