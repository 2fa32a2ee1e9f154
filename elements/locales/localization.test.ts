import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../../test/element-helpers';
import type { SignInForm } from '../sign-in-form/sign-in-form';
import '../sign-in-form/sign-in-form';
import { templates } from './generated/de';
import { getLocale, matchLocale, setLocale } from './localization';

const text = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';

describe('localization', () => {
  afterEach(async () => {
    if (getLocale() !== 'en') await setLocale('en');
  });

  it('switches a rendered <sign-in-form> to German and back to English', async () => {
    const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
    expect(text(el, 'h2')).to.equal('Sign in');
    expect(text(el, 'label[for=email]')).to.equal('Email');

    await setLocale('de');
    expect(getLocale()).to.equal('de');
    await until(() => text(el, 'h2') === 'Anmelden');
    expect(text(el, 'label[for=email]')).to.equal('E-Mail');
    expect(text(el, 'label[for=password]')).to.equal('Passwort');

    // Messages made at event time follow the locale too.
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => text(el, '#email-error') !== '');
    expect(text(el, '#email-error')).to.equal('Geben Sie Ihre E-Mail-Adresse ein.');

    await setLocale('en');
    expect(getLocale()).to.equal('en');
    await until(() => text(el, 'h2') === 'Sign in');
    expect(text(el, 'label[for=email]')).to.equal('Email');
  });

  it('matches BCP 47 tags to the supported locales', () => {
    expect(matchLocale('de')).to.equal('de');
    expect(matchLocale('de-AT')).to.equal('de');
    expect(matchLocale('DE-ch')).to.equal('de');
    expect(matchLocale('fr-FR')).to.equal('en');
    expect(matchLocale(null)).to.equal('en');
  });

  it('has no XML entities left in the built German messages (they would show as text)', () => {
    const parts = Object.values(templates).flatMap((t) => (typeof t === 'string' ? [t] : [...((t as { strings?: readonly string[] }).strings ?? [])]));
    expect(parts.length).to.be.greaterThan(500);
    expect(parts.filter((p) => /&(amp|lt|gt|quot|apos);/.test(p))).to.deep.equal([]);
  });
});
