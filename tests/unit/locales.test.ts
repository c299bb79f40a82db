import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/locales';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Values that are the same in every language. */
const SAME_EVERYWHERE = new Set(['app.name', 'author.system', 'help_article']);

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const load = (locale: string, file: string) => flatten(JSON.parse(readFileSync(`locales/${locale}/${file}`, 'utf8')) as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

/** The keys a locale must have: plural keys expanded to that language's CLDR categories. */
function expectedKeys(english: Map<string, string>, locale: string): Set<string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL.test(key)) for (const c of categories) keys.add(key.replace(PLURAL, `_${c}`));
    else keys.add(key);
  }
  return keys;
}

describe.each(['ui.json', 'assistant.json'])('%s in every locale', (file) => {
  const english = load('en', file);
  it.each(LOCALES.filter((l) => l !== 'en'))('%s is complete and translated', (locale) => {
    expect(existsSync(`locales/${locale}/${file}`), `locales/${locale}/${file}`).toBe(true);
    const strings = load(locale, file);
    const expected = expectedKeys(english, locale);
    expect([...expected].filter((k) => !strings.has(k)), 'missing keys').toEqual([]);
    expect([...strings.keys()].filter((k) => !expected.has(k)), 'unknown keys').toEqual([]);
    for (const [key, value] of strings) {
      const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!;
      expect(placeholders(value), `${locale} ${key} placeholders`).toEqual(placeholders(source));
      if (!SAME_EVERYWHERE.has(key) && value.length > 3) expect(value, `${locale} ${key} is English`).not.toBe(source);
    }
  });
});
