/**
 * In-page probes for the benchmarks: wait for the scan to settle, read the scan measures, the
 * cold-read floor and the long-task observers installed before load.
 */
import type { CDPSession, Page } from 'playwright-core';
import { MARK_TAG } from '../../entrypoints/content/dom-rules';
import {
  PHASE_MEASURES,
  READ_MEASURE,
  SCAN_MEASURE,
  START_MARK,
  WARMUP_MEASURE,
  WARMUP_STEP_MEASURE,
} from '../../entrypoints/content/measures';

/**
 * The names the content script records, from the product code, for functions that run in the
 * page (they cannot see imports, so they get these as an argument).
 */
export const NAMES = {
  start: START_MARK,
  scan: SCAN_MEASURE,
  phases: PHASE_MEASURES,
  read: READ_MEASURE,
  warmup: WARMUP_MEASURE,
  warmupStep: WARMUP_STEP_MEASURE,
  markTag: MARK_TAG,
} as const;
export type Names = typeof NAMES;

/** Installed with addInitScript (main world, before any page script): long tasks and long frames. */
export const LONG_TASK_PROBE = `(() => {
  const w = window;
  w.__bsLong = [];
  w.__bsLoaf = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bsLong.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bsLoaf.push({ start: e.startTime, duration: e.duration,
      blocking: e.blockingDuration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
      scripts: (e.scripts || []).map((s) => s.sourceURL + ' ' + Math.round(s.duration)) }); })
      .observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})();`;

/** Sums the forced layout right after each scan chunk (dedicated runs: it adds layout work). */
export const LAYOUT_PROBE = `(() => {
  const w = window;
  w.__bsLayout = [];
  new PerformanceObserver((l) => {
    if (!l.getEntries().some((e) => e.name === ${JSON.stringify(SCAN_MEASURE)})) return;
    const t = performance.now();
    void document.body.offsetHeight;
    w.__bsLayout.push(performance.now() - t);
  }).observe({ type: 'measure' });
})();`;

/** What one page run gives. */
export interface ScanRun {
  scanMs: number;
  chunks: number;
  maxChunkMs: number;
  /** The first chunk: one textContent read, the automaton over all of it, the walk to the hit nodes. */
  firstChunkMs: number;
  firstStart: number;
  lastEnd: number;
  marks: number;
  /**
   * Sums of the chunks' parts: reading and first look, blocks, wrapping (see scanner.ts); and
   * `read`, the one `textContent` read of the body inside `locate`.
   */
  phases: { locate: number; blocks: number; wrap: number; read: number };
  /** From the content script's start mark (`START_MARK`) to the end of the last chunk (wall time). */
  startToIdle: number;
  /** From the content script's start mark to the start of the first chunk. */
  startup: number;
}

/**
 * Waits until the extension's scan measures and marks stop changing for `quietMs`, then reads
 * them. `minMeasures` 1 waits for the first pass even on a page with nothing to mark.
 */
export async function waitScan(page: Page, quietMs = 700, timeout = 60_000): Promise<ScanRun> {
  return page.evaluate(
    ({ quietMs, timeout, names }) =>
      new Promise<ScanRun>((resolve, reject) => {
        const t0 = performance.now();
        let key = '';
        let since = performance.now();
        // Marks change only inside measured chunks, so polling the measures is enough; counting
        // marks every tick (querySelectorAll over a 2 MB page) would compete with the scan.
        const total = (name: string) =>
          performance.getEntriesByName(name).reduce((a, e) => a + e.duration, 0);
        const read = (countMarks: boolean): ScanRun => {
          const es = performance.getEntriesByName(names.scan);
          let sum = 0;
          let max = 0;
          for (const e of es) {
            sum += e.duration;
            if (e.duration > max) max = e.duration;
          }
          const last = es[es.length - 1];
          return {
            scanMs: sum,
            chunks: es.length,
            maxChunkMs: max,
            firstChunkMs: es[0]?.duration ?? Number.NaN,
            firstStart: es[0]?.startTime ?? Number.NaN,
            lastEnd: last ? last.startTime + last.duration : Number.NaN,
            marks: countMarks ? document.querySelectorAll(names.markTag).length : -1,
            phases: {
              locate: total(names.phases.locate),
              blocks: total(names.phases.blocks),
              wrap: total(names.phases.wrap),
              read: total(names.read),
            },
            startToIdle: last
              ? last.startTime +
                last.duration -
                (performance.getEntriesByName(names.start)[0]?.startTime ?? Number.NaN)
              : Number.NaN,
            startup:
              (es[0]?.startTime ?? Number.NaN) -
              (performance.getEntriesByName(names.start)[0]?.startTime ?? Number.NaN),
          };
        };
        const tick = () => {
          const r = read(false);
          const k = `${r.chunks}`;
          if (k !== key) {
            key = k;
            since = performance.now();
          }
          if (r.chunks > 0 && performance.now() - since >= quietMs) resolve(read(true));
          else if (performance.now() - t0 > timeout) reject(new Error(`scan did not settle: ${k}`));
          else setTimeout(tick, 50);
        };
        tick();
      }),
    { quietMs, timeout, names: NAMES },
  );
}

