/**
 * The real-page benchmark (DESIGN.md, "Benchmark definitions", "Real pages" and "Both browsers"):
 * the 170 saved pages of tests/fixtures/real-pages, one at a time, each in a fresh tab, served
 * from the local test server with the page's own scripts blocked (`Content-Security-Policy:
 * script-src 'none'`) and every request that leaves the server blocked. Per page: the floor (the
 * page's cold first read, in a browser without the extension), the scan cost and its ratio to the
 * floor, the longest chunk, the content script's start-up, the card warm-up's longest step and the
 * long tasks. All of it in Chromium; the same for Firefox ESR on a fixed sample of the corpus.
 *
 * Part of `npm run bench` (run.ts calls `realPagesBench`); alone: `npm run bench:real`.
 * Writes the per-page tables to tests/bench/real-pages-latest.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { FirefoxExtensionBrowser, findFirefox } from '../e2e/drivers/firefox';
import { ExtensionBrowser, findChromium, ROOT, TestServer } from '../e2e/harness';
import { loadRealPages, ON_TOPIC } from '../real-pages';
import {
  coldRead,
  LONG_TASK_PROBE,
  NAMES,
  type PageScan,
  percentile,
  type SettleOptions,
  type Span,
  settleAndRead,
} from './browser';

/** One row of the summary table (run.ts prints these with the rest). */
export interface BenchRow {
  section: string;
  metric: string;
  figure: string;
  bar?: string;
  pass?: boolean | null;
}

/** The page's own scripts never run; the content script must (checked on a control page). */
export const PAGE_CSP = "script-src 'none'";
/** Pages of the corpus Firefox measures: the largest ones and a spread over the rest. */
export const FIREFOX_SAMPLE = Number(process.env.BENCH_FIREFOX_SAMPLE ?? 40);
/** Of those, how many are simply the largest pages. */
const FIREFOX_LARGEST = 10;
/** Extra loads of a page that had a chunk over 50 ms. */
const REPEATS = 2;
/** Loads of each page (floor and scan); the per-page figure is the median. */
const REAL_RUNS = Number(process.env.BENCH_REAL_RUNS ?? 1);

/** How long to wait in the page (see `settleAndRead`). */
const SETTLE: Omit<SettleOptions, 'names'> = {
  quietMs: 400,
  startTimeout: 3000,
  timeout: 60_000,
  warmupTimeout: 5000,
};

/** The bars of DESIGN.md over the corpus. */
export const BARS = {
  scanMedianMs: 10,
  scanP90Ms: 40,
  longestChunkP90Ms: 16,
  longTaskMs: 50,
  warmupStepMs: 16,
} as const;

/** What one page gave in one browser (medians over the runs when there are several). */
export interface PageFigures {
  name: string;
  /** HTML size in KB. */
  kb: number;
  /** Characters of text under document.body. */
  chars: number;
  floorMs: number;
  /** Sum of the scan measures; NaN when the content script never ran. */
  scanMs: number;
  ratio: number;
  chunks: number;
  longestMs: number;
  /** From the start mark to the start of the first chunk. */
  startupMs: number;
  /** The card warm-up's longest step; NaN on a page without one. */
  warmupMaxMs: number;
  marks: number;
  /** Marks per entity, most first: "donald-trump 12, white-house 3". */
  entities: string;
  /** Our chunks over 50 ms. */
  longChunks: number;
  /** Long Tasks API entries over 50 ms that overlap one of our chunks (NaN where there is no such API). */
  longTasks: number;
  /** Requests that left the local server and were blocked. */
  blocked: number;
  /** What went wrong, if anything (no content script, navigated away, load failed). */
  problem: string;
  /** The figures of the extra loads, for a page loaded again (see `repeatLoads`). */
  again?: string;
}

const overlaps = (a: Span, b: Span) => a.start < b.start + b.duration && b.start < a.start + a.duration;
const medianOf = (xs: number[]) => percentile(xs, 50);
const max = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x));
  return s.length ? Math.max(...s) : Number.NaN;
};

