/**
 * The matcher's index of alias prefixes: every alias folded (one first letter at a time, on
 * demand), grouped by its first PREFIX_LENGTH folded characters, and hashed into a bitset that a
 * probe tests at each word start. Pure data; it never sees page text beyond a probe's prefix.
 */
import { foldCode, foldString, isWordCode, SEP, SKIP } from '../fold';
import type { AliasRule, MatchEntity } from '../types';
import type { CompiledRules } from './alias-rules';

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

/** An alias as indexed: its entity, its rule, its folded text, and its rules once compiled. */
export interface CompiledAlias {
  entity: number;
  rule: AliasRule;
  folded: string;
  compiled: CompiledRules | null;
}

/** How many folded characters of an alias the first look hashes at each word start. */
export const PREFIX_LENGTH = 5;
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

/** The folded code an alias starts with (its first character that is neither separator nor skipped). */
function firstFolded(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f !== SEP && f !== SKIP) return f;
  }
  return -1;
}

/** Every alias's first folded character, one per alias in entity and alias order; ' ' for none. */
export function aliasFirstChars(entities: MatchEntity[]): string {
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
export class PrefixIndex {
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