/**
 * The floor, run in the page: one cold TreeWalker pass over `document.body` reading every text
 * node's data. Gives the time in ms and the characters read (NaN and 0 without a body). Works with
 * any driver's `evaluate` (Playwright, puppeteer).
 */
export function coldRead(): { ms: number; chars: number } {
  if (!document.body) return { ms: Number.NaN, chars: 0 };
  const t = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let x = w.nextNode(); x; x = w.nextNode()) n += (x as Text).data.length;
  const ms = performance.now() - t;
  (window as unknown as { __sink: number }).__sink = n;
  return { ms, chars: n };
}

/** The floor: one cold TreeWalker pass reading every text node's data, in ms. */
export async function coldFloor(page: Page): Promise<number> {
  return (await page.evaluate(coldRead)).ms;
}

/**
 * The same cold read from an isolated world, where a content script runs: there each node's
 * JavaScript wrapper lives in a per-world map instead of the node itself, so the first touch of a
 * node costs more than in the page's own world (where `coldFloor` reads). Reported beside the
 * floor, not used for the bars.
 */
export async function coldFloorIsolated(page: Page): Promise<number> {
  const { cdp, contextId } = await isolatedWorld(page);
  const r = (await cdp.send('Runtime.evaluate', {
    contextId,
    returnByValue: true,
    expression: `(() => {
      const t = performance.now();
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = 0;
      for (let x = w.nextNode(); x; x = w.nextNode()) n += x.data.length;
      globalThis.__sink = n;
      return performance.now() - t;
    })()`,
  })) as { result: { value: number } };
  await cdp.detach();
  return r.result.value;
}

/** Times a forced layout now. */
export async function forcedLayout(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = performance.now();
    void document.body.offsetHeight;
    return performance.now() - t;
  });
}

/** Median of a list. */
export function median(xs: number[]): number {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** "median (min–max)" with a unit. */
export function fmt(xs: number[], unit = 'ms', digits = 1): string {
  const s = xs.filter((x) => Number.isFinite(x));
  if (s.length === 0) return 'n/a';
  return `${median(s).toFixed(digits)} ${unit} (${Math.min(...s).toFixed(digits)}–${Math.max(...s).toFixed(digits)})`;
}

/**
 * A CDP session on a page and a new isolated world in its main frame: where a content script's
 * code runs, and where DOM access costs more than in the page's own world (diagnostics).
 */
export async function isolatedWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
    frameId: tree.frameTree.frame.id,
    worldName: 'backstory-diag',
  })) as { executionContextId: number };
  return { cdp, contextId: executionContextId };
}

/** A span on the page's timeline, in ms. */
export interface Span {
  start: number;
  duration: number;
}

