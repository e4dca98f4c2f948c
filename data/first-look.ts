/**
 * The matcher's first look done by native regular expressions: they find every place where an
 * alias prefix may start, so the JavaScript that hashes and confirms runs only there. A
 * per-character JavaScript loop runs mostly before the JIT has optimised it (about 10× slower in
 * a page's renderer than in node); a regex compiles to machine code and scans at native speed.
 *
 * The places found are a superset of the JavaScript loop's word starts that lead to a prefix:
 * - `main`: an ASCII prefix (any case) at an ASCII word boundary; a separator in a prefix matches
 *   any run of separators, a quote matches its curly forms;
 * - `glue`: the loose starts `\b` cannot see (lower→upper case, letter↔digit, after `_`), which
 *   the matcher keeps because `textContent` glues blocks together ("endJeff");
 * - `triggers`: characters the main expression cannot read (accented letters, skipped marks such
 *   as soft hyphens, non-ASCII prefix characters); every start close enough before one is probed.
 * The exhaustive test in tests/unit/first-look.test.ts holds this to the JavaScript loop.
 */
import { foldCode, isStart, SEP, SKIP } from './fold';

const LATIN_END = 0x250;

/** Separators (`foldCode` gives SEP), as a class body. Tested against `foldCode`. */
const SEP_CLASS = '\\t-\\r \\-\\u00a0\\u2000-\\u200a\\u2010-\\u2015\\u202f\\u205f\\u3000\\u2212';
/** What folds to ' and to ", as class bodies. */
const QUOTE_CLASS: Record<string, string> = {
  "'": "'\\u2018\\u2019\\u201b\\u2032",
  '"': '"\\u201c\\u201d\\u201f\\u2033',
};
/** Codes the fold skips inside words, as a class body. */
const SKIP_CLASS = '\\u00ad\\u0300-\\u036f\\u200b-\\u200f\\u2060-\\u2064\\ufeff';

/** The sources of the expressions that depend on the prefixes (computed at build time). */
export interface FirstLookSource {
  main: string | null;
  triggers: string;
}

/** The native expressions for one set of prefixes. */
export interface FirstLook {
  main: RegExp | null;
  glue: RegExp;
  triggers: RegExp;
}

const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

/** A class body for a set of codes, runs written as ranges. */
function classOf(codes: Iterable<number>): string {
  const s = [...new Set(codes)].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && (s[j + 1] as number) === (s[j] as number) + 1) j++;
    out += j > i ? `${hex(s[i] as number)}-${hex(s[j] as number)}` : hex(s[i] as number);
    i = j + 1;
  }
  return out;
}

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

