import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes';

/**
 * One import() per target locale (a locale added to lit-localize.json adds a line here): each is its
 * own chunk, loaded only when a user's language asks for it, never part of the first load.
 */
const locales: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  de: () => import('./generated/de'),
  es: () => import('./generated/es'),
  fr: () => import('./generated/fr'),
};

/**
 * The localisation layer: every element's text goes through `msg()` from @lit/localize (runtime
 * mode). English is the source; translations live in xliff/<locale>.xlf and are built into
 * generated/<locale>.ts by `npm run localize`. Elements follow the signed-in user's language;
 * a host may also call `setLocale('fr')` itself.
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => locales[locale as keyof typeof locales](),
});

/** The supported locale that best matches a BCP 47 tag ("de-AT" → "de"), or the source locale. */
export function matchLocale(tag: string | null | undefined): string {
  if (!tag) return sourceLocale;
  const all = [sourceLocale, ...targetLocales] as string[];
  const lower = tag.toLowerCase();
  return all.find((l) => l.toLowerCase() === lower) ?? all.find((l) => lower.startsWith(l.toLowerCase() + '-')) ?? sourceLocale;
}
