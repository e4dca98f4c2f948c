/**
 * `npm run eval`: detection quality, measured three ways, each printed with its bar:
 * - the dev corpus (written with the rules) and the blind corpus (annotated from the entity list
 *   alone): precision and recall per category;
 * - the negative sentences (traps such as "training sessions"), alone and after every name;
 * - unrelated real pages (postlight/parser's saved pages, minus the few about the story): the
 *   highlights the extension would show on them, per page. Run with --details for every miss.
 */
import { CATEGORIES } from '../../data/types';
import {
  type CorpusName,
  evaluateCorpus,
  evaluateNegatives,
  loadCorpus,
  rates,
  realMatchIndex,
  type Score,
} from '../eval/corpus';
import { pageMatcher, scanPage } from '../eval/real-page-scan';
import { loadRealPages, ON_TOPIC } from '../real-pages';

const details = process.argv.includes('--details');
const f = (x: number) => x.toFixed(3);
const index = realMatchIndex();

function table(title: string, s: Score, bars: boolean): void {
  console.log(`\n${title}`);
  console.log('  category       tp    fp    fn   precision  recall');
  const row = (name: string, c: { tp: number; fp: number; fn: number }) => {
    const r = rates(c);
    console.log(
      `  ${name.padEnd(13)}${String(c.tp).padStart(4)}${String(c.fp).padStart(6)}${String(c.fn).padStart(6)}   ${f(r.precision)}     ${f(r.recall)}`,
    );
  };
  for (const c of CATEGORIES) {
    const r = s.byCategory.get(c);
    if (r) row(c, r);
  }
  row('ALL', s.total);
  const t = rates(s.total);
  if (bars)
    console.log(
      `  bars: precision ≥ 0.97 ${t.precision >= 0.97 ? 'PASS' : 'FAIL'}, recall ≥ 0.93 ${t.recall >= 0.93 ? 'PASS' : 'FAIL'}`,
    );
  if (details) {
    console.log(`\n  missed (${s.misses.length}):`);
    for (const m of s.misses) console.log(`    ${m}`);
    console.log(`\n  false alarms (${s.falseAlarms.length}):`);
    for (const m of s.falseAlarms) console.log(`    ${m}`);
  }
}

for (const corpus of ['dev', 'blind'] as CorpusName[]) {
  const articles = loadCorpus(corpus);
  const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
  table(
    `${corpus} corpus: ${articles.length} articles, ${paragraphs} paragraphs (${articles.filter((a) => a.lang === 'es').length} in Spanish)`,
    evaluateCorpus(corpus, index),
    true,
  );
}

const neg = evaluateNegatives(index);
console.log(
  `\nnegative sentences (alone, and after every name on a page about the story): ${neg.total.fp} false alarms ${neg.total.fp === 0 ? 'PASS' : 'FAIL'}`,
);
if (neg.total.fp) for (const m of neg.falseAlarms) console.log(`  ${m}`);

const t0 = performance.now();
const matcher = pageMatcher(index);
const pages = loadRealPages().filter((p) => !ON_TOPIC.has(p.name));
let total = 0;
let quiet = 0;
const noisy: string[] = [];
for (const page of pages) {
  const r = scanPage(page.html, matcher);
  total += r.marks.length;
  quiet += r.quiet;
  if (r.marks.length)
    noisy.push(
      `  ${page.name}: ${r.marks.length} (${r.marks.map((m) => `"${m.text}" → ${m.entity}`).join(', ')})`,
    );
}
const per10 = (10 * total) / pages.length;
console.log(
  `\nunrelated real pages: ${pages.length} pages (${ON_TOPIC.size} about the story set aside), ${total} highlights on ${noisy.length} pages = ${per10.toFixed(2)} per 10 pages (bar ≤ 1) ${per10 <= 1 ? 'PASS' : 'FAIL'}; ${quiet} mentions of context names kept quiet; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
for (const line of noisy) console.log(line);
