/** The 40 supported locales: the one list every part of Baton reads. */
export const LOCALES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro',
  'bg', 'el', 'hr', 'sl', 'et', 'lv', 'lt', 'tr', 'uk', 'ru', 'ar', 'he', 'fa', 'hi', 'bn', 'ja',
  'ko', 'zh-Hans', 'zh-Hant', 'th', 'vi', 'id', 'ms', 'fil',
] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export const RTL_LOCALES: ReadonlySet<Locale> = new Set(['ar', 'he', 'fa']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag such as `pt-BR`, `zh-TW` or `no` to the closest supported locale. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  const base = lower.split(/[-_]/)[0];
  if (base === 'no' || base === 'nn') return 'nb';
  if (base === 'tl') return 'fil';
  if (base === 'iw') return 'he';
  if (base === 'in') return 'id';
  return LOCALES.find((l) => l === base);
}
