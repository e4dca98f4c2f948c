import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Category, Entity } from './types';

/** One search hit: an entity id and its relevance (higher first). */
export interface SearchHit {
  id: string;
  score: number;
}

/** A search over a fixed set of entities. */
export interface EntitySearch {
  /** Ranked hits for a query, optionally only in some categories. An empty query gives no hits. */
  search(query: string, categories?: readonly Category[]): SearchHit[];
}

interface Doc {
  id: string;
  category: Category;
  name: string;
  aliases: string;
  citation: string;
  summary: string;
  facts: string;
  esSummary: string;
  esFacts: string;
}

/**
 * Field weights: a name hit outranks an alias hit, which outranks any hit in the prose. A statute's
 * own citation is its identity, so "1325" must rank the statute above the memo that cites it.
 */
export const SEARCH_BOOST: Record<string, number> = { name: 4, aliases: 3, citation: 8 };

/** Lower case without accents, so "Peña" and "pena" are the same term. */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function toDoc(e: Entity): Doc {
  const c = e.citation;
  return {
    id: e.id,
    category: e.category,
    name: e.name,
    aliases: e.aliases.map((a) => (typeof a === 'string' ? a : a.text)).join(' \n '),
    // Statutes are found by their number ("1325") and by their usual citation forms.
    citation: c ? `${c.title} USC ${c.section} ${c.ina ? `INA ${c.ina}` : ''}` : '',
    summary: e.summary,
    facts: e.facts.map((f) => f.text).join(' \n '),
    esSummary: e.es?.summary ?? '',
    esFacts: e.es?.facts.join(' \n ') ?? '',
  };
}

const FIELDS = ['name', 'aliases', 'citation', 'summary', 'facts', 'esSummary', 'esFacts'];

/**
 * Creates a search over the entities. The index is built on the first query, not here, so a popup
 * that only shows "on this page" never pays for it. Queries are synchronous: the popup re-runs one
 * on every keystroke.
 */
export function createSearch(entities: readonly Entity[]): EntitySearch {
  let index: MiniSearch<Doc> | null = null;
  const categoryOf = new Map(entities.map((e) => [e.id, e.category]));
  /** Folded names and aliases → entities, so a query that is exactly a name ranks that entity first. */
  let exact: Map<string, Set<string>> | null = null;
  const exactKey = (s: string) =>
    foldTerm(s)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const buildExact = () => {
    const m = new Map<string, Set<string>>();
    for (const e of entities)
      for (const t of [e.name, ...e.aliases.map((a) => (typeof a === 'string' ? a : a.text))]) {
        const k = exactKey(t);
        if (!m.has(k)) m.set(k, new Set());
        m.get(k)?.add(e.id);
      }
    return m;
  };

  const build = (): MiniSearch<Doc> => {
    const ms = new MiniSearch<Doc>({
      fields: FIELDS,
      storeFields: [],
      processTerm: (term) => {
        const t = foldTerm(term);
        return t.length > 0 ? t : null;
      },
      searchOptions: {
        boost: SEARCH_BOOST,
        prefix: (term) => term.length >= 2,
        // Fuzzy only for longer words: "sesions" → "sessions", but "ice" must not match "ice's" cousins.
        fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      },
    });
    ms.addAll(entities.map(toDoc));
    return ms;
  };

  return {
    search(query, categories) {
      const q = query.trim();
      if (!q) return [];
      index ??= build();
      const allowed = categories && categories.length > 0 ? new Set(categories) : null;
      const options: SearchOptions = {
        combineWith: 'AND',
        filter: allowed ? (r) => allowed.has(categoryOf.get(String(r.id)) as Category) : undefined,
      };
      let results = index.search(q, options);
      // Every word must match when some entity has them all; otherwise rank by any word.
      if (results.length === 0) results = index.search(q, { ...options, combineWith: 'OR' });
      // A query that is exactly an entity's name or alias ranks that entity first ("border patrol"
      // above the Border Patrol station whose aliases repeat the words).
      exact ??= buildExact();
      const named = exact.get(exactKey(q));
      const hits = results.map((r) => ({ id: String(r.id), score: r.score }));
      return named ? [...hits.filter((h) => named.has(h.id)), ...hits.filter((h) => !named.has(h.id))] : hits;
    },
  };
}
