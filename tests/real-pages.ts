/**
 * The real-page corpus: 170 saved web pages from postlight/parser's `fixtures/` (see
 * tests/fixtures/real-pages/README.md for their source and licence), and the few of them that are
 * about Backstory's story. Test fixtures only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** The compressed corpus: one JSON object `{ "<file name>": "<html>" }`, brotli-compressed. */
export const REAL_PAGES_FILE = join(import.meta.dirname, 'fixtures/real-pages/pages.json.br');

/** One saved page: its file name in postlight/parser's `fixtures/` and its HTML. */
export interface RealPage {
  name: string;
  html: string;
}

let cache: RealPage[] | null = null;

/** Every page of the corpus, sorted by name (about 30 MB of HTML, decompressed in about 0.1 s). */
export function loadRealPages(): { name: string; html: string }[] {
  if (!cache) {
    const pages = JSON.parse(brotliDecompressSync(readFileSync(REAL_PAGES_FILE)).toString('utf8')) as Record<
      string,
      string
    >;
    cache = Object.keys(pages)
      .sort()
      .map((name) => ({ name, html: pages[name] as string }));
  }
  return cache.map((p) => ({ ...p }));
}

/**
 * Pages about the 2018 border story or US immigration, each with the reason, found by searching
 * the texts (immigra, border, asylum, deport, ICE, migrant, Sessions, caravan, DACA, refugee,
 * zero tolerance, separation, Homeland, undocumented, wall, and the Spanish, French, German and
 * Japanese words) and reading the hits. Pages that only mention Trump or Obama, or have an
 * "Immigration" menu item, are not on topic: see `CHECKED_NOT_ON_TOPIC` for the near misses.
 */
export const ON_TOPIC_REASONS: ReadonlyMap<string, string> = new Map([
  [
    'www.washingtonpost.com.html',
    'Opinion column (Oct. 2018, after the Pittsburgh synagogue shooting) whose argument runs through anti-immigrant rhetoric: Trump\u2019s stereotypes of immigrants and refugees, Fox\u2019s "anti-immigrant cranks" and the migrant caravan of October 2018 blamed on Soros.',
  ],
]);

/** The names of the on-topic pages (see `ON_TOPIC_REASONS`). */
export const ON_TOPIC: ReadonlySet<string> = new Set(ON_TOPIC_REASONS.keys());

/** Pages the search turned up that were read and judged not on topic, with the reason. */
export const CHECKED_NOT_ON_TOPIC: ReadonlyMap<string, string> = new Map([
  [
    'sandiegouniontribune.com.html',
    'Article about a stadium operator for SDSU; only sidebar teasers touch immigration (detention-centre conditions for asylum seekers, a student denied U.S. entry).',
  ],
  [
    'www.huffingtonpost.com.html',
    'Trump and Obama\u2019s agenda after the 2016 election; two sentences mention DACA and the immigration platform in passing.',
  ],
  [
    'www.buzzfeed.com--splash.html',
    'College Trump supporters and political correctness; one anecdote mentions "undocumented immigrants".',
  ],
  ['www.yahoo.com.html', 'Bullying in schools after the 2016 election; one quote jokes about "the wall".'],
  [
    'www.nytimes.com--recent.html',
    'Nikki Haley leaving the U.N.; one line on her immigrant parents and one on aid to Palestinian refugees.',
  ],
  [
    'nymag.com.html',
    'Roger Ailes and Fox News; one sentence on Murdoch disliking Trump\u2019s stance on immigration.',
  ],
  [
    'www.linkedin.com.html',
    'A LinkedIn post on work in 2017; "CBP" appears only as a commenter\u2019s credential (the matcher reads it as U.S. Customs and Border Protection).',
  ],
  [
    'obamawhitehouse.archives.gov.html',
    'The Obama White House archive (and its --blog, --empty and --speeches pages): "Immigration Action" and "Homeland Security" are menu items.',
  ],
  [
    'www.politico.com.html',
    'Politico pages (also --test-case-2 and --test-case-3): "Employment & Immigration" is a menu item.',
  ],
  [
    'www.newyorker.com--magazine.html',
    'An essay about the writer\u2019s mother; "immigrant parents" and "emigration and immigration" as metaphors.',
  ],
]);
