import { buildCitationTable, type CitationTable, findCitations } from './citations';
import {
  compileFirstLook,
  type FirstLook,
  type FirstLookSource,
  firstLookSource,
  firstLookStarts,
} from './first-look';
import { foldCode, foldString, isStart, isWordCode, SEP, SKIP } from './fold';
import type { AliasRule, Category, MatchEntity } from './types';

/** A mention found in a text: `start`/`end` are offsets in that text (end exclusive). */
export interface Mention {
  start: number;
  end: number;
  entity: string;
  category: Category;
  /** The cited section and subsections for statute citations, e.g. "§ 1325(a)(2)". */
  detail?: string;
  /** True when a surname-only alias matched because the full name came earlier. */
  coref?: boolean;
}

/** What a page's earlier text tells the matcher about later text. */
export interface PageState {
  /** The page's language; 'unknown' lets both languages' aliases match. */
  lang: 'en' | 'es' | 'unknown';
  /** Entities already named in full (or by title and surname) on this page. */
  introduced: Set<string>;
  /** A Title 8 citation has been seen, so a bare "Section 1325" refers to it. */
  title8: boolean;
  /** How many blocks of text `find` has read on this page. */
  blocks: number;
  /** The block (by count) with the last unambiguous mention, or -1. */
  lastStrongBlock: number;
}

/** A fresh state for a page in the given language. */
export function createPageState(lang: PageState['lang'] = 'unknown'): PageState {
  return { lang, introduced: new Set(), title8: false, blocks: 0, lastStrongBlock: -1 };
}

/** How many characters either side of a mention the `context` rule looks at. */
export const CONTEXT_WINDOW = 250;
/** How far back (and forward) `notPrecededBy`, `notFollowedBy` and titles look. */
const NEIGHBOUR_WINDOW = 48;