/** The figures of one load: the floor's read from a clean browser, the scan from one with the extension. */
function figuresOf(
  name: string,
  html: string,
  floor: { ms: number; chars: number },
  scan: PageScan | null,
  blocked: number,
  expectedHref: string,
  problem = '',
): PageFigures {
  const scans = scan?.scans ?? [];
  const durations = scans.map((s) => s.duration);
  const scanMs = scan && Number.isFinite(scan.started) ? durations.reduce((a, b) => a + b, 0) : Number.NaN;
  const problems = [problem];
  if (scan && !Number.isFinite(scan.started)) problems.push('content script did not start');
  else if (scan && scans.length === 0) problems.push('no scan chunk');
  if (scan && scan.href !== expectedHref) problems.push(`navigated to ${scan.href.slice(0, 60)}`);
  if (scan && scan.marks > 0 && !scan.warmedUp) problems.push('no card warm-up');
  return {
    name,
    kb: Buffer.byteLength(html) / 1024,
    chars: floor.chars,
    floorMs: floor.ms,
    scanMs,
    ratio: scanMs / floor.ms,
    chunks: scans.length,
    longestMs: durations.length ? Math.max(...durations) : Number.NaN,
    startupMs: scans[0] && scan ? scans[0].start - scan.started : Number.NaN,
    warmupMaxMs: max(scan?.warmupSteps ?? []),
    marks: scan?.marks ?? 0,
    entities: Object.entries(scan?.entities ?? {})
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, n]) => `${id} ${n}`)
      .join(', '),
    longChunks: durations.filter((d) => d > BARS.longTaskMs).length,
    longTasks: scan?.longTasks
      ? scan.longTasks.filter((l) => l.duration > BARS.longTaskMs && scans.some((s) => overlaps(l, s))).length
      : Number.NaN,
    blocked,
    problem: problems.filter(Boolean).join('; '),
  };
}

/** The median of each figure over several loads of one page. */
function mergeRuns(runs: PageFigures[]): PageFigures {
  const first = runs[0] as PageFigures;
  if (runs.length === 1) return first;
  const m = (f: (r: PageFigures) => number) => medianOf(runs.map(f));
  return {
    ...first,
    floorMs: m((r) => r.floorMs),
    scanMs: m((r) => r.scanMs),
    ratio: m((r) => r.scanMs) / m((r) => r.floorMs),
    chunks: m((r) => r.chunks),
    longestMs: m((r) => r.longestMs),
    startupMs: m((r) => r.startupMs),
    warmupMaxMs: m((r) => r.warmupMaxMs),
    marks: m((r) => r.marks),
    longChunks: Math.max(...runs.map((r) => r.longChunks)),
    longTasks: max(runs.map((r) => r.longTasks)),
    blocked: m((r) => r.blocked),
    problem: [...new Set(runs.map((r) => r.problem).filter(Boolean))].join('; '),
  };
}

/** A page to measure and where the server serves it. */
interface Served {
  name: string;
  html: string;
  url: string;
}

/** Serves each page at /real/<name> with the CSP that blocks its scripts. */
function serve(server: TestServer, pages: { name: string; html: string }[], prefix = '/real/'): Served[] {
  return pages.map((p) => ({
    ...p,
    url: server.route(`${prefix}${encodeURIComponent(p.name)}`, {
      body: p.html,
      headers: { 'content-security-policy': PAGE_CSP },
    }),
  }));
}

/** A control page: an inline script that must not run, and a mention the content script must mark. */
const CONTROL_HTML =
  '<!doctype html><html lang="en"><head><title>control</title></head><body><p>Attorney General Jeff Sessions announced the policy.</p><script>document.title = "page script ran";</script></body></html>';

/** Counts, per page, the requests that leave the server, and aborts them. */
async function blockOutside(b: ExtensionBrowser, origin: string, counter: { n: number }): Promise<void> {
  await b.context.route(
    (url) => /^(https?|wss?|ftp):$/.test(url.protocol) && url.origin !== origin,
    (route) => {
      counter.n++;
      return route.abort('blockedbyclient');
    },
  );
}

