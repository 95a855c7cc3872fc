import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PluralCategory } from './catalogue';
import { LANGUAGES } from './languages';
import { catalogues, en } from './resources';

// The completeness check `npm test` runs: every language has every key English has (and no
// other), the plural forms its own plural rules need, the same {{placeholders}}; every key is
// used by the sources and every key the sources use exists.

const SRC = fileURLToPath(new URL('..', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const baseKey = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

/** The categories a language's rules give whole counts 0–1000 (counts of booths, minutes, people). */
function categoriesFor(language: string): Set<PluralCategory> {
  const rules = new Intl.PluralRules(language);
  const out = new Set<PluralCategory>(['other']);
  for (let n = 0; n <= 1000; n++) out.add(rules.select(n) as PluralCategory);
  return out;
}

const english = flatten(en as Tree);
const englishBase = new Set([...english.keys()].map(baseKey));
const pluralBases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map(baseKey));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys the sources name literally, and the prefixes of keys they build (`t(\`reasons.${code}\`)`). */
function usedKeys(): { keys: Map<string, string>; prefixes: Set<string> } {
  const keys = new Map<string, string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(SRC, file);
    for (const m of text.matchAll(/\b(?:t|i18next\.t)\(\s*(['"])([\w.-]+)\1/g)) keys.set(m[2]!, where);
    for (const m of text.matchAll(/\bi18nKey=(['"])([\w.-]+)\1/g)) keys.set(m[2]!, where);
    for (const m of text.matchAll(/\b(?:t|i18next\.t)\(\s*`([\w.-]*)\$\{/g)) prefixes.add(m[1]!);
  }
  return { keys, prefixes };
}

describe('translation catalogues', () => {
  for (const { code } of LANGUAGES) {
    describe(code, () => {
      const messages = flatten(catalogues[code] as Tree);

      it('has every key English has and no other', () => {
        const base = new Set([...messages.keys()].map(baseKey));
        expect(
          [...englishBase].filter((k) => !base.has(k)),
          'missing',
        ).toEqual([]);
        expect(
          [...base].filter((k) => !englishBase.has(k)),
          'unknown',
        ).toEqual([]);
      });

      it('has exactly the plural forms its plural rules use', () => {
        const needed = categoriesFor(code);
        for (const key of pluralBases) {
          const present = [...messages.keys()].filter((k) => baseKey(k) === key && PLURAL.test(k));
          const have = new Set(present.map((k) => PLURAL.exec(k)![1] as PluralCategory));
          expect(
            [...needed].filter((c) => !have.has(c)),
            `${key}: missing forms`,
          ).toEqual([]);
          expect(
            [...have].filter((c) => !needed.has(c)),
            `${key}: forms ${code} never uses`,
          ).toEqual([]);
        }
      });

      it('keeps every {{placeholder}} of the English text and the text is not empty', () => {
        for (const [key, text] of messages) {
          expect(text.trim(), key).not.toBe('');
          const source = english.get(key) ?? english.get(`${baseKey(key)}_other`)!;
          // A plural's `one` may spell the count out ("un minuto"), so only {{count}} may go.
          const want = placeholders(source).filter((p) => !(PLURAL.test(key) && p === 'count'));
          const have = placeholders(text).filter((p) => p !== 'count');
          expect(have, key).toEqual(want.filter((p) => p !== 'count'));
        }
      });
    });
  }

  it('every key the sources use exists in English', () => {
    const { keys } = usedKeys();
    const missing = [...keys].filter(([key]) => !englishBase.has(key) && !pluralBases.has(key));
    expect(missing.map(([key, file]) => `${key} (${file})`)).toEqual([]);
  });

  it('every English key is used by the sources', () => {
    const { keys, prefixes } = usedKeys();
    const unused = [...englishBase].filter((key) => !keys.has(key) && ![...prefixes].some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
  });
});
