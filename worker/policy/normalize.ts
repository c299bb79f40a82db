/**
 * Folds text so that the way people really type matches the lexicons: case, width,
 * missing diacritics, letter variants across Arabic and Persian keyboards, apostrophes,
 * punctuation and spacing. Lexicon terms and messages go through the same function.
 */

const DROP = 0;
const SPACE = 1;
const CLAUSE = 2;
const MULTI = 3;

const COMBINING_MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u0640\u200c\u200d\u200b\u00ad]/;
const APOSTROPHES = /['’‘`´ʼ]/;
// Clause punctuation becomes `|`, so a negation never reaches across a clause.
const CLAUSE_BREAKS = /[.,;:!?¡¿。、，；：！？؟،؛।॥|]/;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', þ: 'th', ς: 'σ',
  // Arabic-script variants that keyboards and habits mix freely.
  'ى': 'ی', 'ي': 'ی', 'ك': 'ک', 'ة': 'ه',
};

/**
 * What each UTF-16 code unit becomes, computed once: a class (drop, space, clause) or the
 * code unit to write. Surrogates are kept so characters outside the BMP survive intact.
 */
const TABLE = (() => {
  const table = new Uint16Array(65536);
  for (let code = 0; code < 65536; code++) {
    const ch = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff) table[code] = code;
    else if (COMBINING_MARKS.test(ch) || APOSTROPHES.test(ch)) table[code] = DROP;
    else if (CLAUSE_BREAKS.test(ch)) table[code] = CLAUSE;
    else if (!WORD_CHAR.test(ch)) table[code] = SPACE;
    else if (code >= 0x0660 && code <= 0x0669) table[code] = 0x30 + code - 0x0660;
    else if (code >= 0x06f0 && code <= 0x06f9) table[code] = 0x30 + code - 0x06f0;
    else if (LETTER_FOLDS[ch] !== undefined) table[code] = LETTER_FOLDS[ch].length === 1 ? LETTER_FOLDS[ch].charCodeAt(0) : MULTI;
    else table[code] = code;
  }
  return table;
})();

export function normalize(input: string): string {
  // Compatibility decomposition once (width, ligatures, accents split off); the text stays
  // decomposed, which is fine because lexicon terms are folded by this same function.
  const text = input.normalize('NFKD').toLowerCase();
  let out = ' ';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const mapped = TABLE[code]!;
    if (mapped === DROP) continue;
    if (mapped === SPACE) {
      pendingSpace = true;
      continue;
    }
    if (mapped === CLAUSE) {
      if (!out.endsWith('| ')) out += out.endsWith(' ') ? '| ' : ' | ';
      pendingSpace = false;
      continue;
    }
    if (pendingSpace && !out.endsWith(' ')) out += ' ';
    pendingSpace = false;
    out += mapped === MULTI ? LETTER_FOLDS[text[i]!]! : String.fromCharCode(mapped);
  }
  return out.endsWith(' ') ? out : `${out} `;
}

/** Scripts written without spaces between words: a term may match anywhere inside them. */
const UNSPACED = /[\u0e00-\u0e7f\u0e80-\u0eff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u1000-\u109f]/;

export function isUnspacedChar(ch: string | undefined): boolean {
  return ch !== undefined && UNSPACED.test(ch);
}
