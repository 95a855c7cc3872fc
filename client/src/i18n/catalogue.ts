import type en from './locales/en.json';

/** The plural categories of CLDR; i18next keys a plural as `<key>_<category>`. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

type Plural<K> = K extends `${infer Base}_${PluralCategory}` ? Base : never;

/**
 * The shape a language must have, derived from English: every key English has, with any
 * string; a plural English writes as `x_one`/`x_other` needs `x_other` and may have any other
 * category the language's rules use (Arabic has six, Japanese only `other`). Completeness of
 * the categories per language and unused keys are checked by `catalogue.test.ts`.
 */
export type Catalogue<T = typeof en> = {
  [K in keyof T as K extends `${string}_${PluralCategory}` ? `${Plural<K>}_other` : K]: T[K] extends string ? string : Catalogue<T[K]>;
} & {
  [K in keyof T as K extends `${string}_${PluralCategory}` ? `${Plural<K>}_${Exclude<PluralCategory, 'other'>}` : never]?: string;
};
