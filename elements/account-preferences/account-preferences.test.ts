import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { read } from '../api/client';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { expectTryAgainLoads } from '../../test/load-retry';
import '../notification-settings/notification-settings';
import '../settings-provider/settings-provider';
import type { AccountPreferences } from './account-preferences';
import './account-preferences';

const radio = (el: AccountPreferences, name: string, value: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}][value="${value}"]`)!;
const preview = (el: AccountPreferences) => el.shadowRoot!.querySelector('output')!.textContent!.trim();

async function onPage() {
  const root = await fixture<HTMLElement>(html`<settings-provider>
    <account-preferences .previewDate=${new Date('2026-01-05T15:07:00Z')}></account-preferences>
    <notification-settings></notification-settings>
  </settings-provider>`);
  const prefs = root.querySelector('account-preferences')!;
  const notes = root.querySelector('notification-settings')!;
  await until(() => prefs.shadowRoot!.querySelector('output') && notes.shadowRoot!.querySelector('input[role=switch]'));
  return { root, prefs, notes };
}

const cardColour = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('.card')!).backgroundColor;
const textColour = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('.card')!).color;

describe('<account-preferences>', () => {
  afterEach(signOut);

  it('shows a load error with "Try again", which loads the choices', async () => {
    const stored = { theme: 'dark', compact: true, dateFormat: 'iso', timeFormat: '24h' };
    await expectTryAgainLoads('account-preferences', 'GET /preferences', stored, (root) => root.querySelector<HTMLInputElement>('input[name=compact]')?.checked);
  });

  it('switches the theme live on every element of the page, and saves it', async () => {
    const { api } = await signUpFresh();
    const { prefs, notes } = await onPage();
    const first = oneEvent(prefs, 'sk-preferences-changed');
    radio(prefs, 'theme', 'light').click();
    await first;
    await until(() => notes.getAttribute('sk-theme') === 'light');
    const light = [cardColour(notes), textColour(notes), cardColour(prefs)];

    const saved = oneEvent(prefs, 'sk-preferences-changed');
    radio(prefs, 'theme', 'dark').click();
    await until(() => notes.getAttribute('sk-theme') === 'dark' && prefs.getAttribute('sk-theme') === 'dark');
    expect(cardColour(notes)).not.to.equal(light[0]);
    expect(textColour(notes)).not.to.equal(light[1]);
    expect(cardColour(prefs)).not.to.equal(light[2]);
    expect((await saved).detail.preferences.theme).to.equal('dark');
    expect((await read(api.preferences.$get())).theme).to.equal('dark');
    const me = await read(api.me.$get());
    expect(me.user.preferences.theme).to.equal('dark');
  });

  it('renders the preview with a 12-hour or 24-hour clock', async () => {
    await signUpFresh();
    const { prefs } = await onPage();
    radio(prefs, 'timeFormat', '12h').click();
    await until(() => /\b(AM|PM)\b/i.test(preview(prefs)));
    expect(preview(prefs)).to.match(/:07\s?(AM|PM)/i);
    radio(prefs, 'timeFormat', '24h').click();
    await until(() => !/\b(AM|PM)\b/i.test(preview(prefs)));
    expect(preview(prefs)).to.match(/\d\d:07/);
  });

  it('changes the date format of the preview and tightens spacing in compact mode', async () => {
    await signUpFresh();
    const { prefs, notes } = await onPage();
    const select = prefs.shadowRoot!.querySelector<HTMLSelectElement>('select')!;
    select.value = 'iso';
    select.dispatchEvent(new Event('change'));
    await until(() => preview(prefs).startsWith('2026-01-05'));
    const padding = getComputedStyle(notes.shadowRoot!.querySelector('.card')!).paddingTop;
    prefs.shadowRoot!.querySelector<HTMLInputElement>('input[name=compact]')!.click();
    await until(() => notes.hasAttribute('sk-compact'));
    expect(parseFloat(getComputedStyle(notes.shadowRoot!.querySelector('.card')!).paddingTop)).to.be.lessThan(parseFloat(padding));
  });

  it('is accessible in light and dark', async () => {
    await signUpFresh();
    const { prefs } = await onPage();
    await expect(prefs).to.be.accessible();
    radio(prefs, 'theme', 'dark').click();
    await until(() => prefs.getAttribute('sk-theme') === 'dark');
    await expect(prefs).to.be.accessible();
  });
});
