import type { Catalogue } from './catalogue';
import type { Language } from './languages';
import ar from './locales/ar.json';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import ja from './locales/ja.json';
import ko from './locales/ko.json';
import ptBR from './locales/pt-BR.json';
import ru from './locales/ru.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';

/**
 * Every language's catalogue, each typed against English: a key missing from any
 * `locales/*.json` fails the type check here.
 */
export const catalogues: Record<Language, Catalogue> = {
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  es,
  fr,
  de,
  'pt-BR': ptBR,
  ja,
  ko,
  ru,
  ar,
};

export { en };
