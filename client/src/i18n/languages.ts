/**
 * The UI languages, each with its name in itself and its writing direction. Adding one: a
 * `locales/<code>.json` typed in `resources.ts`, and a line here (see the README).
 */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'zh-CN', name: '简体中文', dir: 'ltr' },
  { code: 'zh-TW', name: '繁體中文', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { code: 'ja', name: '日本語', dir: 'ltr' },
  { code: 'ko', name: '한국어', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: Language = 'en';

const CODES: readonly string[] = LANGUAGES.map((l) => l.code);

export function isLanguage(tag: string | null | undefined): tag is Language {
  return typeof tag === 'string' && CODES.includes(tag);
}

/** 'rtl' for Arabic, 'ltr' for the others. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}

/** Language, script and region of a tag, with likely subtags added ("zh-HK" → zh, Hant, HK). */
function parts(tag: string): { language: string; script?: string; region?: string } | undefined {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return { language: locale.language, script: locale.script, region: locale.region };
  } catch {
    return undefined;
  }
}

/**
 * The supported language that best serves one requested tag, or undefined: an exact match
 * first ("pt-BR"), then the same language and script ("zh-HK" and "zh-Hant" → zh-TW, "zh-SG"
 * → zh-CN), then the same language in any region ("pt-PT" → pt-BR, "es-MX" → es, "en-GB" → en).
 */
export function matchLanguage(tag: string): Language | undefined {
  const exact = LANGUAGES.find((l) => l.code.toLowerCase() === tag.toLowerCase());
  if (exact) return exact.code;
  const wanted = parts(tag);
  if (!wanted) return undefined;
  const sameLanguage = LANGUAGES.filter((l) => parts(l.code)?.language === wanted.language);
  const sameScript = sameLanguage.find((l) => parts(l.code)?.script === wanted.script);
  return (sameScript ?? sameLanguage[0])?.code;
}

/**
 * The first of the requested tags (in the browser's order of preference) that some supported
 * language serves, else English. Like `Intl.LocaleMatcher`'s "lookup", with script awareness.
 */
export function negotiateLanguage(requested: readonly (string | null | undefined)[]): Language {
  for (const tag of requested) {
    if (!tag) continue;
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