/** Measures pages in Chromium: per page, the floor in a clean browser, then the scan with the extension. */
export async function chromiumPages(
  server: TestServer,
  pages: Served[],
  opts: { runs?: number; log?: (s: string) => void } = {},
): Promise<{ figures: PageFigures[]; control: string }> {
  const runs = opts.runs ?? REAL_RUNS;
  const clean = await ExtensionBrowser.launch({ extension: false });
  const ext = await ExtensionBrowser.launch();
  const blocked = { n: 0 };
  await blockOutside(clean, server.origin, { n: 0 });
  await blockOutside(ext, server.origin, blocked);
  const control = await chromiumControl(ext, server);
  const figures: PageFigures[] = [];
  try {
    for (const [i, p] of pages.entries()) {
      const perRun: PageFigures[] = [];
      for (let r = 0; r < runs; r++) {
        let problem = '';
        const c = await clean.context.newPage();
        let floor = { ms: Number.NaN, chars: 0 };
        try {
          await c.goto(p.url, { waitUntil: 'load', timeout: 60_000 });
          floor = await c.evaluate(coldRead);
        } catch (e) {
          problem = `floor: ${String(e).split('\n')[0]}`;
        }
        await c.close();
        const page = await ext.context.newPage();
        await page.addInitScript(LONG_TASK_PROBE);
        blocked.n = 0;
        let scan: PageScan | null = null;
        try {
          await page.goto(p.url, { waitUntil: 'load', timeout: 60_000 });
          scan = await page.evaluate(settleAndRead, { names: NAMES, ...SETTLE });
        } catch (e) {
          problem = `${problem ? `${problem}; ` : ''}${String(e).split('\n')[0]}`;
        }
        await page.close();
        perRun.push(figuresOf(p.name, p.html, floor, scan, blocked.n, p.url, problem));
      }
      const f = mergeRuns(perRun);
      figures.push(f);
      opts.log?.(`  chromium ${i + 1}/${pages.length} ${line(f)}`);
    }
  } finally {
    await clean.close();
    await ext.close();
  }
  return { figures, control };
}

/** Checks in Chromium that the CSP blocks the page's script and the content script still runs. */
async function chromiumControl(b: ExtensionBrowser, server: TestServer): Promise<string> {
  const url = server.route('/real-control.html', {
    body: CONTROL_HTML,
    headers: { 'content-security-policy': PAGE_CSP },
  });
  const page: PwPage = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const scan = await page.evaluate(settleAndRead, { names: NAMES, ...SETTLE });
  const title = await page.title();
  await page.close();
  return controlVerdict(title, scan);
}

function controlVerdict(title: string, scan: PageScan): string {
  const scriptBlocked = title === 'control';
  const ran = Number.isFinite(scan.started) && scan.scans.length > 0;
  return `page script blocked: ${scriptBlocked ? 'yes' : 'NO'}; content script ran: ${ran ? 'yes' : 'NO'} (${scan.marks} mark${scan.marks === 1 ? '' : 's'}, card warm-up ${scan.warmedUp ? 'done' : 'not done'})`;
}

/** Measures pages in Firefox ESR the same way (puppeteer-core over WebDriver BiDi). */
export async function firefoxPages(
  server: TestServer,
  pages: Served[],
  opts: { runs?: number; log?: (s: string) => void } = {},
): Promise<{ figures: PageFigures[]; control: string; version: string }> {
  const runs = opts.runs ?? REAL_RUNS;
  // The e2e suite's launcher: the extension installed in a fresh profile, timer precision not
  // reduced, requests that leave 127.0.0.1 answered locally or failed (see its header).
  const clean = await FirefoxExtensionBrowser.launch({ extension: false });
  const ext = await FirefoxExtensionBrowser.launch();
  const figures: PageFigures[] = [];
  // Its tabs carry the `__name` shim that functions compiled by tsx need.
  const open = (b: FirefoxExtensionBrowser): Promise<PpPage> => b.newPage();
  const load = async (page: PpPage, url: string) => {
    // The load event can come before the navigation promise settles over BiDi; a timeout is not
    // a failure as long as the document loaded.
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  };
  try {
    const cp = await open(ext);
    const controlUrl = server.route('/real-control.html', {
      body: CONTROL_HTML,
      headers: { 'content-security-policy': PAGE_CSP },
    });
    await load(cp, controlUrl);
    const cscan = await cp.evaluate(settleAndRead, { names: NAMES, ...SETTLE });
    const control = controlVerdict(await cp.title(), cscan);
    await cp.close();
    for (const [i, p] of pages.entries()) {
      const perRun: PageFigures[] = [];
      for (let r = 0; r < runs; r++) {
        let problem = '';
        let floor = { ms: Number.NaN, chars: 0 };
        const c = await open(clean);
        try {
          await load(c, p.url);
          floor = await c.evaluate(coldRead);
        } catch (e) {
          problem = `floor: ${String(e).split('\n')[0]}`;
        }
        await c.close();
        const page = await open(ext);
        let scan: PageScan | null = null;
        try {
          await load(page, p.url);
          scan = await page.evaluate(settleAndRead, { names: NAMES, ...SETTLE });
        } catch (e) {
          problem = `${problem ? `${problem}; ` : ''}${String(e).split('\n')[0]}`;
        }
        await page.close();
        perRun.push(figuresOf(p.name, p.html, floor, scan, Number.NaN, p.url, problem));
      }
      const f = mergeRuns(perRun);
      figures.push(f);
      opts.log?.(`  firefox ${i + 1}/${pages.length} ${line(f)}`);
    }
    return { figures, control, version: ext.version };
  } finally {
    await clean.close();
    await ext.close();
  }
}

