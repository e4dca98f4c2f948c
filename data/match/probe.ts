/**
 * The matcher's cheap first stage, which every page runs: the native first look (where an alias
 * prefix may start) and the probe that confirms whole folded aliases there, checking only case.
 * Its data (every alias folded, the first look's expressions) is computed at build time, so a
 * page folds nothing; the alias rules, which only pages with candidates need, live with the
 * matcher (matcher.ts), which the content script loads only then.
 */
import {
  compileFirstLook,
  type FirstLook,
  type FirstLookSource,
  firstLookSource,
  firstLookStarts,
} from '../first-look';
import { foldCode, foldString, isStart, isWordCode, SEP, SKIP } from '../fold';
import type { MatchEntity } from '../types';
import { precededByTitle } from './neighbours';

/** How many folded characters of an alias the first look hashes at each word start. */
export const PREFIX_LENGTH = 5;

/** Folded words whose presence means a citation may be nearby. */
export const CITATION_TRIGGERS = [
  'usc',
  'u.s.c',
  'u. s. c',
  'u.s. code',
  'united states code',
  '§',
  'section',
  'sec.',
  'ina',
  'title',
  'seccion',
  'articulo',
];

/**
 * When a hit of a pattern can become a shown or counted mention on its own. Most patterns: at
 * once (no gate). A pattern whose every alias is a context name, or a surname that needs its
 * person introduced first, is gated: its hits count only when context names show on the page,
 * or when one of the `coref` people is named with a title right before the hit ("Judge Gee").
 * A person introduced earlier is no exception: introducing one is a hit that counts, after which
 * the content script reads every root in full. A page whose every hit is gated ("the White
 * House", "Trump") can have nothing to show, so the content script does not load the scan
 * engine for it.
 */
export interface PatternGate {
  /** Some alias of the pattern names a context-scope entity. */
  context: boolean;
  /** Core entities whose coreference surname the pattern is. */
  coref: string[];
}

/** What the probe needs, computed at build time (see `probeData`). */
export interface ProbeData {
  firstLook: FirstLookSource;
  /** Every folded alias text and citation trigger, once each; a pattern's id is its index. */
  patterns: string[];
  /** Per pattern: the case-kept forms its aliases require, or null when one of them matches in any case. */
  caseKeys: (string[] | null)[];
  /** The patterns that are citation triggers. */
  triggers: number[];
  /** Per pattern: its gate, or null when a hit counts at once. */
  gates: (PatternGate | null)[];
  /** The folded titles of every entity named in a gate's `coref`. */
  titles: Record<string, string[]>;
}

/** What the content script knows when it asks whether a hit can count (see `PatternGate`). */
export interface CandidateGate {
  /** Context names show on this page (the reader's setting). */
  contextShown: boolean;
  /** Set by the probe when one of its hits can count now. */
  live: boolean;
}

/** Probe data plus, per pattern, the aliases (by ordinal: entity order, then alias order) it stands for. */
export interface IndexData extends ProbeData {
  aliasesOf: number[][];
  /** How many aliases the data was built from, to tell data for another dataset. */
  aliasCount: number;
}

/** Folds every alias once: what a page would otherwise compute. */
export function indexData(entities: readonly MatchEntity[]): IndexData {
  const patterns: string[] = [];
  const ids = new Map<string, number>();
  const aliasesOf: number[][] = [];
  const keys: (Set<string> | null)[] = [];
  const add = (folded: string) => {
    let id = ids.get(folded);
    if (id === undefined) {
      id = patterns.length;
      ids.set(folded, id);
      patterns.push(folded);
      aliasesOf.push([]);
      keys.push(new Set());
    }
    return id;
  };
  const triggers: number[] = [];
  for (const t of CITATION_TRIGGERS) if (isWordCode(t.charCodeAt(0))) triggers.push(add(t));
  // Per pattern: undefined until an alias is seen, null once one counts at once.
  const gates: (PatternGate | null | undefined)[] = [];
  const titles: Record<string, string[]> = {};
  let ordinal = 0;
  for (const e of entities)
    for (const a of e.aliases) {
      const folded = foldString(a.text);
      if (folded && isWordCode(folded.charCodeAt(0))) {
        const id = add(folded);
        aliasesOf[id]?.push(ordinal);
        const k = keys[id];
        if (!a.caseSensitive) keys[id] = null;
        else k?.add(foldString(a.text, true));
        const context = e.scope === 'context';
        const coref = !context && a.requires === 'coreference';
        const g = gates[id];
        if (!context && !coref) gates[id] = null;
        else if (g !== null) {
          const gate = g ?? { context: false, coref: [] };
          if (context) gate.context = true;
          else if (!gate.coref.includes(e.id)) {
            gate.coref.push(e.id);
            titles[e.id] = (e.titles ?? []).map((t) => foldString(t));
          }
          gates[id] = gate;
        }
      }
      ordinal++;
    }
  return {
    firstLook: firstLookSource(new Set(patterns.map((p) => p.slice(0, PREFIX_LENGTH)))),
    patterns,
    caseKeys: keys.map((k) => (k ? [...k] : null)),
    triggers,
    // Citation triggers have no alias: they count at once.
    gates: patterns.map((_, id) => gates[id] ?? null),
    titles,
    aliasesOf,
    aliasCount: ordinal,
  };
}

