import { buildCitationTable, type CitationTable, findCitations } from './citations';
import {
  compileFirstLook,
  type FirstLook,
  type FirstLookSource,
  firstLookSource,
  firstLookStarts,
} from './first-look';
import { foldCode, foldString, isStart, SEP, SKIP } from './fold';
import {
  acceptsAt,
  CONTEXT_WINDOW,
  type CompiledRules,
  compileRules,
  hasContext,
  partOfAnotherName,
  precededByTitle,
} from './match/alias-rules';
import { type PageState, topicWords } from './match/page-state';
import {
  aliasFirstChars,
  type CompiledAlias,
  foldedRun,
  lowerBound,
  PREFIX_LENGTH,
  PrefixIndex,
} from './match/prefix-index';
import type { Category, MatchEntity, Scope } from './types';

export { CONTEXT_WINDOW } from './match/alias-rules';
export { createPageState, ON_TOPIC, type PageLang, PageState, topicWords } from './match/page-state';
export { PREFIX_LENGTH } from './match/prefix-index';

/** A mention found in a text: `start`/`end` are offsets in that text (end exclusive). */
export interface Mention {
  start: number;
  end: number;
  entity: string;
  category: Category;
  /** The entity's scope: context names show only on pages about the story. */
  scope: Scope;
  /** The cited section and subsections for statute citations, e.g. "§ 1325(a)(2)". */
  detail?: string;
  /** True when a surname-only alias matched because the full name came earlier. */
  coref?: boolean;
  /** True when only the page being about the story supports it (its alias's context words are not near). */
  weak?: boolean;
}

/** What `Matcher.prepare()` computes at build time, so that a page does not. */
export interface PreparedMatcher {
  firstLook: FirstLookSource;
  /** The folded character each alias starts with, in entity and alias order (' ' for none). */
  firstChars: string;
}

interface Candidate extends Mention {
  alias: number;
  /** From an alias with no context or coreference rule, or a citation. */
  strong: boolean;
}

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
    a.compiled ??= compileRules(a.rule);
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
   * `state` carries coreference, language, date and topic from earlier blocks of the same page;
   * `evidence` says whether the block is main text, whose words and names tell whether the page
   * is about the story (navigation and sidebars are not).
   */
  find(text: string, state: PageState, evidence = true): Mention[] {
    const block = state.nextBlock();
    const candidates: Candidate[] = [];
    let triggered = text.includes('§');
    this.scan(text, (pid, start, end) => {
      if (this.ix.triggerPatterns.has(pid)) triggered = true;
      for (const ai of this.ix.patternAliases[pid] ?? []) {
        const a = this.ix.aliases[ai] as CompiledAlias;
        const r = this.rules(ai);
        if (!acceptsAt(r, a.rule.lang, text, start, end, state)) continue;
        const e = this.entities[a.entity] as MatchEntity;
        candidates.push({
          start,
          end,
          entity: e.id,
          category: e.category,
          scope: e.scope,
          alias: ai,
          strong: !r.context && !r.coref,
          ...(r.coref ? { coref: true } : {}),
        });
      }
    });
    if (triggered) {
      // A bare "Section 1325" is Title 8's near immigration words, after a Title 8 citation, or on
      // a page about the story.
      const title8Near = (s: number, e: number) =>
        state.title8 || state.onTopic || hasContext(text, s, e, TITLE8_CONTEXT);
      for (const m of findCitations(text, this.citations, title8Near))
        candidates.push({ ...m, scope: 'core', alias: -1, strong: true });
    }
    if (candidates.length === 0) return [];
    // A context rule is met by its words nearby, or by an unambiguous mention of any entity in
    // this block or the one before. Failing both, an alias marked `topic` still counts on a page
    // about the story (`weak`: the display policy decides); any other is dropped.
    const strong = candidates.filter((c) => c.strong);
    const near = state.nearStrong(block);
    const kept = candidates.filter((c) => {
      if (c.alias < 0) return true;
      const r = this.rules(c.alias);
      if (
        !r.context ||
        near ||
        strong.some((s) => s !== c && Math.abs(s.start - c.start) <= CONTEXT_WINDOW) ||
        hasContext(text, c.start, c.end, r.context)
      )
        return true;
      if (r.topic) c.weak = true;
      return r.topic;
    });
    // Leftmost, then longest, wins; ties keep the first alias listed. Mentions that need the
    // page's topic come second: they only fill gaps, so they never hide one that stands alone.
    kept.sort((a, b) => a.start - b.start || b.end - a.end || a.alias - b.alias);
    const out: Mention[] = [];
    const core = new Set<string>();
    const overlaps = (c: Candidate) => out.some((m) => c.start < m.end && m.start < c.end);
    for (const pass of [false, true])
      for (const c of kept) {
        if (!!c.weak !== pass || overlaps(c)) continue;
        if (c.alias >= 0 && this.rules(c.alias).surname) {
          const entityIndex = this.ix.entityIndex.get(c.entity) ?? -1;
          const titled = precededByTitle(text, c.start, this.titles(entityIndex));
          if (!titled && partOfAnotherName(text, c.start, c.end)) continue;
          if (c.coref && !state.isIntroduced(c.entity)) {
            if (!titled) continue;
            delete c.coref;
          }
        }
        if (!c.coref && !c.weak) state.introduce(c.entity);
        if (c.strong) state.strongIn(block);
        if (c.category === 'statute' && c.alias < 0) state.sawTitle8();
        if (c.scope === 'core' && !c.weak) core.add(c.entity);
        const { alias: _alias, strong: _strong, ...mention } = c;
        out.push(mention);
      }
    out.sort((a, b) => a.start - b.start);
    if (evidence) state.noteEvidence(topicWords(text), core);
    return out;
  }
}