/**
 * The Firefox sample, `n` pages: the on-topic ones, the largest by HTML size, then an even spread
 * over the rest by size (every k-th), so that it is the same sample on every run.
 */
export function firefoxSample<T extends { name: string; html: string }>(pages: T[], n = FIREFOX_SAMPLE): T[] {
  const bySize = [...pages].sort((a, b) => b.html.length - a.html.length || a.name.localeCompare(b.name));
  const chosen = new Set(pages.filter((p) => ON_TOPIC.has(p.name)).map((p) => p.name));
  for (const p of bySize.slice(0, FIREFOX_LARGEST)) if (chosen.size < n) chosen.add(p.name);
  const rest = bySize.filter((p) => !chosen.has(p.name));
  const want = Math.max(0, n - chosen.size);
  const step = want ? rest.length / want : 1;
  for (let i = 0; i < want && Math.floor(i * step) < rest.length; i++)
    chosen.add((rest[Math.floor(i * step)] as T).name);
  return pages.filter((p) => chosen.has(p.name));
}

/**
 * One load per page: the pages with a chunk over 50 ms (five at most) and the five worst by scan
 * cost are loaded REPEATS more times, each in a fresh tab, to tell a page that is always slow from
 * a one-off on this shared machine. The tables keep the first load.
 */
async function repeatLoads(
  figs: PageFigures[],
  served: Served[],
  measure: (pages: Served[]) => Promise<PageFigures[]>,
): Promise<Map<string, PageFigures[]>> {
  const again = [
    ...new Set([...figs.filter((f) => f.longChunks > 0).slice(0, 5), ...worst(figs, (f) => f.scanMs, 5)]),
  ];
  const out = new Map<string, PageFigures[]>();
  if (!again.length) return out;
  const pages = again.flatMap((f) =>
    Array<Served>(REPEATS).fill(served.find((p) => p.name === f.name) as Served),
  );
  for (const g of await measure(pages)) out.set(g.name, [...(out.get(g.name) ?? []), g]);
  for (const f of figs) {
    const more = out.get(f.name);
    if (more)
      f.again = `${more.length} more loads: scan ${more.map((g) => ms(g.scanMs, 2)).join(', ')} ms; longest chunk ${more.map((g) => ms(g.longestMs)).join(', ')} ms`;
  }
  return out;
}

// ---------- reporting ----------

const ms = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const ratioText = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

function line(f: PageFigures): string {
  return `${f.name}: ${ms(f.kb, 0)} KB, floor ${ms(f.floorMs, 2)} ms, scan ${ms(f.scanMs, 2)} ms (${ratioText(f.ratio)}), ${f.chunks} chunks, longest ${ms(f.longestMs)} ms, start-up ${ms(f.startupMs)} ms${Number.isFinite(f.warmupMaxMs) ? `, warm-up step ${ms(f.warmupMaxMs)} ms` : ''}, ${f.marks} marks${f.problem ? ` [${f.problem}]` : ''}`;
}

