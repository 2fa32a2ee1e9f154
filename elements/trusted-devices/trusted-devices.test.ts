import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { generate } from 'otplib';
import { createApiClient, read } from '../api/client';
import { PASSWORD, signOut, signUpFresh, until } from '../../test/element-helpers';
import type { TrustedDevices } from './trusted-devices';
import './trusted-devices';
import '../settings-provider/settings-provider';
import { expectTryAgainLoads } from '../../test/load-retry';

const api = () => createApiClient('/api');
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
const $ = <T extends HTMLElement = HTMLElement>(el: TrustedDevices, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

/** An account with TOTP, signed in again on this browser with "trust this device". */
async function trustedAccount() {
  const account = await signUpFresh();
  const { secret, recoveryCodes } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } })).then(async ({ secret }) => ({
    secret,
    ...(await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }))),
  }));
  await signOut();
  await read(api().auth['sign-in'].$post({ json: { email: account.email, password: PASSWORD } }));
  await read(api().auth['sign-in']['two-factor'].$post({ json: { method: 'recovery_code', code: recoveryCodes[0]!, trustDevice: true } }));
  return { ...account, secret, recoveryCodes };
}

describe('<trusted-devices>', () => {
  afterEach(signOut);

  it('shows the empty state, and is accessible', async () => {
    await signUpFresh();
    const el = await fixture<TrustedDevices>(html`<trusted-devices></trusted-devices>`);
    expect(el.shadowRoot!.textContent).to.contain('Loading');
    await until(() => el.shadowRoot!.querySelector('.empty'));
    expect($(el, '.empty').textContent).to.contain('No trusted devices');
    await expect(el).to.be.accessible();
  });

  it('stays hidden on a page whose user has two-factor authentication off, and shows once it is on', async () => {
    await signUpFresh();
    const provider = await fixture<HTMLElement>(html`<settings-provider><trusted-devices></trusted-devices></settings-provider>`);
    const el = provider.querySelector('trusted-devices')!;
    await until(() => el.shadowRoot!.querySelector('.empty'));
    await el.updateComplete;
    expect(el.hidden).to.be.true;
    expect(getComputedStyle(el).display).to.equal('none');
    const { secret } = await read(api().security['two-factor'].totp.setup.$post({ json: { password: PASSWORD } }));
    await read(api().security['two-factor'].totp.enable.$post({ json: { code: await codeAt(secret, -1) } }));
    await (provider as unknown as { root: { refresh(): Promise<void> } }).root.refresh();
    await until(() => !el.hidden);
  });

  it('shows an error with a retry when the list cannot load', async () => {
    const el = await fixture<TrustedDevices>(html`<trusted-devices></trusted-devices>`);
    await until(() => el.shadowRoot!.querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.contain('Sign in');
    expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('Try again'))).to.be.true;
  });

  it('loads the list when "Try again" is clicked after a failed load', async () => {
    const at = new Date().toISOString();
    const device = { id: 'd1', device: 'Desktop', browser: 'Firefox', os: 'Linux', ip: null, country: null, createdAt: at, lastUsedAt: at, expiresAt: at };
    await expectTryAgainLoads('trusted-devices', 'GET /security/trusted-devices', { devices: [device] }, (root) => root.querySelector('[part=device]'));
  });

  it('lists a trusted device with its details and revokes it after a confirmation', async () => {
    await trustedAccount();
    const el = await fixture<TrustedDevices>(html`<trusted-devices></trusted-devices>`);
    await until(() => el.shadowRoot!.querySelector('[part=device]'));
    const row = $(el, '[part=device]');
    expect(row.textContent).to.contain('Last used');
    expect(row.textContent).to.contain('Expires');
    expect(row.querySelectorAll('time')).to.have.length(2);
    await expect(el).to.be.accessible();

    row.querySelector<HTMLButtonElement>('button')!.click();
    const dialog = $<HTMLDialogElement>(el, '#revoke-dialog');
    await until(() => dialog.open);
    await expect(el).to.be.accessible();
    // Cancel keeps it.
    dialog.querySelector<HTMLButtonElement>('button[type=button]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.be.false;
    expect(el.shadowRoot!.querySelectorAll('[part=device]')).to.have.length(1);

    row.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => dialog.open);
    const revoked = oneEvent(el, 'sk-trusted-device-revoked');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await revoked).detail.id).to.be.a('string');
    await until(() => el.shadowRoot!.querySelector('.empty'));
    const { devices } = await read(api().security['trusted-devices'].$get());
    expect(devices).to.have.length(0);
  });

  it('"Revoke all" forgets every device', async () => {
    await trustedAccount();
    const el = await fixture<TrustedDevices>(html`<trusted-devices></trusted-devices>`);
    await until(() => el.shadowRoot!.querySelector('[part=device]'));
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.head button')].find((b) => b.textContent!.includes('Revoke all'))!.click();
    const dialog = $<HTMLDialogElement>(el, '#revoke-dialog');
    await until(() => dialog.open);
    expect(dialog.textContent).to.contain('Every browser');
    const revoked = oneEvent(el, 'sk-trusted-device-revoked');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await revoked).detail).to.deep.equal({ all: true });
    await until(() => el.shadowRoot!.querySelector('.empty'));
  });
});
