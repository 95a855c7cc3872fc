/** First Strong Isolate … Pop Directional Isolate: the plain-text form of `<bdi>`. */
const FSI = '\u2068';
const PDI = '\u2069';

/** Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms. */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * An interpolated value (a name, a booth, a note) isolated from the sentence around it, so a
 * Latin name in an Arabic sentence, or an Arabic name in an English one, keeps its own
 * direction and does not drag the punctuation next to it. In a left-to-right UI, text without
 * right-to-left characters cannot be reordered, so it stays as it is.
 */
export function isolate(value: string, uiDirection: 'ltr' | 'rtl'): string {
  if (value === '') return value;
  if (uiDirection === 'rtl' || RTL_CHAR.test(value)) return `${FSI}${value}${PDI}`;
  return value;
}