/** "median a · p90 b · max c (page)". */
function spread(figs: PageFigures[], pick: (f: PageFigures) => number, unit = 'ms', digits = 1): string {
  const vals = figs.map(pick).filter((x) => Number.isFinite(x));
  if (vals.length === 0) return 'n/a';
  const top = figs
    .filter((f) => Number.isFinite(pick(f)))
    .sort((a, b) => pick(b) - pick(a))[0] as PageFigures;
  const u = unit === '×' ? '×' : ` ${unit}`;
  return `median ${medianOf(vals).toFixed(digits)}${u} · p90 ${percentile(vals, 90).toFixed(digits)}${u} · max ${max(vals).toFixed(digits)}${u} (${top.name})`;
}

/** The summary rows for one browser's figures. */
export function summaryRows(
  section: string,
  figs: PageFigures[],
  control: string,
  repeats: Map<string, PageFigures[]> = new Map(),
): BenchRow[] {
  const measured = figs.filter((f) => Number.isFinite(f.scanMs));
  const scan = measured.map((f) => f.scanMs);
  const longest = measured.map((f) => f.longestMs);
  const warm = measured.filter((f) => Number.isFinite(f.warmupMaxMs));
  const withMarks = measured.filter((f) => f.marks > 0);
  const quiet = measured.filter((f) => f.marks === 0);
  const longChunkPages = measured.filter((f) => f.longChunks > 0);
  // A long chunk that does not come back when the page is loaded again was the machine, not the page.
  const confirmed = longChunkPages.filter((f) => {
    const again = repeats.get(f.name) ?? [];
    return medianOf([f, ...again].map((g) => g.longestMs)) > BARS.longTaskMs;
  });
  const ltKnown = measured.filter((f) => Number.isFinite(f.longTasks));
  const problems = figs.filter((f) => f.problem);
  const unmarkedOnTopic = [...ON_TOPIC].filter((n) => figs.some((f) => f.name === n && f.marks === 0));
  const rows: BenchRow[] = [
    {
      section,
      metric: 'pages; content script ran (CSP script-src none); problems',
      figure: `${figs.length} pages; ran on ${measured.length}; ${problems.length ? `${problems.length}: ${problems.map((f) => `${f.name} (${f.problem})`).join(', ')}` : 'none'}`,
    },
    { section, metric: 'control page (inline script under the same CSP)', figure: control },
    {
      section,
      metric: 'pages with marks (on-topic pages marked with *)',
      figure: `${withMarks.length}: ${
        withMarks
          .map((f) => `${f.name}${ON_TOPIC.has(f.name) ? '*' : ''} ${f.marks} (${f.entities})`)
          .join(', ') || 'none'
      }${unmarkedOnTopic.length ? `; on-topic pages without marks: ${unmarkedOnTopic.join(', ')}` : ''}`,
    },
    {
      section,
      metric: 'floor: cold first read without the extension',
      figure: spread(measured, (f) => f.floorMs, 'ms', 2),
    },
    {
      section,
      metric: 'scan cost (sum of the scan measures)',
      figure: spread(measured, (f) => f.scanMs, 'ms', 2),
      bar: `median ≤ ${BARS.scanMedianMs} ms, p90 ≤ ${BARS.scanP90Ms} ms`,
      pass: measured.length
        ? medianOf(scan) <= BARS.scanMedianMs && percentile(scan, 90) <= BARS.scanP90Ms
        : null,
    },
    { section, metric: 'scan / floor', figure: spread(measured, (f) => f.ratio, '×', 2) },
    {
      section,
      metric: 'scan / floor on pages with no marks',
      figure: spread(quiet, (f) => f.ratio, '×', 2),
    },
    {
      section,
      metric: 'longest chunk',
      figure: spread(measured, (f) => f.longestMs),
      bar: `p90 ≤ ${BARS.longestChunkP90Ms} ms`,
      pass: measured.length ? percentile(longest, 90) <= BARS.longestChunkP90Ms : null,
    },
    { section, metric: 'chunks per page', figure: spread(measured, (f) => f.chunks, '', 0) },
    {
      section,
      metric: 'start-up: start mark → first chunk',
      figure: spread(measured, (f) => f.startupMs),
    },
    {
      section,
      metric: `our chunks > ${BARS.longTaskMs} ms (all pages); the verdict takes, for a page with one, the median of its first load and ${REPEATS} more`,
      figure: `first loads: ${measured.reduce((a, f) => a + f.longChunks, 0)} on ${longChunkPages.length} pages${longChunkPages.length ? ` (${longChunkPages.map((f) => f.name).join(', ')})` : ''}; in the median of ${REPEATS + 1} loads: ${confirmed.length} pages${confirmed.length ? ` (${confirmed.map((f) => f.name).join(', ')})` : ''}`,
      bar: 'none on any page',
      pass: measured.length ? confirmed.length === 0 : null,
    },
    {
      section,
      metric: `Long Tasks API entries > ${BARS.longTaskMs} ms overlapping our chunks`,
      figure: ltKnown.length
        ? `${ltKnown.reduce((a, f) => a + f.longTasks, 0)} on ${ltKnown.filter((f) => f.longTasks > 0).length} pages`
        : 'n/a (no Long Tasks API in this browser)',
    },
    {
      section,
      metric: 'card warm-up, longest step (pages with marks)',
      figure: warm.length
        ? `${warm.length} pages: ${spread(warm, (f) => f.warmupMaxMs)}`
        : 'n/a (no page warmed up a card)',
      bar: `≤ ${BARS.warmupStepMs} ms`,
      pass: warm.length ? max(warm.map((f) => f.warmupMaxMs)) <= BARS.warmupStepMs : null,
    },
  ];
  const repeated = (f: PageFigures, pick: (g: PageFigures) => number) =>
    `${f.name}: ${ms(pick(f))} → ${(repeats.get(f.name) ?? []).map((g) => ms(pick(g))).join(', ')} ms`;
  const longAgain = longChunkPages.filter((f) => repeats.has(f.name));
  if (longAgain.length)
    rows.push({
      section,
      metric: `pages with a chunk > ${BARS.longTaskMs} ms, loaded ${REPEATS} more times: longest chunk (first load → repeats)`,
      figure: longAgain.map((f) => repeated(f, (g) => g.longestMs)).join('; '),
    });
  const costly = worst(measured, (f) => f.scanMs, 5).filter((f) => repeats.has(f.name));
  if (costly.length)
    rows.push({
      section,
      metric: `the ${costly.length} worst pages by scan cost, loaded ${REPEATS} more times: scan cost (first load → repeats)`,
      figure: costly.map((f) => repeated(f, (g) => g.scanMs)).join('; '),
    });
  return rows;
}

