import { buildCitationTable, type CitationTable, findCitations } from './citations';
import { foldString } from './fold';
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
import { type IndexData, indexData, Probe } from './match/probe';
import type { AliasRule, Category, MatchEntity, Scope } from './types';

export { CONTEXT_WINDOW } from './match/alias-rules';
export { createPageState, ON_TOPIC, type PageLang, PageState, topicWords } from './match/page-state';
export { PREFIX_LENGTH } from './match/probe';

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
export type PreparedMatcher = IndexData;

/** An alias by ordinal: its entity, its rule, and its rules once compiled. */
interface AliasEntry {
  entity: number;
  rule: AliasRule;
  compiled: CompiledRules | null;
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
 * Finds entity mentions in text: the probe (probe.ts) finds where whole aliases occur, then the
 * alias rules decide which of those are mentions. It never sees a DOM node.
 */
export class Matcher {
  readonly entities: MatchEntity[];
  /** The first stage, over this matcher's aliases. */
  readonly probe: Probe;
  private readonly index: IndexData;
  private titlesFolded: (string[] | undefined)[] = [];
  private citationTable?: CitationTable;
  private entityMap?: Map<string, number>;
  private aliasList?: AliasEntry[];

  /**
   * `firstLook` picks the first look: native expressions (the default), or JavaScript (`js`,
   * the reference the native one is tested against).
   * `prepared` is `prepare()` of a matcher over the same entities, computed at build time: with
   * it, a page folds no alias and builds no expression source. Data for another dataset (another
   * alias count) is not trusted.
   */
  constructor(
    entities: MatchEntity[],
    options: { firstLook?: 'native' | 'js'; prepared?: PreparedMatcher } = {},
  ) {
    this.entities = entities;
    const count = entities.reduce((n, e) => n + e.aliases.length, 0);
    this.index = options.prepared?.aliasCount === count ? options.prepared : indexData(entities);
    this.probe = new Probe(this.index, { firstLook: options.firstLook });
  }

  /** What a page would otherwise compute for these entities: pass it back as `prepared`. */
  prepare(): PreparedMatcher {
    return this.index;
  }

  /** The statute table for citations; built on first use. */
  private get citations(): CitationTable {
    this.citationTable ??= buildCitationTable(this.entities);
    return this.citationTable;
  }

  /** Entity id → index. */
  private get entityIndex(): Map<string, number> {
    this.entityMap ??= new Map(this.entities.map((e, i) => [e.id, i]));
    return this.entityMap;
  }

  /** Every alias by ordinal (entity order, then alias order). */
  private get aliases(): AliasEntry[] {
    this.aliasList ??= this.entities.flatMap((e, entity) =>
      e.aliases.map((rule) => ({ entity, rule, compiled: null })),
    );
    return this.aliasList;
  }

  /** The rule data of an alias, folded on first use so that building a matcher stays cheap. */
  private rules(ai: number): CompiledRules {
    const a = this.aliases[ai] as AliasEntry;
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

  /** See `Probe.candidates`. */
  candidates(
    text: string,
    limit = Number.POSITIVE_INFINITY,
    from = 0,
    to = text.length,
    starts?: readonly number[] | null,
  ): number[] {
    return this.probe.candidates(text, limit, from, to, starts);
  }

  /** True when `firstLook` gives starts (false for a matcher that looks in JavaScript). */
  get looksNatively(): boolean {
    return this.probe.looksNatively;
  }

  /** See `Probe.firstLook`. */
  firstLook(text: string, from = 0, to = text.length): number[] | null {
    return this.probe.firstLook(text, from, to);
  }

  /** True when the text may contain a mention (see `candidates`). */
  mayContain(text: string): boolean {
    return this.probe.mayContain(text);
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
    this.probe.scan(text, (pid, start, end) => {
      if (this.probe.triggers.has(pid)) triggered = true;
      for (const ai of this.index.aliasesOf[pid] ?? []) {
        const a = this.aliases[ai] as AliasEntry;
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
          const entityIndex = this.entityIndex.get(c.entity) ?? -1;
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
