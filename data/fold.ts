/**
 * Character folding shared by the matcher and the alias checks. Every function keeps a
 * one-to-one link between input positions and output, so offsets found in folded text are
 * offsets in the page's text.
 */

/** Folded code for separators: spaces, hyphens, dashes, line breaks. */
export const SEP = 32;
/** Folded code for characters that are skipped: combining marks, soft hyphens, zero-width. */
export const SKIP = -1;

const LATIN_END = 0x250;
const latin = new Int32Array(LATIN_END);
for (let c = 0; c < LATIN_END; c++) {
  const base = String.fromCharCode(c).normalize('NFD').charAt(0).toLowerCase();
  latin[c] = base.length === 1 ? base.charCodeAt(0) : c;
}
for (const c of [9, 10, 11, 12, 13, 32, 0x2d, 0xa0]) latin[c] = SEP;
latin[0xad] = SKIP;
latin[0xdf] = 0xdf; // ß has no one-letter base; keep it

/** Folds one UTF-16 code: lower case, no accents, separators to SEP, marks to SKIP. */
export function foldCode(c: number): number {
  if (c < LATIN_END) return latin[c] as number;
  if (c >= 0x300 && c < 0x370) return SKIP; // combining diacritical marks
  if (c >= 0x2000 && c <= 0x206f) {
    if (c <= 0x200a || c === 0x202f || c === 0x205f) return SEP; // spaces
    if (c >= 0x200b && c <= 0x200f) return SKIP; // zero-width and direction marks
    if (c >= 0x2010 && c <= 0x2015) return SEP; // hyphens and dashes
    if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x2032) return 39; // ’ ‘ ′ → '
    if (c === 0x201c || c === 0x201d || c === 0x201f || c === 0x2033) return 34; // “ ” → "
    if (c >= 0x2060 && c <= 0x2064) return SKIP;
    return c;
  }
  if (c === 0x3000) return SEP;
  if (c === 0xfeff) return SKIP;
  if (c === 0x2212) return SEP; // minus sign used as a dash
  return c;
}

let keepCaseTable: Int32Array | null = null;

/** Folds one code like `foldCode` but keeps letter case (for case-sensitive aliases). */
export function foldCodeKeepCase(c: number): number {
  const f = foldCode(c);
  if (f < 0 || f === SEP || c >= LATIN_END) return f;
  if (!keepCaseTable) {
    // Built on first use: a case-sensitive alias is checked only where its prefix was found.
    keepCaseTable = new Int32Array(LATIN_END);
    for (let k = 0; k < LATIN_END; k++)
      keepCaseTable[k] = String.fromCharCode(k).normalize('NFD').charCodeAt(0);
  }
  return keepCaseTable[c] as number;
}

/** Word characters for boundaries: Unicode letters and digits (and marks inside words). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const wordTable = new Uint8Array(LATIN_END);
for (let c = 0; c < LATIN_END; c++) wordTable[c] = WORD.test(String.fromCharCode(c)) ? 1 : 0;

/** True when the code is part of a word (letters, digits, combining marks) in any script. */
export function isWordCode(c: number): boolean {
  if (c < LATIN_END) return wordTable[c] === 1;
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c === 0xfeff || c === 0x2212) return false;
  return WORD.test(String.fromCharCode(c));
}

/**
 * Folds a string: lower case, no accents, separators collapsed to one space, trimmed.
 * Used for aliases, titles and rule words, never for page text in the hot loop.
 */
export function foldString(s: string, keepCase = false): string {
  let out = '';
  let sep = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = keepCase ? foldCodeKeepCase(c) : foldCode(c);
    if (f === SKIP) continue;
    if (f === SEP) {
      if (!sep) out += ' ';
      sep = true;
      continue;
    }
    sep = false;
    out += String.fromCharCode(f);
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}
