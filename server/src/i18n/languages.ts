/**
 * The languages the server writes in: the same 11 as the client's catalogues
 * (client/src/i18n/languages.ts), matched the same way.
 */
export const SERVER_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'es', 'fr', 'de', 'pt-BR', 'ja', 'ko', 'ru', 'ar'] as const;
export type ServerLanguage = (typeof SERVER_LANGUAGES)[number];

function parts(tag: string): { language: string; script: string | undefined } | undefined {
  try {
    const locale = new Intl.Locale(tag).maximize();
    return { language: locale.language, script: locale.script };
  } catch {
    return undefined;
  }
}

/**
 * The language to write to someone whose profile says `tag`: the exact language, else the same
 * language and script ("zh-HK" → zh-TW, "zh" → zh-CN), else the same language ("pt" → pt-BR),
 * else English.
 */
export function serverLanguage(tag: string | null | undefined): ServerLanguage {
  if (!tag) return 'en';
  const exact = SERVER_LANGUAGES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const wanted = parts(tag);
  if (!wanted) return 'en';
  const same = SERVER_LANGUAGES.filter((l) => parts(l)?.language === wanted.language);
  return same.find((l) => parts(l)?.script === wanted.script) ?? same[0] ?? 'en';
}