/** Words that make Title 8 clear near a bare "Section 1325". */
const TITLE8_CONTEXT = [
  'immigra',
  'illegal entry',
  'improper entry',
  'illegal reentry',
  'border',
  'asylum',
  'alien',
  'migra',
  'deport',
  'prosecut',
  'misdemeanor',
  'felony',
];
/** Folded words whose presence means a citation may be nearby. */
const CITATION_TRIGGERS = [
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

interface Candidate extends Mention {
  alias: number;
  /** From an alias with no context or coreference rule, or a citation. */
  strong: boolean;
}

interface CompiledRules {
  caseKey: string | null;
  context: string[] | null;
  notPrecededBy: string[] | null;
  notFollowedBy: string[] | null;
  coref: boolean;
  endsWord: boolean;
}

interface CompiledAlias {
  entity: number;
  rule: AliasRule;
  folded: string;
  compiled: CompiledRules | null;
}

/** How many folded characters of an alias the first look hashes at each word start. */
export const PREFIX_LENGTH = 5;
/** The first index in a sorted list whose value is at least `x`. */
function lowerBound(list: readonly number[], x: number): number {
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
function foldedRun(text: string, start: number, k: number): string {
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

/** What `Matcher.prepare()` computes at build time, so that a page does not. */
export interface PreparedMatcher {
  firstLook: FirstLookSource;
  /** The folded character each alias starts with, in entity and alias order (' ' for none). */
  firstChars: string;
}

/** The folded code an alias starts with (its first character that is neither separator nor skipped). */
function firstFolded(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f !== SEP && f !== SKIP) return f;
  }
  return -1;
}

/** Every alias's first folded character, one per alias in entity and alias order; ' ' for none. */
function aliasFirstChars(entities: MatchEntity[]): string {
  let out = '';
  for (const e of entities)
    for (const a of e.aliases) {
      const f = firstFolded(a.text);
      out += f < 0 || f === SEP ? ' ' : String.fromCharCode(f);
    }
  return out;
}

/**
 * Every alias's folded pattern, and a bitset of their prefixes. Aliases are folded one first
 * letter at a time, when a probe first meets that letter: most pages meet a few letters (a
 * prefix that starts "new n" but is not "New Mexico"), and folding every alias costs
 * milliseconds in code the JIT has not seen yet.
 */
class PrefixIndex {
  /** By alias ordinal (entity order, then alias order): ties between aliases keep that order. */
  readonly aliases: (CompiledAlias | undefined)[] = [];
  readonly patterns: string[] = [];
  readonly patternAliases: number[][] = [];
  readonly triggerPatterns = new Set<number>();
  /** Folded prefix → pattern ids. */
  readonly byPrefix = new Map<string, number[]>();
  readonly bits: Int32Array;
  readonly mask: number;
  /** Bit k is set when some prefix has k folded characters. */
  lengths = 0;
  private readonly ids = new Map<string, number>();
  private entityMap?: Map<string, number>;
  /** Each alias's first folded character, by ordinal (see `PreparedMatcher.firstChars`). */
  private readonly firstChars: string;
  private readonly ensured = new Set<number>();
  /** Ordinal → entity index and alias index, built on first use. */
  private owner?: Int32Array;

  constructor(
    private readonly entities: MatchEntity[],
    firstChars?: string,
  ) {
    const total = entities.reduce((n, e) => n + e.aliases.length, 0);
    this.firstChars = firstChars?.length === total ? firstChars : aliasFirstChars(entities);
    let size = 1 << 12;
    while (size < (total + CITATION_TRIGGERS.length) * 32) size <<= 1;
    this.bits = new Int32Array(size >> 5);
    this.mask = size - 1;
    for (const t of CITATION_TRIGGERS)
      if (isWordCode(t.charCodeAt(0))) this.triggerPatterns.add(this.addPattern(t));
  }

  /** Entity id → index. */
  get entityIndex(): Map<string, number> {
    this.entityMap ??= new Map(this.entities.map((e, i) => [e.id, i]));
    return this.entityMap;
  }

  /** Folds and indexes the aliases that start with folded code `f`, once. */
  ensure(f: number): void {
    if (this.ensured.has(f)) return;
    this.ensured.add(f);
    if (!this.owner) {
      // Two ints per ordinal: the entity, then the alias within it.
      const owner = new Int32Array(this.firstChars.length * 2);
      let k = 0;
      this.entities.forEach((e, entity) => {
        for (let a = 0; a < e.aliases.length; a++, k++) {
          owner[2 * k] = entity;
          owner[2 * k + 1] = a;
        }
      });
      this.owner = owner;
    }
    const ch = String.fromCharCode(f);
    // A native search over one string finds this letter's aliases; their order is the ordinal order.
    for (
      let ordinal = this.firstChars.indexOf(ch);
      ordinal >= 0;
      ordinal = this.firstChars.indexOf(ch, ordinal + 1)
    ) {
      const entity = this.owner[2 * ordinal] as number;
      const rule = this.entities[entity]?.aliases[this.owner[2 * ordinal + 1] as number] as AliasRule;
      const folded = foldString(rule.text);
      if (!folded || !isWordCode(folded.charCodeAt(0))) continue;
      this.patternAliases[this.addPattern(folded)]?.push(ordinal);
      this.aliases[ordinal] = { entity, rule, folded, compiled: null };
    }
  }

  /** Indexes every alias (for `prepare`, which needs every prefix). */
  all(): this {
    for (const ch of new Set(this.firstChars)) if (ch !== ' ') this.ensure(ch.charCodeAt(0));
    return this;
  }

  private addPattern(folded: string): number {
    let id = this.ids.get(folded);
    if (id !== undefined) return id;
    id = this.patterns.length;
    this.ids.set(folded, id);
    this.patterns.push(folded);
    this.patternAliases.push([]);
    const prefix = folded.slice(0, PREFIX_LENGTH);
    const list = this.byPrefix.get(prefix);
    if (list) list.push(id);
    else this.byPrefix.set(prefix, [id]);
    let h = 0;
    for (let k = 0; k < prefix.length; k++) h = (Math.imul(h, 31) + prefix.charCodeAt(k)) | 0;
    const bit = (h ^ Math.imul(prefix.length, 0x9e3779b1)) & this.mask;
    this.bits[bit >> 5] = (this.bits[bit >> 5] as number) | (1 << (bit & 31));
    this.lengths |= 1 << prefix.length;
    return id;
  }
}

/**
 * Finds entity mentions in text in one pass whatever the number of aliases: at each word start
 * it hashes the next few folded characters and tests a bitset of alias prefixes; only the rare
 * hits are compared with whole aliases, and only matches get their alias's rules. Building it is
 * cheap (no automaton), which matters because every page builds one. It never sees a DOM node.
 */
export class Matcher {
  readonly entities: MatchEntity[];
  private titlesFolded: (string[] | undefined)[] = [];
  private built?: PrefixIndex;
  private citationTable?: CitationTable;
  /** The native first look over all prefixes, built on first use. */
  private firstLookExpressions?: FirstLook;

  /**
   * `firstLook` picks the first look: native expressions (the default), or JavaScript (`js`,
   * the reference the native one is tested against; a paragraph-length threshold between the two
   * measured no difference).
   * `prepared` is `prepare()` of a matcher over the same entities, computed at build time: with
   * it, a page does not build the first look's expressions from the aliases.
   */
  constructor(
    entities: MatchEntity[],
    private readonly options: { firstLook?: 'native' | 'js'; prepared?: PreparedMatcher } = {},
  ) {
    this.entities = entities;
  }

  /** The alias prefixes, hashed into a bitset; built on first use. */
  private get ix(): PrefixIndex {
    this.built ??= new PrefixIndex(this.entities, this.options.prepared?.firstChars);
    return this.built;
  }

  /** The statute table for citations; built on first use. */
  private get citations(): CitationTable {
    this.citationTable ??= buildCitationTable(this.entities);
    return this.citationTable;
  }

  /** What a page would otherwise compute for these entities: pass it back as `prepared`. */
  prepare(): PreparedMatcher {
    return {
      firstLook: firstLookSource(this.ix.all().byPrefix.keys()),
      firstChars: aliasFirstChars(this.entities),
    };
  }

  /** The rule data of an alias, folded on first use so that building a matcher stays cheap. */
  private rules(ai: number): CompiledRules {
    const a = this.ix.aliases[ai] as CompiledAlias;
    if (a.compiled) return a.compiled;
    const { rule } = a;
    const text = rule.text.trim();
    a.compiled = {
      caseKey: rule.caseSensitive ? foldString(rule.text, true) : null,
      context: rule.context?.map((w) => foldString(w)) ?? null,
      notPrecededBy: rule.notPrecededBy?.map((w) => foldString(w)) ?? null,
      notFollowedBy: rule.notFollowedBy?.map((w) => foldString(w)) ?? null,
      coref: rule.requires === 'coreference',
      endsWord: isWordCode(text.charCodeAt(text.length - 1)),
    };
    return a.compiled;
  }

  private titles(entityIndex: number): string[] {
    let t = this.titlesFolded[entityIndex];
    if (!t) {
      t = (this.entities[entityIndex]?.titles ?? []).map((x) => foldString(x));
      this.titlesFolded[entityIndex] = t;
    }
    return t;
  }

  /** Where the whole folded pattern matches text at `start`: the end offset, or -1. */
  private matchAt(text: string, start: number, pattern: string): number {
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

  /**
   * The one pass: calls `hit(patternId, start, end)` for every pattern found at a loose word start
   * (see `isStart`), in text order, from `from` up to `to` (a match may run past `to`).
   */
  private scan(
    text: string,
    hit: (pid: number, start: number, end: number) => unknown,
    from = 0,
    to = text.length,
    starts?: readonly number[] | null,
  ): void {
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
  private probe(text: string, i: number, hit: (pid: number, start: number, end: number) => unknown): void {
    const n = text.length;
    const ix = this.ix;
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
      if (k === 0) ix.ensure(f);
      h = (Math.imul(h, 31) + f) | 0;
      k++;
      if (((ix.lengths >> k) & 1) === 0) continue;
      const bit = (h ^ Math.imul(k, 0x9e3779b1)) & ix.mask;
      if (((ix.bits[bit >> 5] as number) & (1 << (bit & 31))) === 0) continue;
      const list = ix.byPrefix.get(foldedRun(text, i, k));
      if (list) this.confirm(text, i, list, hit);
    }
  }

  private confirm(
    text: string,
    start: number,
    list: number[],
    hit: (pid: number, start: number, end: number) => unknown,
  ): void {
    for (const pid of list) {
      const end = this.matchAt(text, start, this.ix.patterns[pid] as string);
      if (end >= 0) hit(pid, start, end);
    }
  }

  /**
   * The cheap first look: where in `text` a mention may start, in order. It applies only case
   * and a loose word start, so an offset still needs `find`, but a missing one is certain.
   * Stops after `limit` offsets.
   */
  candidates(
    text: string,
    limit = Number.POSITIVE_INFINITY,
    from = 0,
    to = text.length,
    starts?: readonly number[] | null,
  ): number[] {
    const found: number[] = [];
    const nearNumber = (start: number, end: number) =>
      /\d{3}/.test(text.slice(Math.max(0, start - 24), end + 24));
    // "§" starts no word, so the scan cannot see it; one native search (bounded to the range by
    // a slice, which does not copy) finds it instead.
    const part = from > 0 || to < text.length ? text.slice(from, to) : text;
    for (let i = part.indexOf('§'); i >= 0 && found.length < limit; i = part.indexOf('§', i + 1))
      if (nearNumber(from + i, from + i + 1)) found.push(from + i);
    if (found.length < limit)
      this.scan(
        text,
        (pid, start, end) => {
          if (this.ix.triggerPatterns.has(pid) && nearNumber(start, end)) found.push(start);
          else
            for (const ai of this.ix.patternAliases[pid] ?? []) {
              const caseKey = this.rules(ai).caseKey;
              if (caseKey && foldString(text.slice(start, end), true) !== caseKey) continue;
              found.push(start);
              break;
            }
          return found.length < limit;
        },
        from,
        to,
        starts,
      );
    return found.sort((a, b) => a - b);
  }

  /** True when `firstLook` gives starts (false for a matcher that looks in JavaScript). */
  get looksNatively(): boolean {
    return this.options.firstLook !== 'js';
  }

  /**
   * The native first look alone: every place in [from, to) where a prefix may start, for
   * `candidates(…, starts)` to probe in smaller steps. Null when this matcher looks in JavaScript.
   */
  firstLook(text: string, from = 0, to = text.length): number[] | null {
    if (this.options.firstLook === 'js') return null;
    this.firstLookExpressions ??= compileFirstLook(
      this.options.prepared?.firstLook ?? firstLookSource(this.ix.all().byPrefix.keys()),
    );
    return firstLookStarts(this.firstLookExpressions, text, from, Math.min(to, text.length), PREFIX_LENGTH);
  }

  /** True when the text may contain a mention (see `candidates`). */
  mayContain(text: string): boolean {
    return this.candidates(text, 1).length > 0;
  }

  /**
   * Finds the mentions in one block of text, in order, longest first and never overlapping.
   * `state` carries coreference and language from earlier blocks of the same page.
   */
  find(text: string, state: PageState): Mention[] {
    const block = state.blocks++;
    const candidates: Candidate[] = [];
    let triggered = text.includes('§');
    this.scan(text, (pid, start, end) => {
      if (this.ix.triggerPatterns.has(pid)) triggered = true;
      for (const ai of this.ix.patternAliases[pid] ?? []) {
        if (!this.accepts(ai, text, start, end, state)) continue;
        const a = this.ix.aliases[ai] as CompiledAlias;
        const r = this.rules(ai);
        const e = this.entities[a.entity] as MatchEntity;
        candidates.push({
          start,
          end,
          entity: e.id,
          category: e.category,
          alias: ai,
          strong: !r.context && !r.coref,
          ...(r.coref ? { coref: true } : {}),
        });
      }
    });
    if (triggered) {
      const title8Near = (s: number, e: number) =>
        state.title8 || this.hasContext(text, s, e, TITLE8_CONTEXT);
      for (const m of findCitations(text, this.citations, title8Near))
        candidates.push({ ...m, alias: -1, strong: true });
    }
    if (candidates.length === 0) return [];
    // A context rule is met by its words nearby, or by an unambiguous mention of any entity in
    // this block or the one before: the surest sign that a page is about this story.
    const strong = candidates.filter((c) => c.strong);
    const topical = block - state.lastStrongBlock <= 1 && state.lastStrongBlock >= 0;
    const kept = candidates.filter((c) => {
      if (c.alias < 0) return true;
      const context = this.rules(c.alias).context;
      if (!context) return true;
      if (topical || strong.some((s) => s !== c && Math.abs(s.start - c.start) <= CONTEXT_WINDOW))
        return true;
      return this.hasContext(text, c.start, c.end, context);
    });
    // Leftmost, then longest, wins; ties keep the first alias listed.
    kept.sort((a, b) => a.start - b.start || b.end - a.end || a.alias - b.alias);
    const out: Mention[] = [];
    let lastEnd = -1;
    for (const c of kept) {
      if (c.start < lastEnd) continue;
      if (c.coref) {
        const entityIndex = this.ix.entityIndex.get(c.entity) ?? -1;
        const titled = this.precededByTitle(text, c.start, entityIndex);
        if (!titled && partOfAnotherName(text, c.start, c.end)) continue;
        if (!state.introduced.has(c.entity)) {
          if (!titled) continue;
          delete c.coref;
        }
      }
      if (!c.coref) state.introduced.add(c.entity);
      if (c.strong) state.lastStrongBlock = block;
      if (c.category === 'statute' && c.alias < 0) state.title8 = true;
      const { alias: _alias, strong: _strong, ...mention } = c;
      out.push(mention);
      lastEnd = c.end;
    }
    return out;
  }

  /** Rules that depend only on the text around the hit (not on earlier mentions). */
  private accepts(ai: number, text: string, start: number, end: number, state: PageState): boolean {
    const a = this.ix.aliases[ai] as CompiledAlias;
    const r = this.rules(ai);
    if (start > 0 && isWordCode(text.charCodeAt(start - 1))) return false;
    if (r.endsWord && end < text.length && isWordCode(text.charCodeAt(end))) return false;
    if (a.rule.lang && state.lang !== 'unknown' && a.rule.lang !== state.lang) return false;
    if (r.caseKey && foldString(text.slice(start, end), true) !== r.caseKey) return false;
    if (r.notPrecededBy && endsWithAny(before(text, start), r.notPrecededBy)) return false;
    if (r.notFollowedBy && startsWithAny(after(text, end), r.notFollowedBy)) return false;
    return true;
  }

  private hasContext(text: string, start: number, end: number, words: string[]): boolean {
    const left = foldString(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
    const right = foldString(text.slice(end, end + CONTEXT_WINDOW));
    return words.some((w) => containsWordPrefix(left, w) || containsWordPrefix(right, w));
  }

  private precededByTitle(text: string, start: number, entityIndex: number): boolean {
    const titles = this.titles(entityIndex);
    return !!titles && titles.length > 0 && endsWithAny(before(text, start), titles);
  }
}

/** Capitalised words that often start a sentence before a surname ("When Sessions spoke"). */
const SENTENCE_WORDS = new Set(
  (
    'a an and as at after before both but by during even for from however if in like meanwhile now of on ' +
    'once only since so still that the then though to today under unlike until when where while with yet ' +
    'yesterday later earlier also asked said mr mrs ms dr sr sra srta sen rep gov judge president ' +
    'y pero cuando como segun según tras desde para por con sin el la los las un una ayer hoy ademas además'
  ).split(' '),
);
const CAPITALISED_BEFORE = /(?:^|[\s(“"'‘])([\p{Lu}][\p{L}\p{M}'’.-]*)\s+$/u;
const CAPITALISED_AFTER = /^(?:'s|’s)?\s+([\p{Lu}][\p{L}\p{M}'’-]*)/u;
const NOT_A_NAME_AFTER = new Set([
  'Administration',
  'Administración',
  'Era',
  'Justice',
  'White',
  'Jr',
  'Jr.',
]);

/**
 * A bare surname that stands next to another capitalised name word belongs to someone else:
 * "Glenn Miller", "Sergio Ramos", "C. S. Lewis", "Lewis Hamilton", "Lloyd Austin".
 * Sentence-opening words and titles do not count ("When Sessions spoke", "Mr. Sessions").
 */
function partOfAnotherName(text: string, start: number, end: number): boolean {
  const prev = CAPITALISED_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  // "Nielsen." ends a sentence; "S." is an initial.
  const endsSentence = !!prev && prev.endsWith('.') && prev.length > 2;
  if (prev && !endsSentence && !SENTENCE_WORDS.has(foldString(prev).replace(/\.$/, ''))) return true;
  const after = text.slice(end, end + 40);
  if (/^['’]s?\b/.test(after)) return false; // a possessive: what follows is a noun ("Trump's June order")
  const next = CAPITALISED_AFTER.exec(after)?.[1];
  return !!next && !NOT_A_NAME_AFTER.has(next) && !/^[\p{Lu}]{2,}$/u.test(next);
}

function before(text: string, start: number): string {
  return foldString(text.slice(Math.max(0, start - NEIGHBOUR_WINDOW), start));
}

function after(text: string, end: number): string {
  // A possessive belongs to the name: "Nielsen's ratings" is still about ratings.
  return foldString(text.slice(end, end + NEIGHBOUR_WINDOW))
    .replace(/^'s?(?= |$)/, '')
    .trimStart();
}

function endsWithAny(folded: string, words: string[]): boolean {
  return words.some((w) => {
    if (!folded.endsWith(w)) return false;
    const i = folded.length - w.length - 1;
    return i < 0 || !isWordCode(folded.charCodeAt(i)) || !isWordCode(w.charCodeAt(0));
  });
}

function startsWithAny(folded: string, words: string[]): boolean {
  return words.some((w) => {
    if (!folded.startsWith(w)) return false;
    const c = folded.charCodeAt(w.length);
    return Number.isNaN(c) || !isWordCode(c) || !isWordCode(w.charCodeAt(w.length - 1));
  });
}

function containsWordPrefix(folded: string, word: string): boolean {
  let i = folded.indexOf(word);
  while (i >= 0) {
    if (i === 0 || !isWordCode(folded.charCodeAt(i - 1))) return true;
    i = folded.indexOf(word, i + 1);
  }
  return false;
}
