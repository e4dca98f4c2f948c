import { buildCitationTable, type CitationTable, findCitations } from './citations';
import { foldCode, foldString, isWordCode, SEP, SKIP } from './fold';
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
/** Longest alias the ring of positions can hold, in folded characters. */
const MAX_ALIAS = 255;

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

interface CompiledAlias {
  entity: number;
  rule: AliasRule;
  caseKey: string | null;
  context: string[] | null;
  notPrecededBy: string[] | null;
  notFollowedBy: string[] | null;
  coref: boolean;
  startsWord: boolean;
  endsWord: boolean;
}

const SEP_SYM = 2;
const FIRST_SYM = 3;

/**
 * Finds entity mentions in text with one Aho–Corasick pass over folded character codes,
 * whatever the number of aliases, then applies each alias's rules to the few hits.
 * Compile it once per page; it never sees a DOM node.
 */
export class Matcher {
  readonly entities: MatchEntity[];
  private readonly entityIndex: Map<string, number>;
  private readonly aliases: CompiledAlias[] = [];
  private readonly titles: string[][];
  private readonly citations: CitationTable;
  // Automaton, flattened into typed arrays.
  private symOf = new Map<number, number>();
  private symTable: Uint16Array;
  private rootNext: Int32Array;
  private childStart!: Int32Array;
  private childCount!: Uint16Array;
  private childSym!: Uint16Array;
  private childNode!: Int32Array;
  private fail!: Int32Array;
  private outStart!: Int32Array;
  private outCount!: Uint16Array;
  private outList!: Int32Array;
  /** Pattern id → alias ids (several aliases can fold to the same text). */
  private patternAliases: number[][] = [];
  private patternLength: number[] = [];
  private triggerPatterns = new Set<number>();