/** The first index in a sorted list whose value is at least `x`. */
export function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first `k` folded characters of text from `start`, separators collapsed as the scan does. */
export function foldedRun(text: string, start: number, k: number): string {
  let out = '';
  let lastSep = false;
  for (let j = start; j < text.length && out.length < k; j++) {
    const f = foldCode(text.charCodeAt(j));
    if (f === SKIP) continue;
    if (f === SEP) {
      if (lastSep) continue;
      lastSep = true;
    } else lastSep = false;
    out += String.fromCharCode(f);
  }
  return out;
}

/** Where the whole folded pattern matches text at `start`: the end offset, or -1. */
export function matchAt(text: string, start: number, pattern: string): number {
  const n = text.length;
  let j = start;
  let lastSep = false;
  for (let p = 0; p < pattern.length; ) {
    if (j >= n) return -1;
    const f = foldCode(text.charCodeAt(j++));
    if (f === SKIP) continue;
    if (f === SEP) {
      if (lastSep) continue;
      lastSep = true;
    } else lastSep = false;
    if (f !== pattern.charCodeAt(p)) return -1;
    p++;
  }
  while (j < n && foldCode(text.charCodeAt(j)) === SKIP) j++;
  return j;
}

/** Called for every pattern found: its id and where it runs in the text. */
export type PatternHit = (pid: number, start: number, end: number) => unknown;

/**
 * Finds where aliases occur in text in one pass whatever their number: at each word start it
 * hashes the next few folded characters and tests a bitset of alias prefixes; only the rare hits
 * are compared with whole patterns. Building it only hashes the prepared prefixes.
 */
export class Probe {
  readonly patterns: readonly string[];
  readonly triggers: ReadonlySet<number>;
  /** Folded prefix → pattern ids. */
  private readonly byPrefix = new Map<string, number[]>();
  private readonly bits: Int32Array;
  private readonly mask: number;
  /** Bit k is set when some prefix has k folded characters. */
  private lengths = 0;
  private expressions?: FirstLook;

  /** `firstLook: 'js'` looks in JavaScript instead (the reference the native look is tested against). */
  constructor(
    private readonly data: ProbeData,
    private readonly options: { firstLook?: 'native' | 'js' } = {},
  ) {
    this.patterns = data.patterns;
    this.triggers = new Set(data.triggers);
    let size = 1 << 12;
    while (size < data.patterns.length * 32) size <<= 1;
    this.bits = new Int32Array(size >> 5);
    this.mask = size - 1;
    data.patterns.forEach((folded, id) => {
      const prefix = folded.slice(0, PREFIX_LENGTH);
      const list = this.byPrefix.get(prefix);
      if (list) list.push(id);
      else this.byPrefix.set(prefix, [id]);
      let h = 0;
      for (let k = 0; k < prefix.length; k++) h = (Math.imul(h, 31) + prefix.charCodeAt(k)) | 0;
      const bit = (h ^ Math.imul(prefix.length, 0x9e3779b1)) & this.mask;
      this.bits[bit >> 5] = (this.bits[bit >> 5] as number) | (1 << (bit & 31));
      this.lengths |= 1 << prefix.length;
    });
  }

  /** True when `firstLook` gives starts (false for a probe that looks in JavaScript). */
  get looksNatively(): boolean {
    return this.options.firstLook !== 'js';
  }

  /**
   * The native first look alone: every place in [from, to) where a prefix may start, for
   * `candidates(…, starts)` to probe in smaller steps. Null when this probe looks in JavaScript.
   */
  firstLook(text: string, from = 0, to = text.length): number[] | null {
    if (this.options.firstLook === 'js') return null;
    this.expressions ??= compileFirstLook(this.data.firstLook);
    return firstLookStarts(this.expressions, text, from, Math.min(to, text.length), PREFIX_LENGTH);
  }

