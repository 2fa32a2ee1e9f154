import { expect, fixture, html } from '@open-wc/testing';
import { apiError } from '../../test/fake-api';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTryAgainLoads } from '../../test/load-retry';
import '../settings-provider/settings-provider';
import type { UserPasskeys } from './user-passkeys';
import './user-passkeys';

const q = <T extends Element>(el: UserPasskeys, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('<user-passkeys>', () => {
  afterEach(signOut);

  const passkey = { id: 'pk1', name: 'Laptop', createdAt: new Date().toISOString(), lastUsedAt: null, synced: false };

  it('loads the list when "Try again" is clicked after a failed load', async () => {
    await expectTryAgainLoads('user-passkeys', 'GET /security/passkeys', { passkeys: [passkey] }, (root) => root.querySelector('[part=passkey]'));
  });

  it('removes a passkey after the confirmation, says so and puts focus on the title; a refusal stays in the dialog', async () => {
    let list = [passkey];
    let refuse = true;
    const answer = { get passkeys() { return list; } };
    const el = await expectTryAgainLoads('user-passkeys', 'GET /security/passkeys', answer, (root) => root.querySelector('[part=passkey]'), {
      'DELETE /security/passkeys/:id': () => (refuse ? apiError(409, 'conflict', 'This passkey cannot be removed now.') : ((list = []), undefined)),
    });
    const root = el.shadowRoot!;
    const remove = () => [...root.querySelectorAll<HTMLButtonElement>('button.danger')].find((b) => b.textContent!.includes('Remove'))!;
    remove().click();
    await until(() => root.querySelector<HTMLDialogElement>('#pk-remove')!.open);
    root.querySelector<HTMLFormElement>('#pk-remove form')!.requestSubmit();
    await until(() => root.querySelector('#pk-remove [role=alert]'));
    expect(root.querySelector('#pk-remove [role=alert]')!.textContent).to.contain('cannot be removed');
    refuse = false;
    root.querySelector<HTMLFormElement>('#pk-remove form')!.requestSubmit();
    await until(() => !root.querySelector<HTMLDialogElement>('#pk-remove')!.open && root.activeElement?.id === 'pk-title');
    expect(root.textContent).to.contain('The passkey "Laptop" was removed.');
    await until(() => root.querySelector('.empty'));
  });

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