/** What `settleAndRead` gives for one page load. */
export interface PageScan {
  /** `location.href` when read: a page that navigated away is not the page we served. */
  href: string;
  /** The content script's start mark, or NaN when the content script never ran. */
  started: number;
  /** Every scan chunk (`SCAN_MEASURE`), in order. */
  scans: Span[];
  /** Sums of the chunks' parts (`PHASE_MEASURES`) and of the one body read (`READ_MEASURE`). */
  phases: { locate: number; blocks: number; wrap: number; read: number };
  /** The card warm-up's steps (`WARMUP_STEP_MEASURE`), in ms. */
  warmupSteps: number[];
  /** Whether the whole warm-up (`WARMUP_MEASURE`) was recorded. */
  warmedUp: boolean;
  marks: number;
  /** Marks per entity id (`data-entity`). */
  entities: Record<string, number>;
  /** Long Tasks API entries, when `LONG_TASK_PROBE` was installed (null otherwise). */
  longTasks: Span[] | null;
  /** Milliseconds spent waiting in the page. */
  waitedMs: number;
}

/** Options of `settleAndRead`. */
export interface SettleOptions {
  names: Names;
  /** The scan is over when no chunk came for this long. */
  quietMs: number;
  /** Give up waiting for the start mark or the first chunk after this long. */
  startTimeout: number;
  /** Give up waiting for the scan to settle after this long. */
  timeout: number;
  /** With marks on the page, wait this long at most for the card warm-up to finish. */
  warmupTimeout: number;
}

/**
 * Run in the page right after load: waits until the content script has started and its scan has
 * settled (no chunk for `quietMs`), then, on a page with marks, for the card's idle warm-up; and
 * reads the marks and measures. Polls every 50 ms (`getEntriesByName` only: cheap, so the wait does
 * not compete with the scan). Works with any driver's `evaluate`.
 */
export function settleAndRead(o: SettleOptions): Promise<PageScan> {
  return new Promise<PageScan>((resolve) => {
    const t0 = performance.now();
    const total = (name: string) => performance.getEntriesByName(name).reduce((a, e) => a + e.duration, 0);
    const spans = (name: string) =>
      performance.getEntriesByName(name).map((e) => ({ start: e.startTime, duration: e.duration }));
    const read = (): PageScan => ({
      href: location.href,
      started: performance.getEntriesByName(o.names.start)[0]?.startTime ?? Number.NaN,
      scans: spans(o.names.scan),
      phases: {
        locate: total(o.names.phases.locate),
        blocks: total(o.names.phases.blocks),
        wrap: total(o.names.phases.wrap),
        read: total(o.names.read),
      },
      warmupSteps: spans(o.names.warmupStep).map((s) => s.duration),
      warmedUp: performance.getEntriesByName(o.names.warmup).length > 0,
      marks: document.querySelectorAll(o.names.markTag).length,
      entities: [...document.querySelectorAll(o.names.markTag)].reduce<Record<string, number>>((a, m) => {
        const id = m.getAttribute('data-entity') ?? '?';
        a[id] = (a[id] ?? 0) + 1;
        return a;
      }, {}),
      longTasks: (window as unknown as { __bsLong?: Span[] }).__bsLong?.slice() ?? null,
      waitedMs: performance.now() - t0,
    });
    let count = -1;
    let since = t0;
    let warmSince = -1;
    const tick = () => {
      const now = performance.now();
      if (warmSince < 0) {
        const started = performance.getEntriesByName(o.names.start).length > 0;
        const n = performance.getEntriesByName(o.names.scan).length;
        if (n !== count) {
          count = n;
          since = now;
        }
        const settled = n > 0 && now - since >= o.quietMs;
        const gaveUp = (n === 0 && now - t0 >= (started ? 2 : 1) * o.startTimeout) || now - t0 >= o.timeout;
        if (settled || gaveUp) {
          if (!document.querySelector(o.names.markTag)) return resolve(read());
          warmSince = now;
        }
      } else if (
        performance.getEntriesByName(o.names.warmup).length > 0 ||
        now - warmSince >= o.warmupTimeout
      )
        return resolve(read());
      setTimeout(tick, 50);
    };
    tick();
  });
}

/** Nearest-rank percentile (`p` in 0–100) of the finite values; NaN when there are none. */
export function percentile(xs: number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}
