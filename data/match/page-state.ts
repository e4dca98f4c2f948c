/** What a page's earlier text tells the matcher about later text, and whether the page is about the story. */

/** A page's language; 'unknown' lets both languages' aliases match. */
export type PageLang = 'en' | 'es' | 'unknown';

/**
 * Words that show a text is about migration and the border, in English and Spanish (prefixes,
 * any case). Counted only in the blocks the matcher reads, which are the ones with candidates.
 */
const TOPIC_WORDS =
  /\b(?:immigra|emigra|migra|asyl|asilo|deport|border|fronter|refugee|refugiad|detention|detenci|undocumented|indocumentad|separat|separaci|caravan|zero[\s-]+tolerance|tolerancia\s+cero|ports?\s+of\s+entry)/gi;

/**
 * When a page counts as about the story: mentions of at least `coreEntities` different core
 * entities, or of one core entity plus `topicWords` topic words, in the page's main text.
 * One core name alone is not enough: a page about something else may name the attorney general
 * or ICE once; two story names, or one with the vocabulary of migration around it, rarely happen
 * by chance. Measured on the real pages and both corpora (`npm run eval`).
 */
export const ON_TOPIC = { coreEntities: 2, topicWords: 3 } as const;

/** How many topic words a text holds. */
export function topicWords(text: string): number {
  return text.match(TOPIC_WORDS)?.length ?? 0;
}

/**
 * Everything the matcher remembers about one page. Only the matcher and the scanner change it,
 * and only through these methods.
 */
export class PageState {
  private readonly introducedIds = new Set<string>();
  private title8Seen = false;
  private blocks = 0;
  private lastStrongBlock = -1;
  private readonly coreIds = new Set<string>();
  private words = 0;
  private topical = false;

  /**
   * `date` is the page's publication date (ISO), or the reading date when the page has none:
   * names of an office ("the Mexican president") count only for whoever held it then.
   */
  constructor(
    lang: PageLang | (() => PageLang) = 'unknown',
    date: string | null | (() => string | null) = null,
  ) {
    this.langOf = lang;
    this.dateOf = date;
  }

  private langOf: PageLang | (() => PageLang);
  private dateOf: string | null | (() => string | null);

  /** The page's language, read on first use: a page with no candidates never needs it. */
  get lang(): PageLang {
    if (typeof this.langOf === 'function') this.langOf = this.langOf();
    return this.langOf;
  }

  /** The page's date (ISO), read on first use: few pages ever need it. */
  get date(): string | null {
    if (typeof this.dateOf === 'function') this.dateOf = this.dateOf();
    return this.dateOf;
  }

  /** Starts reading the next block of text; returns its number. */
  nextBlock(): number {
    return this.blocks++;
  }

  /** True once the entity was named in full (or by title and surname) on this page. */
  isIntroduced(id: string): boolean {
    return this.introducedIds.has(id);
  }

  /** The entity was named in full. */
  introduce(id: string): void {
    this.introducedIds.add(id);
  }

  /** Forgets every introduction but these (the page removed the text that made the others). */
  keepIntroduced(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of [...this.introducedIds]) if (!keep.has(id)) this.introducedIds.delete(id);
  }

  /** True once a Title 8 citation was seen, so a bare "Section 1325" refers to it. */
  get title8(): boolean {
    return this.title8Seen;
  }

  /** A Title 8 citation was seen. */
  sawTitle8(): void {
    this.title8Seen = true;
  }

  /** An unambiguous mention was found in block `block`. */
  strongIn(block: number): void {
    this.lastStrongBlock = block;
  }

  /** True when block `block` or the one before holds an unambiguous mention. */
  nearStrong(block: number): boolean {
    return this.lastStrongBlock >= 0 && block - this.lastStrongBlock <= 1;
  }

  /** Evidence from a block of the page's main text: its topic words and the core entities it names. */
  noteEvidence(words: number, coreEntities: Iterable<string>): void {
    this.words += words;
    for (const id of coreEntities) this.coreIds.add(id);
    if (
      this.coreIds.size >= ON_TOPIC.coreEntities ||
      (this.coreIds.size >= 1 && this.words >= ON_TOPIC.topicWords)
    )
      this.topical = true;
  }

  /** True once the page has shown it is about the story (it stays so). */
  get onTopic(): boolean {
    return this.topical;
  }
}

/** A fresh state for a page in the given language, published (or read) on `date`. */
export function createPageState(
  lang: PageLang | (() => PageLang) = 'unknown',
  date: string | null | (() => string | null) = null,
): PageState {
  return new PageState(lang, date);
}
