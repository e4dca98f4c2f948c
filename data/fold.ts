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

/**
 * The tables below are built when the content script starts, on every page, so each is built
 * with a few native calls over one string of all Latin codes instead of a call per code (a
 * per-code `normalize` and regex test took 3–8 ms in a page). tests/unit/fold.test.ts checks
 * them against the per-code definitions.
 */
const LATIN = (() => {
  let s = '';
  for (let c = 0; c < LATIN_END; c++) s += String.fromCharCode(c);
  return s;
})();
/** The first character of each Latin code's canonical decomposition (its base letter). */
const BASES = (() => {
  // In this range a decomposition is a base letter and combining marks (U+0300–U+036F), so
  // dropping the marks of one NFD pass leaves one base per code. (No separator or marker
  // characters: a bundler writes them literally, and Chrome refuses a content script holding
  // U+FFFF.)
  const nfd = LATIN.normalize('NFD');
  let out = '';
  for (let i = 0; i < nfd.length; i++) {
    const k = nfd.charCodeAt(i);
    if (k < 0x300 || k >= 0x370) out += nfd.charAt(i);
  }
  if (out.length === LATIN_END) return out;
  out = '';
  for (let c = 0; c < LATIN_END; c++) out += String.fromCharCode(c).normalize('NFD').charAt(0);
  return out;
})();
const LOWER_BASES = BASES.toLowerCase();

const latin = new Int32Array(LATIN_END);
for (let c = 0; c < LATIN_END; c++) {
  // Lower-casing the whole string keeps positions unless some base grows (none does in Latin).
  const base = LOWER_BASES.length === LATIN_END ? LOWER_BASES.charAt(c) : BASES.charAt(c).toLowerCase();
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

/** Folds one code like `foldCode` but keeps letter case (for case-sensitive aliases). */
export function foldCodeKeepCase(c: number): number {
  const f = foldCode(c);
  if (f < 0 || f === SEP || c >= LATIN_END) return f;
  return BASES.charCodeAt(c);
}

/** Word characters for boundaries: Unicode letters and digits (and marks inside words). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const wordTable = new Uint8Array(LATIN_END);
{
  // One replace turns every non-word character into a space; word characters stay themselves.
  const spaced = LATIN.replace(/[^\p{L}\p{N}\p{M}]/gu, ' ');
  for (let c = 0; c < LATIN_END; c++) wordTable[c] = spaced.charCodeAt(c) !== 32 ? 1 : 0;
}

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

// Character classes for word starts: 0 not a word, 1 lower, 2 upper, 3 digit, 4 other word.
const CLASS = new Uint8Array(LATIN_END);
for (let c = 0; c < LATIN_END; c++) {
  if (!wordTable[c]) continue;
  const ch = String.fromCharCode(c);
  CLASS[c] = c >= 48 && c <= 57 ? 3 : ch !== ch.toUpperCase() ? 1 : ch !== ch.toLowerCase() ? 2 : 4;
}

/** Class of one code for word starts (see CLASS); outside Latin, cheap and good enough. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < LATIN_END) return CLASS[c] as number;
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || c === 0xfeff || c === 0x2212) return 0;
  return 4;
}

/**
 * A loose word start: a word character after a non-word one, or where case or letter/digit class
 * changes inside a run of letters, because `textContent` glues blocks together ("end.</p><p>Jeff"
 * reads "endJeff" when no whitespace separates the tags); the matcher checks real boundaries later.
 */
export function isStart(text: string, i: number): boolean {
  const k0 = classAt(text, i);
  if (k0 === 0) return false;
  const prev = i > 0 ? classAt(text, i - 1) : 0;
  return prev === 0 || (prev === 1 && k0 === 2) || (prev === 3) !== (k0 === 3);
}
