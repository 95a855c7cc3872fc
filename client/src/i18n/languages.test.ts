import { describe, expect, it } from 'vitest';
import { directionOf, LANGUAGES, matchLanguage, negotiateLanguage } from './languages';

describe('negotiateLanguage', () => {
  it('serves a regional tag with the supported language of the same language and script', () => {
    expect(negotiateLanguage(['pt-PT'])).toBe('pt-BR');
    expect(negotiateLanguage(['zh-HK'])).toBe('zh-TW');
    expect(negotiateLanguage(['zh-Hant'])).toBe('zh-TW');
    expect(negotiateLanguage(['zh-MO'])).toBe('zh-TW');
    expect(negotiateLanguage(['zh-SG'])).toBe('zh-CN');
    expect(negotiateLanguage(['zh'])).toBe('zh-CN');
    expect(negotiateLanguage(['es-MX'])).toBe('es');
    expect(negotiateLanguage(['fr-CA'])).toBe('fr');
    expect(negotiateLanguage(['de-AT'])).toBe('de');
    expect(negotiateLanguage(['ar-EG'])).toBe('ar');
    expect(negotiateLanguage(['ja-JP'])).toBe('ja');
    expect(negotiateLanguage(['ko-KR'])).toBe('ko');
    expect(negotiateLanguage(['ru-UA'])).toBe('ru');
    expect(negotiateLanguage(['en-GB'])).toBe('en');
  });

  it('takes the first tag in the browser’s order that a language serves, and matches case-insensitively', () => {
    expect(negotiateLanguage(['nl-NL', 'de-DE', 'en'])).toBe('de');
    expect(negotiateLanguage(['ZH-tw'])).toBe('zh-TW');
    expect(negotiateLanguage([null, undefined, '', 'ja'])).toBe('ja');
  });

  it('falls back to English for unsupported, empty or malformed tags', () => {
    expect(negotiateLanguage(['nl', 'sv-SE'])).toBe('en');
    expect(negotiateLanguage([])).toBe('en');
    expect(negotiateLanguage(['not a tag!', '12'])).toBe('en');
    expect(matchLanguage('x-klingon')).toBeUndefined();
  });

  it('every supported code matches itself, and only Arabic is right-to-left', () => {
    for (const { code } of LANGUAGES) expect(matchLanguage(code)).toBe(code);
    expect(LANGUAGES.filter((l) => directionOf(l.code) === 'rtl').map((l) => l.code)).toEqual(['ar']);
  });
});
