import { LOCALES, type Locale } from '../../shared/locales';
import { LEXICONS } from './lexicons';
import { normalize } from './normalize';

export interface LanguageGuess {
  locale: Locale;
  confident: boolean;
}

/** Scripts used by exactly one of our locales, or a few told apart below. */
const SCRIPTS: [RegExp, Locale | 'arabic' | 'cyrillic' | 'han'][] = [
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/g, 'ko'],
  [/[\u0e00-\u0e7f]/g, 'th'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0370-\u03ff]/g, 'el'],
  [/[\u0900-\u097f]/g, 'hi'],
  [/[\u0980-\u09ff]/g, 'bn'],
  [/[\u0600-\u06ff]/g, 'arabic'],
  [/[\u0400-\u04ff]/g, 'cyrillic'],
  [/[\u4e00-\u9fff]/g, 'han'],
];

// Letters only Persian uses, and the Cyrillic letters that tell Ukrainian and Bulgarian from Russian.
// Persian keyboards also type their own yeh and kaf (ی ک), where Arabic uses ي ك.
const PERSIAN = /[پچژگیک]/g;
const UKRAINIAN = /[іїєґ]/g;
const RUSSIAN = /[ыэё]/g;
// Characters common in Traditional but not Simplified Chinese, and vice versa.
const TRADITIONAL = /[們個這說會來時請問題麼還對與訂單貨發錢買賣號碼帳戶為]/g;
const SIMPLIFIED = /[们个这说会来时请问题么还对与订单货发钱买卖号码账户为]/g;

const KANA = /[\u3040-\u30ff]/g;
const KANA_OR_HAN = /[\u3040-\u30ff\u4e00-\u9fff]/g;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

const LATIN_LOCALES = LOCALES.filter(
  (l) => !['ja', 'ko', 'th', 'he', 'el', 'hi', 'bn', 'ar', 'fa', 'ru', 'uk', 'bg', 'zh-Hans', 'zh-Hant'].includes(l),
);
const STOPWORDS = new Map(LATIN_LOCALES.map((l) => [l, new Set(LEXICONS[l].stopwords.map((w) => normalize(w).trim()))]));
const BG_STOPWORDS = new Set(LEXICONS.bg.stopwords.map((w) => normalize(w).trim()));

/**
 * A small detector that runs in Workers: the script decides for most languages; Latin
 * text is scored by each language's frequent words. Confident only with clear evidence.
 */
export function detectLanguage(text: string): LanguageGuess | undefined {
  // Japanese mixes kanji with kana; any kana means Japanese, not Chinese.
  if (count(text, KANA) > 0 && count(text, KANA_OR_HAN) >= 2) return { locale: 'ja', confident: true };
  let best: { script: (typeof SCRIPTS)[number][1]; n: number } | undefined;
  for (const [re, script] of SCRIPTS) {
    const n = count(text, re);
    if (n > (best?.n ?? 0)) best = { script, n };
  }
  if (best && best.n >= 2) {
    switch (best.script) {
      case 'arabic':
        return { locale: count(text, PERSIAN) > 0 ? 'fa' : 'ar', confident: best.n >= 4 };
      case 'cyrillic': {
        if (count(text, UKRAINIAN) > 0) return { locale: 'uk', confident: true };
        const words = normalize(text).trim().split(' ');
        const bg = words.filter((w) => BG_STOPWORDS.has(w)).length;
        if (bg >= 2 && count(text, RUSSIAN) === 0) return { locale: 'bg', confident: true };
        return { locale: 'ru', confident: best.n >= 4 };
      }
      case 'han':
        return { locale: count(text, TRADITIONAL) > count(text, SIMPLIFIED) ? 'zh-Hant' : 'zh-Hans', confident: best.n >= 2 };
      default:
        return { locale: best.script, confident: true };
    }
  }
  const words = normalize(text).trim().split(' ').filter((w) => w.length > 0 && w !== '|');
  if (words.length === 0) return undefined;
  const scores = LATIN_LOCALES.map((locale) => ({
    locale,
    score: words.filter((w) => STOPWORDS.get(locale)!.has(w)).length,
  })).sort((a, b) => b.score - a.score);
  const [first, second] = scores;
  if (!first || first.score === 0) return undefined;
  const runnerUp = second?.score ?? 0;
  const confident = first.score >= 2 && first.score > runnerUp && first.score >= 1.5 * runnerUp;
  return { locale: first.locale, confident };
}

/** The language to answer in: the message's when detection is confident, else the customer's locale. */
export function replyLanguage(text: string, fallback: Locale): Locale {
  const guess = detectLanguage(text);
  return guess?.confident ? guess.locale : fallback;
}
