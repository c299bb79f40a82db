/**
 * Folds text so that the way people really type matches the lexicons: case, width,
 * missing diacritics, letter variants across Arabic and Persian keyboards, apostrophes,
 * punctuation and spacing. Lexicon terms and messages go through the same function.
 */

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

/** What one UTF-16 code unit becomes after folding: '' (dropped), ' ', '|' or letters. */
function foldUnit(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code); // half of a pair: kept as is
  let out = '';
  // Compatibility decomposition (width, ligatures, accents split off), then lower case.
  for (const ch of String.fromCharCode(code).normalize('NFKD').toLowerCase()) {
    if (COMBINING_MARKS.test(ch) || APOSTROPHES.test(ch)) continue;
    if (CLAUSE_BREAKS.test(ch)) return '|';
    if (!WORD_CHAR.test(ch)) return ' ';
    const c = ch.charCodeAt(0);
    if (c >= 0x0660 && c <= 0x0669) out += String.fromCharCode(0x30 + c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String.fromCharCode(0x30 + c - 0x06f0);
    else out += LETTER_FOLDS[ch] ?? ch;
  }
  return out;
}

// Filled as characters are first seen, so start-up stays cheap.
const FOLDED: (string | undefined)[] = new Array(65536);

export function normalize(input: string): string {
  let out = ' ';
  let pendingSpace = false;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    const piece = FOLDED[code] ?? (FOLDED[code] = foldUnit(code));
    if (piece.length === 0) continue;
    if (piece === ' ') {
      pendingSpace = true;
    } else if (piece === '|') {
      if (!out.endsWith('| ')) out += out.endsWith(' ') ? '| ' : ' | ';
      pendingSpace = false;
    } else {
      if (pendingSpace && !out.endsWith(' ')) out += ' ';
      pendingSpace = false;
      out += piece;
    }
  }
  return out.endsWith(' ') ? out : `${out} `;
}

/** Scripts written without spaces between words (Thai, Lao, Myanmar, kana, Han): a term may match anywhere inside them. */
export function isUnspacedCode(code: number): boolean {
  return (
    (code >= 0x0e00 && code <= 0x0eff) ||
    (code >= 0x1000 && code <= 0x109f) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}