/** The ten worst pages by a figure, as lines. */
function worst(figs: PageFigures[], pick: (f: PageFigures) => number, n = 10): PageFigures[] {
  return figs
    .filter((f) => Number.isFinite(pick(f)))
    .sort((a, b) => pick(b) - pick(a))
    .slice(0, n);
}

const TABLE_HEAD = [
  '| page | KB | text chars | floor ms | scan ms | scan / floor | chunks | longest ms | start-up ms | warm-up step ms | marks | chunks > 50 | LT > 50 on ours | blocked req. | marked entities | note |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
];
function tableRow(f: PageFigures): string {
  return `| ${f.name}${ON_TOPIC.has(f.name) ? ' *' : ''} | ${ms(f.kb, 0)} | ${f.chars} | ${ms(f.floorMs, 2)} | ${ms(f.scanMs, 2)} | ${ratioText(f.ratio)} | ${f.chunks} | ${ms(f.longestMs)} | ${ms(f.startupMs)} | ${ms(f.warmupMaxMs)} | ${f.marks} | ${f.longChunks} | ${Number.isFinite(f.longTasks) ? f.longTasks : '–'} | ${Number.isFinite(f.blocked) ? f.blocked : '–'} | ${f.entities} | ${[f.problem, f.again].filter(Boolean).join('; ').replace(/\|/g, '\\|')} |`;
}

function rowsMd(rows: BenchRow[]): string[] {
  return [
    '| section | metric | figure | bar | verdict |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.section} | ${r.metric} | ${r.figure.replace(/\|/g, '\\|')} | ${r.bar ?? ''} | ${r.pass === undefined ? '' : r.pass === null ? 'n/a' : r.pass ? 'PASS' : '**FAIL**'} |`,
    ),
  ];
}

