import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import type { ProblemCode } from '../media/problems';
import { isolate } from './bidi';
import { directionOf, isLanguage, LANGUAGES, negotiateLanguage, type Language } from './languages';
import en from './locales/en.json';

export { directionOf, isLanguage, LANGUAGES, negotiateLanguage, type Language } from './languages';

const LANGUAGE_KEY = 'ca:language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

// Every problem the client can report has an English sentence (and so, by type, one in every language).
en.reasons satisfies Record<ProblemCode, string>;

function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null; // storage unavailable
  }
}

/**
 * The language before anyone signs in: the switcher's remembered choice, else the browser's
 * languages negotiated to a supported one (pt-PT → pt-BR, zh-HK → zh-TW), else English.
 * A signed-in user's profile language overrides it (`useProfileLanguage`).
 */
export function detectLanguage(): Language {
  const stored = rememberedLanguage();
  if (isLanguage(stored)) return stored;
  return negotiateLanguage([...(navigator.languages ?? []), navigator.language]);
}

/** The language the UI shows now, always a supported one. */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language; `remember` keeps it for the next visit (the switcher's choice). */
export function setLanguage(language: Language, { remember = true }: { remember?: boolean } = {}): void {
  if (remember) {
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // storage unavailable
    }
  }
  void i18next.changeLanguage(language);
}

function followDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = isLanguage(language) ? directionOf(language) : 'ltr';
}

i18next.on('languageChanged', followDocument);

// English (the fallback) is in the bundle; every other language is a chunk of its own, loaded when it is
// chosen or detected (views wait for it, suspended, rather than flash English). resources.ts keeps all
// eleven for the type check of the catalogues.
void i18next
  .use(resourcesToBackend((language: string) => import(`./locales/${language}.json`)))
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    lng: detectLanguage(),
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: 'currentOnly',
    initAsync: false,
    interpolation: {
      // React escapes HTML; the "escape" step instead isolates each value's writing direction.
      escapeValue: true,
      escape: (value: unknown) => isolate(String(value), directionOf(currentLanguage())),
    },
    returnNull: false,
  });
followDocument(i18next.language);

export { i18next };
