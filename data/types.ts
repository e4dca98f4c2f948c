/** The dataset's shapes. Files in data/entities/ follow `EntityFile`; see data/README.md. */

/** Every highlight category, in the order the UI lists them. */
export const CATEGORIES = [
  'policy',
  'official',
  'person',
  'statute',
  'case',
  'agency',
  'organization',
  'event',
] as const;

/** One highlight category. */
export type Category = (typeof CATEGORIES)[number];

/**
 * How far an entity's highlights reach: `core` (the story's own people, policies, memos,
 * statutes, cases and events) on any page; `context` (names most news mentions for other
 * reasons: presidents, Congress, the big departments, national NGOs) only on pages about the story.
 */
export const SCOPES = ['core', 'context'] as const;

/** One entity scope (see `SCOPES`). */
export type Scope = (typeof SCOPES)[number];

/** Languages the dataset and the UI know. */
export type Lang = 'en' | 'es';

/** An alias with rules that keep it precise. */
export interface AliasRule {
  text: string;
  caseSensitive?: boolean;
  lang?: Lang;
  requires?: 'coreference';
  /**
   * A bare surname that stands alone (no full name needed first) but, like a coreference
   * surname, never counts next to another capitalised name word ("Melania Trump", "Trump Tower").
   */
  surname?: boolean;
  /** Counts only on pages dated within [from, to] (ISO, inclusive): names of an office while held. */
  during?: [string, string];
  context?: string[];
  /**
   * With `context`: a page about the story also meets the rule, even without the words nearby.
   * For the story's common-noun names ("the caravan"); not for acronyms that mean other things.
   */
  topic?: boolean;
  notPrecededBy?: string[];
  notFollowedBy?: string[];
}

/** An alias as written in an entity file. */
export type Alias = string | AliasRule;

/** The `to` of a role still held, for date comparisons. */
export const OPEN_END = '9999-12-31';

/** A cited source. */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url: string;
  kind: 'primary' | 'secondary';
}

/**
 * A dated fact with its sources. At least one source must be dated on or after the fact,
 * unless `announcement` is true (a fact announced in advance, reported before it happened).
 */
export interface Fact {
  text: string;
  date: string;
  sources: string[];
  announcement?: boolean;
}

/**
 * A role a person held, with dates. `to` is absent while the role is held. `aliases` are names
 * of the office that refer to its holder ("the Mexican president"): they count for this person
 * only on pages dated while the role was held.
 */
export interface Role {
  title: string;
  from: string;
  to?: string;
  sources: string[];
  aliases?: Alias[];
}

/** A U.S. Code section, with its INA section where there is one. */
export interface Citation {
  title: number;
  section: string;
  ina?: string;
}

/** One entity, as stored in data/entities/<id>.json. */
export interface Entity {
  id: string;
  category: Category;
  name: string;
  aliases: Alias[];
  titles?: string[];
  citation?: Citation;
  summary: string;
  roles?: Role[];
  facts: Fact[];
  sources: Source[];
  related: string[];
  es?: { summary: string; facts: string[] };
  scope: Scope;
  updated: string;
}

/** What the content script needs to match an entity: no summaries, facts or sources. */
export interface MatchEntity {
  id: string;
  category: Category;
  scope: Scope;
  name: string;
  aliases: AliasRule[];
  titles?: string[];
  citation?: Citation;
}

/** Dataset-wide facts shown in the options page's About section. */
export interface DatasetMeta {
  updated: string;
  entities: number;
  sources: number;
}
