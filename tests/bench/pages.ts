/**
 * Deterministic benchmark pages: seeded prose, with or without real dataset aliases, and the
 * node-side checks (the real Matcher over the real dataset) that say what each page holds.
 */
import { toMatchEntity } from '../../data/compile';
import { loadDataset } from '../../data/load';
import { createPageState, type Matcher } from '../../data/matcher';
import type { MatchEntity } from '../../data/types';

/** A small fast seeded PRNG (mulberry32), so every run serves the same bytes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ordinary words that are no alias of the dataset (checked by `assertNoMentions`). */
const WORDS = `the a of and to in with on for at from by after before under over near
garden tomato basil river bridge morning evening kitchen bread flour oven recipe window chair
table lamp bicycle mountain valley forest meadow cloud rain winter summer autumn coffee tea cup
plate spoon village market apple pear cherry onion garlic pepper salt butter cheese walked cooked
painted planted watered gathered carried quiet bright warm cold green yellow small large old new
neighbor friend dog cat bird song letter book page train platform roof fence path stone sand
shell wave boat sail lantern candle blanket pillow sweater scarf glove hat basket jar honey
lemon orange peach plum berry soup stew pie cake cookie jam tart noodle rice bean carrot potato
leek pumpkin squash cucumber lettuce spinach mint thyme rosemary parsley clover daisy tulip rose
violet maple oak birch pine cedar willow fern moss pebble hill creek pond lake island cottage
barn porch attic cellar ladder hammer nail brush paint canvas pencil paper ink desk shelf drawer
clock mirror rug curtain kettle teapot mug bowl fork knife napkin picnic orchard vineyard harvest
slowly gently softly quickly often rarely always sometimes today yesterday tomorrow later soon
sang baked stirred folded poured sliced chopped tasted smelled listened watched waited rested
slept woke laughed smiled counted sorted mended knitted sketched wrote read carried opened closed`
  .split(/\s+/)
  .filter(Boolean);

/** Sentences with real aliases: full names, agencies, a citation and a case. Each is one line. */
export const MENTION_SENTENCES = [
  'Attorney General Jeff Sessions spoke about the plan.',
  'Homeland Security Secretary Kirstjen Nielsen defended it.',
  'Agents of U.S. Customs and Border Protection made the arrests.',
  'Prosecutors charged illegal entry under 8 U.S.C. § 1325(a) in each case.',
  'The families sued in Ms. L. v. ICE last spring.',
  'Critics of the zero-tolerance policy at the border spoke up.',
  'Judge Dana Sabraw ordered the reunification.',
  'The children went to the Office of Refugee Resettlement.',
  'The Department of Homeland Security issued a statement.',
  'Lawyers cited the Flores settlement again.',
  'Executive Order 13841 was signed in June.',
  'Lee Gelernt argued for the plaintiffs.',
  'Kevin McAleenan testified before the committee.',
  'The Southern District of California saw a surge of cases.',
  'Immigration and Customs Enforcement detained the parents.',
  'The Department of Justice published the memo.',
];

function sentence(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(r() * WORDS.length)] as string);
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Prose paragraph text, with a couple of inline elements now and then. */
function paragraphHtml(r: () => number, minWords: number, maxWords: number, mention?: string): string {
  let body = sentence(r, minWords, maxWords);
  if (r() < 0.2) {
    const w = WORDS[Math.floor(r() * WORDS.length)];
    body += ` The <em>${w}</em> was <a href="#p">${WORDS[Math.floor(r() * WORDS.length)]}</a>.`;
  }
  if (mention) body = r() < 0.5 ? `${mention} ${body}` : `${body} ${mention}`;
  return `<p>${body}</p>`;
}

function doc(title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${extraHead}
<style>body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:1rem auto;padding:0 1rem}</style>
</head><body><article><h1>${title}</h1>
${body}
</article></body></html>`;
}

/** A generated page and the text blocks it holds (paragraph texts, for the node-side matcher). */
export interface BenchPage {
  html: string;
  paragraphs: string[];
}

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&sect;/g, '§');
}

/** About 20 KB: a news article with ~15 mentions and a publication date. */
export function article20k(seed = 20): BenchPage {
  const r = rng(seed);
  const paras: string[] = [];
  let size = 0;
  let i = 0;
  while (size < 19_000) {
    const p = paragraphHtml(
      r,
      25,
      45,
      i % 3 === 0 ? MENTION_SENTENCES[(i / 3) % MENTION_SENTENCES.length] : undefined,
    );
    paras.push(p);
    size += p.length;
    i++;
  }
  const head = '<meta property="article:published_time" content="2018-06-20T09:00:00Z">';
  const body = `<p class="byline"><time datetime="2018-06-20">June 20, 2018</time></p>\n${paras.join('\n')}`;
  return { html: doc('Border prosecutions surge', body, head), paragraphs: paras.map(stripTags) };
}

/** About 200 KB of ordinary prose with no alias of the dataset. */
export function noMentions200k(seed = 200): BenchPage {
  const r = rng(seed);
  const paras: string[] = [];
  let size = 0;
  while (size < 200_000) {
    const p = paragraphHtml(r, 20, 60);
    paras.push(p);
    size += p.length;
  }
  return { html: doc('A year in the garden', paras.join('\n')), paragraphs: paras.map(stripTags) };
}

/** About 2 MB: ~15,000 paragraphs, one mention sentence in every 7.5 of them (~2,000). */
export function big2mb(seed = 2000, paragraphs = 15_000, mentions = 2_000): BenchPage {
  const r = rng(seed);
  const paras: string[] = [];
  let k = 0;
  for (let i = 0; i < paragraphs; i++) {
    const withMention =
      Math.floor(((i + 1) * mentions) / paragraphs) > Math.floor((i * mentions) / paragraphs);
    const mention = withMention ? MENTION_SENTENCES[k++ % MENTION_SENTENCES.length] : undefined;
    paras.push(paragraphHtml(r, 14, 24, mention));
  }
  return { html: doc('Two megabytes of prose', paras.join('\n')), paragraphs: paras.map(stripTags) };
}

/** About 20 MB (150,000 paragraphs) with only 200 mentions: a huge page, read in steps. */
export function huge20mb(): BenchPage {
  return big2mb(20_000, 150_000, 200);
}

/** The real dataset, as the content script gets it. */
export function realEntities(): MatchEntity[] {
  const { entities, errors } = loadDataset();
  if (errors.length)
    throw new Error(`dataset has ${errors.length} errors; first: ${JSON.stringify(errors[0])}`);
  return entities.map(toMatchEntity);
}

/** Mentions the real Matcher finds in the page's paragraphs, in page order with one state. */
export function countMentions(matcher: Matcher, page: BenchPage): { mentions: number; candidates: number } {
  const state = createPageState('en');
  let mentions = 0;
  for (const p of page.paragraphs) mentions += matcher.find(p, state).length;
  const candidates = matcher.candidates(page.paragraphs.join('\n')).length;
  return { mentions, candidates };
}