function worstMd(title: string, figs: PageFigures[], pick: (f: PageFigures) => number): string[] {
  return [`### ${title}`, '', ...TABLE_HEAD, ...worst(figs, pick).map(tableRow), ''];
}

/** Results of the whole real-page benchmark. */
export interface RealPagesResult {
  rows: BenchRow[];
  notes: string[];
  seconds: { chromium: number; firefox: number };
}

/**
 * Runs the corpus in Chromium and the sample in Firefox, prints the ten worst pages, writes
 * tests/bench/real-pages-latest.md and returns the summary rows for latest.md.
 */
export async function realPagesBench(
  opts: { server?: TestServer; header?: string; log?: (s: string) => void } = {},
): Promise<RealPagesResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const verbose = process.env.BENCH_VERBOSE ? log : undefined;
  const server = opts.server ?? new TestServer();
  if (!opts.server) await server.start();
  const pages = loadRealPages();
  const only = process.env.BENCH_REAL_ONLY;
  const chosen = only ? pages.filter((p) => p.name.includes(only)) : pages;
  const served = serve(server, chosen);
  const notes: string[] = [];
  const rows: BenchRow[] = [];

  const t0 = Date.now();
  log(`real pages: ${served.length} pages in Chromium, one at a time…`);
  const chromium = await chromiumPages(server, served, { log: verbose });
  const chromiumRepeats = await repeatLoads(
    chromium.figures,
    served,
    async (pages) => (await chromiumPages(server, pages, { runs: 1 })).figures,
  );
  rows.push(...summaryRows('real pages, Chromium', chromium.figures, chromium.control, chromiumRepeats));
  const chromiumSeconds = (Date.now() - t0) / 1000;

  const t1 = Date.now();
  let firefox: Awaited<ReturnType<typeof firefoxPages>> | null = null;
  let firefoxRepeats = new Map<string, PageFigures[]>();
  const sample = firefoxSample(served);
  if (findFirefox() && process.env.BENCH_FIREFOX !== '0') {
    log(`real pages: ${sample.length} sampled pages in Firefox…`);
    try {
      firefox = await firefoxPages(server, sample, { log: verbose });
      firefoxRepeats = await repeatLoads(
        firefox.figures,
        sample,
        async (pages) => (await firefoxPages(server, pages, { runs: 1 })).figures,
      );
    } catch (e) {
      notes.push(`Firefox real-page sample failed: ${String(e).split('\n')[0]}`);
    }
  } else notes.push('Firefox real-page sample skipped (no Firefox, or BENCH_FIREFOX=0).');
  const firefoxSeconds = (Date.now() - t1) / 1000;
  if (firefox) {
    const names = new Set(sample.map((p) => p.name));
    const chromiumSame = chromium.figures.filter((f) => names.has(f.name));
    rows.push(
      ...summaryRows(
        `real pages, Firefox (${sample.length}-page sample)`,
        firefox.figures,
        firefox.control,
        firefoxRepeats,
      ),
    );
    rows.push(
      ...besideRows(`real pages, Chromium (same ${sample.length} pages)`, chromiumSame, firefox.figures),
    );
  }
  if (!opts.server) await server.stop();

  // Printed: the ten worst pages by scan cost and by longest chunk.
  for (const [title, pick] of [
    ['scan cost', (f: PageFigures) => f.scanMs],
    ['longest chunk', (f: PageFigures) => f.longestMs],
  ] as const) {
    log(`\nreal pages, Chromium: 10 worst by ${title}`);
    for (const f of worst(chromium.figures, pick)) log(`  ${line(f)}`);
  }

  const md = [
    '# Backstory benchmark: real pages, latest run',
    '',
    opts.header ??
      `${new Date().toISOString()}; Chromium ${findChromium() ?? ''}; ${firefox ? firefox.version : 'no Firefox'}.`,
    '',
    `The ${pages.length} saved pages of tests/fixtures/real-pages (postlight/parser's fixtures), one load each in a fresh tab, served from 127.0.0.1 with \`Content-Security-Policy: ${PAGE_CSP}\` and every request that leaves the server blocked. Floor: the page's cold first read (TreeWalker over document.body reading every text node) in a browser without the extension, right after load. Scan: the sum of the content script's scan measures; start-up: from its start mark to its first chunk; warm-up: the card warm-up's longest step (pages with marks only). Pages marked * are on topic (tests/real-pages.ts). Times in ms; one load per page (BENCH_REAL_RUNS for more). Chromium took ${chromiumSeconds.toFixed(0)} s, Firefox ${firefoxSeconds.toFixed(0)} s.`,
    '',
    '## Summary',
    '',
    ...rowsMd(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '## Chromium: the 10 worst pages',
    '',
    ...worstMd('By scan cost', chromium.figures, (f) => f.scanMs),
    ...worstMd('By longest chunk', chromium.figures, (f) => f.longestMs),
    '## Chromium: every page',
    '',
    ...TABLE_HEAD,
    ...chromium.figures.map(tableRow),
    '',
  ];
  if (firefox) {
    md.push(
      `## Firefox (${firefox.version}): the ${sample.length}-page sample`,
      '',
      `The ${FIREFOX_LARGEST} largest pages by HTML size and an even spread over the rest, plus the on-topic pages. The content script's marks and measures are read from the page's own \`performance\` timeline, as in Chromium: Firefox records them there although the content script runs in a sandbox (checked on the control page). There is no Long Tasks API in Firefox. \`privacy.reduceTimerPrecision\` is off (otherwise \`performance.now()\` steps in 1 ms); Firefox runs from the e2e suite's launcher (tests/e2e/drivers/firefox.ts): a WebDriver BiDi intercept answers https requests that leave 127.0.0.1 with a local stub page and fails the others, and a local proxy that refuses every connection sits behind it.`,
      '',
      ...TABLE_HEAD,
      ...firefox.figures.map(tableRow),
      '',
    );
  }
  writeFileSync(join(ROOT, 'tests/bench/real-pages-latest.md'), md.join('\n'));
  log('written tests/bench/real-pages-latest.md');
  return { rows, notes, seconds: { chromium: chromiumSeconds, firefox: firefoxSeconds } };
}