/** The source for one prefix character in the main expression (which has the `i` flag). */
function charSource(ch: string): string {
  if (ch === ' ') return `[${SEP_CLASS}]+`;
  const quote = QUOTE_CLASS[ch];
  if (quote) return `[${quote}]`;
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The first look's sources for a set of folded prefixes. ASCII prefixes go into one trie-shaped
 * expression; a prefix that extends a shorter one is dropped (the expression only has to say
 * "something may start here"). A prefix with another character is found through its triggers.
 */
export function firstLookSource(prefixes: Iterable<string>): FirstLookSource {
  const root: Trie = { end: false, next: new Map() };
  let any = false;
  const extra = new Set<number>();
  for (const p of prefixes) {
    if (!p) continue;
    let ascii = /^[a-z0-9]/.test(p);
    for (let i = 0; i < p.length; i++)
      if (p.charCodeAt(i) >= 0x80) {
        extra.add(p.charCodeAt(i));
        ascii = false;
      }
    if (!ascii) continue;
    any = true;
    let node = root;
    for (const ch of p) {
      if (node.end) break;
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
    node.next.clear();
  }
  const emit = (node: Trie): string => {
    if (node.end) return '';
    const alts = [...node.next].map(([ch, child]) => charSource(ch) + emit(child));
    return alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
  };
  // Latin letters that fold to another character (accents, non-ASCII capitals) cannot be read
  // by the main expression.
  const folding: number[] = [];
  for (let c = 0x80; c < LATIN_END; c++) {
    const f = foldCode(c);
    if (f !== c && f !== SEP) folding.push(c);
  }
  for (const c of extra) folding.push(c);
  return { main: any ? `\\b${emit(root)}` : null, triggers: `[${classOf(folding)}${SKIP_CLASS}]` };
}

/** Compiles the first look's expressions, ready for page text. */
export function compileFirstLook(source: FirstLookSource): FirstLook {
  const main = source.main === null ? null : new RegExp(source.main, 'gi');
  const glue = /[a-z][A-Z]|[0-9][A-Za-z]|[A-Za-z][0-9]|_[A-Za-z0-9]/g;
  const triggers = new RegExp(source.triggers, 'g');
  // Each expression runs interpreted at first and is compiled to machine code on a later run:
  // run them on a short text now, so the page's text gets the compiled code.
  for (const re of [main, glue, triggers])
    if (re)
      for (let i = 0; i < 2; i++) {
        re.lastIndex = 0;
        re.exec('warm up: Jeff_1a');
      }
  return { main, glue, triggers };
}

/**
 * Walks folded characters from `j` in direction `dir` (±1) and returns the index of the one that
 * makes `n` of them, or the index just past the text's edge. Separator runs count once, skipped
 * characters not at all, as in the fold.
 */
export function nthUnit(text: string, j: number, dir: 1 | -1, n: number): number {
  let count = 0;
  let inSep = false;
  for (; j >= 0 && j < text.length; j += dir) {
    const f = foldCode(text.charCodeAt(j));
    if (f === SKIP) continue;
    if (f === SEP) {
      if (inSep) continue;
      inSep = true;
    } else inSep = false;
    if (++count >= n) break;
  }
  return j;
}

/**
 * The earliest position whose first `units` folded characters can reach position `a` (fewer than
 * `units` of them lie before `a`): starts from there to `a` may read the character at `a` in
 * their prefix.
 */
function windowStart(text: string, a: number, units: number): number {
  return Math.max(0, nthUnit(text, a - 1, -1, units - 1));
}

/**
 * The end of the text that starts before `to` can read: `units` folded characters past `to`
 * (a separator run is kept whole).
 */
function windowEnd(text: string, to: number, units: number): number {
  return nthUnit(text, to, 1, units + 1);
}

/**
 * Positions in [from, to) where a prefix of at most `units` folded characters may start, in
 * order, without duplicates. A superset: the caller still checks the word start and the prefix
 * (the trigger windows keep only word starts: on Spanish text nearly every word has a trigger).
 * The expressions run over [from − 1, to + a prefix's reach) only: on the whole text, the last
 * search of a slice would run on to the next match, which may be megabytes further.
 */
export function firstLookStarts(
  look: FirstLook,
  text: string,
  from: number,
  to: number,
  units: number,
): number[] {
  const out: number[] = [];
  const { main, glue, triggers } = look;
  // One character before `from`: glue reads it, and `\b` at `from` needs it.
  const base = Math.max(0, from - 1);
  const end = windowEnd(text, to, units);
  const sub = base === 0 && end === text.length ? text : text.slice(base, end);
  const lo = from - base;
  const hi = to - base;
  if (main) {
    main.lastIndex = lo;
    for (let m = main.exec(sub); m && m.index < hi; m = main.exec(sub)) {
      out.push(m.index + base);
      main.lastIndex = m.index + 1;
    }
  }
  let sorted = true;
  glue.lastIndex = 0;
  for (let m = glue.exec(sub); m && m.index + 1 < hi; m = glue.exec(sub)) {
    if (m.index + 1 >= lo) out.push(m.index + 1 + base);
    glue.lastIndex = m.index + 1;
    sorted = false;
  }
  // A trigger after `to` still matters while a start before `to` can reach it.
  triggers.lastIndex = lo;
  for (let m = triggers.exec(sub); m; m = triggers.exec(sub)) {
    const a = m.index + base;
    const first = Math.max(from, windowStart(text, a, units));
    if (first >= to) break;
    for (let i = first; i <= a && i < to; i++) if (isStart(text, i)) out.push(i);
    sorted = false;
  }
  if (sorted) return out;
  out.sort((x, y) => x - y);
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[w - 1]) out[w++] = out[r] as number;
  out.length = w;
  return out;
}
