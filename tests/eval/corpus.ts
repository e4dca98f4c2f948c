/**
 * The annotated evaluation corpora and the scorer shared by the eval tests and `npm run eval`:
 * - `dev` (tests/fixtures/corpus): written and annotated while the rules were written;
 * - `blind` (tests/fixtures/corpus-blind): written and annotated by someone who saw only the
 *   entity list (ids, names, categories, one-line descriptions), never the aliases or the rules.
 *   Do not tune rules to its individual misses; fix general causes.
 * Annotation: [[surface|entity-id]] must be found; {{surface}} must not; nothing else should be.
 * Scoring runs the matcher over each article as the content script does (the page's language
 * and date, block by block) and counts what the display policy would show once the whole article
 * has been read (a page that turns out to be about the story shows its context names too).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMatchEntity } from '../../data/compile';
import { verdict } from '../../data/display-policy';
import { loadDataset } from '../../data/load';
import { createPageState, Matcher, type Mention } from '../../data/matcher';
import { defaultSettings } from '../../data/settings';
import type { Category, MatchEntity } from '../../data/types';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** One paragraph of an article: plain text, gold mentions and must-not spans. */
export interface Paragraph {
  text: string;
  gold: { start: number; end: number; entity: string }[];
  forbidden: { start: number; end: number }[];
}

/** One annotated article. */
export interface Article {
  file: string;
  lang: 'en' | 'es';
  published: string;
  title: string;
  paragraphs: Paragraph[];
}

/** Strips the annotations from one paragraph, keeping their offsets. */
export function parseParagraph(raw: string): Paragraph {
  const gold: Paragraph['gold'] = [];
  const forbidden: Paragraph['forbidden'] = [];
  let text = '';
  const re = /\[\[([^\]|]+)\|([a-z0-9-]+)\]\]|\{\{([^}]+)\}\}/g;
  let last = 0;
  for (const m of raw.matchAll(re)) {
    text += raw.slice(last, m.index);
    const surface = m[1] ?? m[3] ?? '';
    const start = text.length;
    text += surface;
    if (m[1]) gold.push({ start, end: text.length, entity: m[2] as string });
    else forbidden.push({ start, end: text.length });
    last = (m.index ?? 0) + m[0].length;
  }
  text += raw.slice(last);
  return { text, gold, forbidden };
}

/** The two corpora: `dev` was written with the rules, `blind` without sight of them. */
export const CORPORA = { dev: 'corpus', blind: 'corpus-blind' } as const;
/** A corpus name. */
export type CorpusName = keyof typeof CORPORA;

/** Reads every article of a corpus. */
export function loadCorpus(corpus: CorpusName = 'dev'): Article[] {
  const dir = join(FIXTURES, CORPORA[corpus]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const src = readFileSync(join(dir, file), 'utf8');
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(src);
      if (!fm) throw new Error(`${file}: missing front matter`);
      const meta = Object.fromEntries(
        (fm[1] as string).split('\n').map((l) => {
          const i = l.indexOf(':');
          return [
            l.slice(0, i).trim(),
            l
              .slice(i + 1)
              .replace(/#.*$/, '')
              .trim(),
          ];
        }),
      );
      const body = src.slice(fm[0].length);
      return {
        file,
        lang: meta.lang === 'es' ? 'es' : 'en',
        published: meta.published ?? '',
        title: meta.title ?? '',
        paragraphs: body
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map(parseParagraph),
      } satisfies Article;
    });
}