/** Chromium's figures on the Firefox sample, with Firefox / Chromium for each median. */
function besideRows(section: string, chromium: PageFigures[], firefox: PageFigures[]): BenchRow[] {
  const pick: [string, (f: PageFigures) => number, number][] = [
    ['floor', (f) => f.floorMs, 2],
    ['scan cost', (f) => f.scanMs, 2],
    ['scan / floor', (f) => f.ratio, 2],
    ['longest chunk', (f) => f.longestMs, 1],
    ['start-up', (f) => f.startupMs, 1],
  ];
  return pick.map(([metric, p, d]) => {
    const c = medianOf(chromium.map(p));
    const f = medianOf(firefox.map(p));
    return {
      section,
      metric: `${metric} (Firefox median / Chromium median on the same pages)`,
      figure: `${spread(chromium, p, metric === 'scan / floor' ? '×' : 'ms', d)}; Firefox / Chromium ${ratioText(f / c)}`,
    };
  });
}

/** Firefox on one generated page, several loads (each in a fresh tab): run.ts's 2 MB row. */
export async function firefoxGenerated(
  server: TestServer,
  page: { name: string; html: string },
  runs: number,
): Promise<{ runs: PageFigures[]; control: string; version: string } | null> {
  if (!findFirefox() || process.env.BENCH_FIREFOX === '0') return null;
  const served = serve(server, [page], '/firefox-generated/')[0] as Served;
  // The same page `runs` times with one load each, so every load's figures are kept.
  const r = await firefoxPages(server, Array<Served>(runs).fill(served), { runs: 1 });
  return { runs: r.figures, control: r.control, version: r.version };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  realPagesBench()
    .then((r) => {
      console.log('');
      for (const row of r.rows) {
        const verdict =
          row.pass === undefined ? '' : row.pass === null ? '  n/a' : row.pass ? '  PASS' : '  FAIL';
        console.log(
          `[${row.section}] ${row.metric}: ${row.figure}${row.bar ? `   bar: ${row.bar}` : ''}${verdict}`,
        );
      }
      for (const n of r.notes) console.log(`NOTE: ${n}`);
      console.log(
        `\nreal pages took ${((Date.now() - started) / 1000).toFixed(0)} s (Chromium ${r.seconds.chromium.toFixed(0)} s, Firefox ${r.seconds.firefox.toFixed(0)} s)`,
      );
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
