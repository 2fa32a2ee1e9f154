import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../../test/element-helpers';
import type { SignInForm } from '../sign-in-form/sign-in-form';
import '../sign-in-form/sign-in-form';
import { templates as de } from './generated/de';
import { templates as es } from './generated/es';
import { templates as fr } from './generated/fr';
import { targetLocales } from './locale-codes';
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
    expect(matchLocale('fr-CA')).to.equal('fr');
    expect(matchLocale('fr')).to.equal('fr');
    expect(matchLocale('es-MX')).to.equal('es');
    expect(matchLocale('es-419')).to.equal('es');
    expect(matchLocale('it-IT')).to.equal('en');
    expect(matchLocale('french')).to.equal('en');
    expect(matchLocale(null)).to.equal('en');
  });

  // The same flow for every locale: sign-in texts, and a message made at event time.
  for (const [locale, title, email, password, emailError] of [
    ['fr', 'Connexion', 'E-mail', 'Mot de passe', 'Saisissez votre adresse e-mail.'],
    ['es', 'Iniciar sesión', 'Correo electrónico', 'Contraseña', 'Introduzca su dirección de correo electrónico.'],
  ] as const) {
    it(`switches a rendered <sign-in-form> to ${locale}`, async () => {
      const el = await fixture<SignInForm>(html`<sign-in-form></sign-in-form>`);
      await setLocale(locale);
      expect(getLocale()).to.equal(locale);
      await until(() => text(el, 'h2') === title);
      expect(text(el, 'label[for=email]')).to.equal(email);
      expect(text(el, 'label[for=password]')).to.equal(password);
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await until(() => text(el, '#email-error') !== '');
      expect(text(el, '#email-error')).to.equal(emailError);
    });
  }

  it('has no XML entities left in the built messages (they would show as text)', () => {
    for (const templates of [de, fr, es]) {
      const parts = Object.values(templates).flatMap((t) => (typeof t === 'string' ? [t] : [...((t as { strings?: readonly string[] }).strings ?? [])]));
      expect(parts.length).to.be.greaterThan(500);
      expect(parts.filter((p) => /&(amp|lt|gt|quot|apos|#\d+);/.test(p))).to.deep.equal([]);
    }
  });

  // `npx lit-localize extract` adds a new msg() to every xliff without a target; the build would then
  // show English in that locale without a word. This fails until each one is translated
  // (`node scripts/fill-xliff.mjs --missing <locale>` lists them).
  it('has a target, with the source placeholders, for every trans-unit of every target locale', async () => {
    const placeholders = (el: Element | null) => [...(el?.querySelectorAll('x') ?? [])].map((x) => x.getAttribute('id')).sort();
    const untranslated: string[] = [];
    const ids = new Map<string, string[]>();
    for (const locale of targetLocales) {
      const response = await fetch(new URL(`./xliff/${locale}.xlf`, import.meta.url));
      expect(response.ok, `${locale}.xlf`).to.equal(true);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      // The parser's message, not its element: chai would take minutes to print a DOM node, and the run times out.
      expect(doc.querySelector('parsererror')?.textContent ?? null, `${locale}.xlf parses`).to.equal(null);
      const units = [...doc.querySelectorAll('trans-unit')];
      ids.set(locale, units.map((u) => u.id).sort());
      for (const unit of units) {
        const target = unit.querySelector('target');
        if (!target || (target.textContent!.trim() === '' && !target.querySelector('x'))) untranslated.push(`${locale} ${unit.id}`);
        else expect(placeholders(target), `${locale} ${unit.id} placeholders`).to.deep.equal(placeholders(unit.querySelector('source')));
      }
    }
    expect(untranslated).to.deep.equal([]);
    const [first, ...rest] = targetLocales;
    expect(ids.get(first)!.length).to.be.greaterThan(500);
    for (const locale of rest) expect(ids.get(locale), `${locale}.xlf has the units of ${first}.xlf`).to.deep.equal(ids.get(first));
  });
});