/** Sentences that must never produce a mention. */
export function loadNegatives(): string[] {
  const file = join(FIXTURES, 'negatives.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The real dataset as the content script sees it. */
export function realMatchIndex(): MatchEntity[] {
  const { entities, errors } = loadDataset();
  if (errors.length) throw new Error(`dataset invalid: ${errors.length} problems`);
  return entities.map(toMatchEntity);
}

/** Counts for one category. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** A scored run: totals, per category, and every miss and false alarm for the report. */
export interface Score {
  total: Counts;
  byCategory: Map<Category, Counts>;
  misses: string[];
  falseAlarms: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** An empty score to add counts to. */
function emptyScore(): Score {
  return { total: { tp: 0, fp: 0, fn: 0 }, byCategory: new Map(), misses: [], falseAlarms: [] };
}

const overlapsSpan = overlaps;

/** Adds one paragraph's result to a score: found mentions against its gold and forbidden spans. */
function scoreParagraph(
  score: Score,
  categoryOf: Map<string, Category>,
  where: string,
  p: Paragraph,
  found: Mention[],
): void {
  const count = (category: Category | undefined, k: keyof Counts) => {
    score.total[k]++;
    const c = category ?? 'event';
    const row = score.byCategory.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    row[k]++;
    score.byCategory.set(c, row);
  };
  const used = new Set<number>();
  for (const m of found) {
    const g = p.gold.findIndex((g, i) => !used.has(i) && g.entity === m.entity && overlapsSpan(g, m));
    if (g >= 0) {
      used.add(g);
      count(m.category, 'tp');
    } else {
      count(m.category, 'fp');
      score.falseAlarms.push(`${where}: "${p.text.slice(m.start, m.end)}" → ${m.entity}`);
    }
  }
  p.gold.forEach((g, i) => {
    if (used.has(i)) return;
    count(categoryOf.get(g.entity), 'fn');
    score.misses.push(`${where}: "${p.text.slice(g.start, g.end)}" (${g.entity})`);
  });
}

/** What a page shows of what the matcher found, once the page has been read to the end. */
function shown(found: Mention[][], onTopic: boolean): Mention[][] {
  const settings = defaultSettings();
  return found.map((ms) => ms.filter((m) => verdict(m, settings, { onTopic, showQuiet: false }) === 'show'));
}

/** Runs the matcher over one corpus's articles, as a page would, and scores what it shows. */
export function evaluateCorpus(corpus: CorpusName, index: MatchEntity[] = realMatchIndex()): Score {
  const matcher = new Matcher(index);
  const categoryOf = new Map(index.map((e) => [e.id, e.category]));
  const score = emptyScore();
  for (const article of loadCorpus(corpus)) {
    const state = createPageState(article.lang, article.published || null);
    const found = article.paragraphs.map((p) => matcher.find(p.text, state));
    shown(found, state.onTopic).forEach((ms, i) => {
      scoreParagraph(score, categoryOf, article.file, article.paragraphs[i] as Paragraph, ms);
    });
  }
  return score;
}

/**
 * The negative sentences, each alone (a page about something else) and after a paragraph that
 * names every person in full (a page about the story, with every surname introduced).
 */
export function evaluateNegatives(index: MatchEntity[] = realMatchIndex()): Score {
  const matcher = new Matcher(index);
  const categoryOf = new Map(index.map((e) => [e.id, e.category]));
  const score = emptyScore();
  const primer = index
    .filter((e) => e.category === 'official' || e.category === 'person')
    .map((e) => e.name)
    .join('. ');
  for (const sentence of loadNegatives()) {
    const p = parseParagraph(sentence);
    const alone = createPageState('unknown');
    scoreParagraph(
      score,
      categoryOf,
      'negatives',
      p,
      shown([matcher.find(p.text, alone)], alone.onTopic)[0] ?? [],
    );
    const state = createPageState('unknown');
    matcher.find(primer, state);
    // A neutral paragraph between them: a primer right before a sentence would count as its context.
    matcher.find('The weather was mild and the trains ran on time.', state);
    const after = matcher.find(p.text, state);
    scoreParagraph(score, categoryOf, 'negatives (after names)', p, shown([after], state.onTopic)[0] ?? []);
  }
  return score;
}

/** The dev corpus and the negatives together (the bar the unit test holds). */
export function evaluate(index: MatchEntity[] = realMatchIndex()): Score {
  const a = evaluateCorpus('dev', index);
  const b = evaluateNegatives(index);
  return mergeScores(a, b);
}

/** Two scores added together. */
export function mergeScores(a: Score, b: Score): Score {
  const out = emptyScore();
  for (const s of [a, b]) {
    for (const k of ['tp', 'fp', 'fn'] as const) out.total[k] += s.total[k];
    for (const [c, row] of s.byCategory) {
      const r = out.byCategory.get(c) ?? { tp: 0, fp: 0, fn: 0 };
      for (const k of ['tp', 'fp', 'fn'] as const) r[k] += row[k];
      out.byCategory.set(c, r);
    }
    out.misses.push(...s.misses);
    out.falseAlarms.push(...s.falseAlarms);
  }
  return out;
}

/** Precision and recall of a count. */
export function rates(c: Counts): { precision: number; recall: number } {
  return {
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}