  constructor(entities: MatchEntity[]) {
    this.entities = entities;
    this.entityIndex = new Map(entities.map((e, i) => [e.id, i]));
    this.titles = entities.map((e) => (e.titles ?? []).map((t) => foldString(t)));
    this.citations = buildCitationTable(entities);
    const patterns = new Map<string, number>();
    const addPattern = (folded: string): number => {
      let id = patterns.get(folded);
      if (id === undefined) {
        id = patterns.size;
        patterns.set(folded, id);
        this.patternAliases.push([]);
      }
      return id;
    };
    entities.forEach((e, ei) => {
      for (const rule of e.aliases) {
        const folded = foldString(rule.text);
        if (!folded || folded.length > MAX_ALIAS) continue;
        const first = rule.text.trim().charCodeAt(0);
        const last = rule.text.trim().charCodeAt(rule.text.trim().length - 1);
        const alias: CompiledAlias = {
          entity: ei,
          rule,
          caseKey: rule.caseSensitive ? foldString(rule.text, true) : null,
          context: rule.context?.map((w) => foldString(w)) ?? null,
          notPrecededBy: rule.notPrecededBy?.map((w) => foldString(w)) ?? null,
          notFollowedBy: rule.notFollowedBy?.map((w) => foldString(w)) ?? null,
          coref: rule.requires === 'coreference',
          startsWord: isWordCode(first),
          endsWord: isWordCode(last),
        };
        this.patternAliases[addPattern(folded)]?.push(this.aliases.length);
        this.aliases.push(alias);
      }
    });
    for (const t of CITATION_TRIGGERS) this.triggerPatterns.add(addPattern(t));
    // Alphabet: every folded code used by a pattern gets a symbol.
    for (const p of patterns.keys())
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (c !== SEP && !this.symOf.has(c)) this.symOf.set(c, FIRST_SYM + this.symOf.size);
      }
    this.symTable = new Uint16Array(0x250);
    for (let c = 0; c < 0x250; c++) this.symTable[c] = this.symbol(c);
    this.rootNext = new Int32Array(FIRST_SYM + this.symOf.size);
    this.build([...patterns.keys()]);
  }

  /** Symbol for a page character: 0 for characters no alias uses. */
  private symbol(c: number): number {
    const f = foldCode(c);
    if (f === SKIP) return 0xffff;
    if (f === SEP) return SEP_SYM;
    return this.symOf.get(f) ?? 0;
  }

  private patternSymbols(p: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      out.push(c === SEP ? SEP_SYM : (this.symOf.get(c) as number));
    }
    return out;
  }

  private build(patterns: string[]): void {
    // Trie with Map children while building.
    const children: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    patterns.forEach((p, pid) => {
      const syms = this.patternSymbols(p);
      this.patternLength[pid] = syms.length;
      let node = 0;
      for (const s of syms) {
        let next = children[node]?.get(s);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outs.push([]);
          children[node]?.set(s, next);
        }
        node = next;
      }
      outs[node]?.push(pid);
    });
    const n = children.length;
    const fail = new Int32Array(n);
    // Breadth-first failure links; outputs merged along them.
    const queue: number[] = [];
    for (const [s, child] of children[0] ?? []) {
      this.rootNext[s] = child;
      queue.push(child);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi] as number;
      for (const [s, child] of children[node] ?? []) {
        let f = fail[node] as number;
        while (f !== 0 && !children[f]?.has(s)) f = fail[f] as number;
        const target = children[f]?.get(s);
        fail[child] = target !== undefined && target !== child ? target : 0;
        outs[child]?.push(...(outs[fail[child] as number] ?? []));
        queue.push(child);
      }
    }
    let edges = 0;
    for (const c of children) edges += c.size;
    this.childStart = new Int32Array(n);
    this.childCount = new Uint16Array(n);
    this.childSym = new Uint16Array(edges);
    this.childNode = new Int32Array(edges);
    this.outStart = new Int32Array(n);
    this.outCount = new Uint16Array(n);
    let outTotal = 0;
    for (const o of outs) outTotal += o.length;
    this.outList = new Int32Array(outTotal);
    let e = 0;
    let o = 0;
    for (let i = 0; i < n; i++) {
      this.childStart[i] = e;
      for (const [s, child] of children[i] ?? []) {
        this.childSym[e] = s;
        this.childNode[e++] = child;
      }
      this.childCount[i] = e - (this.childStart[i] as number);
      this.outStart[i] = o;
      for (const pid of outs[i] ?? []) this.outList[o++] = pid;
      this.outCount[i] = o - (this.outStart[i] as number);
    }
    this.fail = fail;
  }

  private step(state: number, sym: number): number {
    const { childStart, childCount, childSym, childNode, fail, rootNext } = this;
    for (;;) {
      if (state === 0) return rootNext[sym] as number;
      const cs = childStart[state] as number;
      const ce = cs + (childCount[state] as number);
      for (let k = cs; k < ce; k++) if (childSym[k] === sym) return childNode[k] as number;
      state = fail[state] as number;
    }
  }

  /** Runs the automaton and calls `hit(patternId, start, end)` for every raw hit, boundaries unchecked. */
  private scan(text: string, hit: (pid: number, start: number, end: number) => unknown): void {
    const ring = new Int32Array(MAX_ALIAS + 1);
    const table = this.symTable;
    const { outCount, outStart, outList, patternLength } = this;
    let state = 0;
    let count = 0;
    let prevSep = false;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const sym = c < 0x250 ? (table[c] as number) : this.symbol(c);
      if (sym === 0) {
        state = 0;
        prevSep = false;
        continue;
      }
      if (sym === 0xffff) continue;
      if (sym === SEP_SYM) {
        if (prevSep) continue;
        prevSep = true;
      } else prevSep = false;
      state = this.step(state, sym);
      ring[count++ & MAX_ALIAS] = i;
      const oc = outCount[state] as number;
      if (oc === 0) continue;
      const os = outStart[state] as number;
      for (let k = os; k < os + oc; k++) {
        const pid = outList[k] as number;
        const start = ring[(count - (patternLength[pid] as number)) & MAX_ALIAS] as number;
        if (hit(pid, start, i + 1) === false) return;
      }
    }
  }

  /**
   * The cheap first look: where in `text` a mention may start, in order. It applies only case
   * and a loose word start, so an offset still needs `find`, but a missing one is certain.
   * Stops after `limit` offsets.
   */
  candidates(text: string, limit = Number.POSITIVE_INFINITY): number[] {
    const found: number[] = [];
    this.scan(text, (pid, start, end) => {
      if (this.triggerPatterns.has(pid) && /\d{3}/.test(text.slice(Math.max(0, start - 24), end + 24)))
        found.push(start);
      else
        for (const ai of this.patternAliases[pid] ?? []) {
          const a = this.aliases[ai] as CompiledAlias;
          if (a.startsWord && !looseWordStart(text, start)) continue;
          if (a.caseKey && foldString(text.slice(start, end), true) !== a.caseKey) continue;
          found.push(start);
          break;
        }
      return found.length < limit;
    });
    return found.sort((a, b) => a - b);
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
    let triggered = false;
    this.scan(text, (pid, start, end) => {
      if (this.triggerPatterns.has(pid)) triggered = true;
      for (const ai of this.patternAliases[pid] ?? []) {
        if (!this.accepts(ai, text, start, end, state)) continue;
        const a = this.aliases[ai] as CompiledAlias;
        const e = this.entities[a.entity] as MatchEntity;
        candidates.push({
          start,
          end,
          entity: e.id,
          category: e.category,
          alias: ai,
          strong: !a.context && !a.coref,
          ...(a.coref ? { coref: true } : {}),
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
      const a = this.aliases[c.alias] as CompiledAlias;
      if (!a.context) return true;
      if (topical || strong.some((s) => s !== c && Math.abs(s.start - c.start) <= CONTEXT_WINDOW))
        return true;
      return this.hasContext(text, c.start, c.end, a.context);
    });
    // Leftmost, then longest, wins; ties keep the first alias listed.
    kept.sort((a, b) => a.start - b.start || b.end - a.end || a.alias - b.alias);
    const out: Mention[] = [];
    let lastEnd = -1;
    for (const c of kept) {
      if (c.start < lastEnd) continue;
      if (c.coref) {
        const entityIndex = this.entityIndex.get(c.entity) ?? -1;
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
    const a = this.aliases[ai] as CompiledAlias;
    if (a.startsWord && start > 0 && isWordCode(text.charCodeAt(start - 1))) return false;
    if (a.endsWord && end < text.length && isWordCode(text.charCodeAt(end))) return false;
    if (a.rule.lang && state.lang !== 'unknown' && a.rule.lang !== state.lang) return false;
    if (a.caseKey && foldString(text.slice(start, end), true) !== a.caseKey) return false;
    if (a.notPrecededBy && endsWithAny(before(text, start), a.notPrecededBy)) return false;
    if (a.notFollowedBy && startsWithAny(after(text, end), a.notFollowedBy)) return false;
    return true;
  }

  private hasContext(text: string, start: number, end: number, words: string[]): boolean {
    const left = foldString(text.slice(Math.max(0, start - CONTEXT_WINDOW), start));
    const right = foldString(text.slice(end, end + CONTEXT_WINDOW));
    return words.some((w) => containsWordPrefix(left, w) || containsWordPrefix(right, w));
  }

  private precededByTitle(text: string, start: number, entityIndex: number): boolean {
    const titles = this.titles[entityIndex];
    return !!titles && titles.length > 0 && endsWithAny(before(text, start), titles);
  }
}

/**
 * A word may start here, allowing for `textContent` gluing blocks together ("end.</p><p>Jeff"
 * reads "endJeff" when there is no whitespace between the tags): a case or letter/digit change
 * counts as a start too. Only the first look uses it; `find` works on real blocks.
 */
function looseWordStart(text: string, start: number): boolean {
  if (start === 0) return true;
  const p = text.charCodeAt(start - 1);
  if (!isWordCode(p)) return true;
  const c = text.charCodeAt(start);
  const pDigit = p >= 48 && p <= 57;
  const cDigit = c >= 48 && c <= 57;
  if (pDigit !== cDigit) return true;
  const pc = String.fromCharCode(p);
  const cc = String.fromCharCode(c);
  return pc === pc.toLowerCase() && pc !== pc.toUpperCase() && cc !== cc.toLowerCase();
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
