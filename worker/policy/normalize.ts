/**
 * Folds text so that the way people really type matches the lexicons: case, width,
 * missing diacritics, letter variants across Arabic and Persian keyboards, apostrophes,
 * punctuation and spacing. Lexicon terms and messages go through the same function.
 */

const COMBINING_MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u0640\u200c\u200d\u200b\u00ad]/g;

const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', þ: 'th', ς: 'σ',
  // Arabic-script variants that keyboards and habits mix freely.
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ی', 'ي': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه',
};

const APOSTROPHES = /['’‘`´ʼ]/g;
// Clause punctuation becomes `|`, so a negation never reaches across a clause.
const CLAUSE_BREAKS = /[.,;:!?¡¿。、，；：！？؟،؛।॥]+/g;
// Everything else that is not a letter, mark or digit separates words.
const SEPARATORS = /[^\p{L}\p{M}\p{N}|]+/gu;
const FOLDABLE = /[ßøæœłđıħþςأإآٱىيكةۀ]/g;
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

export function normalize(input: string): string {
  return ` ${input
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(FOLDABLE, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90 % 10))
    .replace(APOSTROPHES, '')
    .replace(CLAUSE_BREAKS, ' | ')
    .replace(SEPARATORS, ' ')
    .trim()} `;
}

/** Scripts written without spaces between words: a term may match anywhere inside them. */
const UNSPACED = /[\u0e00-\u0e7f\u0e80-\u0eff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u1000-\u109f]/;

export function isUnspacedChar(ch: string | undefined): boolean {
  return ch !== undefined && UNSPACED.test(ch);
}
