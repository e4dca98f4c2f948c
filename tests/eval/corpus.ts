/**
 * The hand-annotated evaluation corpus (tests/fixtures/corpus/*.md and negatives.txt) and the
 * scorer shared by the eval test and `npm run eval`.
 * Annotation: [[surface|entity-id]] must be found; {{surface}} must not; nothing else should be.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMatchEntity } from '../data/compile';
import { loadDataset } from '../data/load';
import { createPageState, Matcher, type Mention } from '../data/matcher';
import type { Category, MatchEntity } from '../data/types';

const FIXTURES = join(import.meta.dirname, 'fixtures');

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

/** Reads every article of the corpus. */
export function loadCorpus(): Article[] {
  const dir = join(FIXTURES, 'corpus');
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

/** Runs the matcher over the corpus and the negatives and scores it. */
export function evaluate(index: MatchEntity[] = realMatchIndex()): Score {
  const matcher = new Matcher(index);
  const categoryOf = new Map(index.map((e) => [e.id, e.category]));
  const byCategory = new Map<Category, Counts>();
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const count = (category: Category | undefined, k: keyof Counts) => {
    total[k]++;
    const c = category ?? 'event';
    const row = byCategory.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    row[k]++;
    byCategory.set(c, row);
  };
  const score = (where: string, p: Paragraph, found: Mention[]) => {
    const used = new Set<number>();
    for (const m of found) {
      const g = p.gold.findIndex((g, i) => !used.has(i) && g.entity === m.entity && overlaps(g, m));
      if (g >= 0) {
        used.add(g);
        count(m.category, 'tp');
      } else {
        count(m.category, 'fp');
        falseAlarms.push(`${where}: "${p.text.slice(m.start, m.end)}" → ${m.entity}`);
      }
    }
    p.gold.forEach((g, i) => {
      if (used.has(i)) return;
      count(categoryOf.get(g.entity), 'fn');
      misses.push(`${where}: "${p.text.slice(g.start, g.end)}" (${g.entity})`);
    });
  };
  for (const article of loadCorpus()) {
    const state = createPageState(article.lang);
    for (const p of article.paragraphs) score(article.file, p, matcher.find(p.text, state));
  }
  // Negatives: alone, and after a paragraph that names every person in full (coreference on).
  const primer = index
    .filter((e) => e.category === 'official' || e.category === 'person')
    .map((e) => e.name)
    .join('. ');
  for (const sentence of loadNegatives()) {
    const p = parseParagraph(sentence);
    score('negatives', p, matcher.find(p.text, createPageState('unknown')));
    const state = createPageState('unknown');
    matcher.find(primer, state);
    // A neutral paragraph between them: a primer right before a sentence would count as its context.
    matcher.find('The weather was mild and the trains ran on time.', state);
    score('negatives (after names)', p, matcher.find(p.text, state));
  }
  return { total, byCategory, misses, falseAlarms };
}

/** Precision and recall of a count. */
export function rates(c: Counts): { precision: number; recall: number } {
  return {
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}