  /**
   * The one pass: calls `hit(patternId, start, end)` for every pattern found at a loose word start
   * (see `isStart`), in text order, from `from` up to `to` (a match may run past `to`).
   */
  scan(text: string, hit: PatternHit, from = 0, to = text.length, starts?: readonly number[] | null): void {
    const stop = Math.min(to, text.length);
    if (starts) {
      // Starts from an earlier `firstLook` over this text: probe those in range.
      for (let k = lowerBound(starts, from); k < starts.length && (starts[k] as number) < stop; k++) {
        const i = starts[k] as number;
        if (isStart(text, i)) this.probe(text, i, hit);
      }
      return;
    }
    const native = this.firstLook(text, from, stop);
    if (native) {
      for (const i of native) if (isStart(text, i)) this.probe(text, i, hit);
      return;
    }
    for (let i = from; i < stop; i++) if (isStart(text, i)) this.probe(text, i, hit);
  }

  /** At a word start: hashes the next few folded characters, tests the bitset, confirms hits. */
  private probe(text: string, i: number, hit: PatternHit): void {
    const n = text.length;
    let h = 0;
    let k = 0;
    let lastSep = false;
    for (let j = i; j < n && k < PREFIX_LENGTH; j++) {
      const f = foldCode(text.charCodeAt(j));
      if (f === SKIP) continue;
      if (f === SEP) {
        if (lastSep) continue;
        lastSep = true;
      } else lastSep = false;
      h = (Math.imul(h, 31) + f) | 0;
      k++;
      if (((this.lengths >> k) & 1) === 0) continue;
      const bit = (h ^ Math.imul(k, 0x9e3779b1)) & this.mask;
      if (((this.bits[bit >> 5] as number) & (1 << (bit & 31))) === 0) continue;
      const list = this.byPrefix.get(foldedRun(text, i, k));
      if (list)
        for (const pid of list) {
          const end = matchAt(text, i, this.patterns[pid] as string);
          if (end >= 0) hit(pid, i, end);
        }
    }
  }

  /** True when a hit of pattern `pid` at `start` can count now (see `PatternGate`). */
  live(pid: number, text: string, start: number, gate: CandidateGate): boolean {
    const g = this.data.gates[pid];
    if (!g || (g.context && gate.contextShown)) return true;
    return g.coref.some((id) => precededByTitle(text, start, this.data.titles[id] ?? []));
  }

  /**
   * Where in `text` a mention may start, in order. It applies only case and a loose word start,
   * so an offset still needs the matcher's rules, but a missing one is certain. Stops after
   * `limit` offsets. With a `gate`, it also says whether any hit can count now (`gate.live`).
   */
  candidates(
    text: string,
    limit = Number.POSITIVE_INFINITY,
    from = 0,
    to = text.length,
    starts?: readonly number[] | null,
    gate?: CandidateGate,
  ): number[] {
    const found: number[] = [];
    const nearNumber = (start: number, end: number) =>
      /\d{3}/.test(text.slice(Math.max(0, start - 24), end + 24));
    // "§" starts no word, so the scan cannot see it; one native search (bounded to the range by
    // a slice, which does not copy) finds it instead.
    const part = from > 0 || to < text.length ? text.slice(from, to) : text;
    for (let i = part.indexOf('§'); i >= 0 && found.length < limit; i = part.indexOf('§', i + 1))
      if (nearNumber(from + i, from + i + 1)) {
        found.push(from + i);
        // A citation counts at once.
        if (gate) gate.live = true;
      }
    if (found.length < limit)
      this.scan(
        text,
        (pid, start, end) => {
          if (this.triggers.has(pid) && nearNumber(start, end)) {
            found.push(start);
            if (gate) gate.live = true;
          } else {
            const keys = this.data.caseKeys[pid];
            if (keys === null || keys?.includes(foldString(text.slice(start, end), true))) {
              found.push(start);
              if (gate && !gate.live) gate.live = this.live(pid, text, start, gate);
            }
          }
          return found.length < limit;
        },
        from,
        to,
        starts,
      );
    return found.sort((a, b) => a - b);
  }

  /** True when the text may contain a mention (see `candidates`). */
  mayContain(text: string): boolean {
    return this.candidates(text, 1).length > 0;
  }
}
