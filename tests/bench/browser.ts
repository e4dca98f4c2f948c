/**
 * In-page probes for the benchmarks: wait for the scan to settle, read the scan measures, the
 * cold-read floor and the long-task observers installed before load.
 */
import type { CDPSession, Page } from 'playwright-core';

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
    if (!l.getEntries().some((e) => e.name === 'backstory:scan')) return;
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
  /** From the content script's `backstory:start` mark to the end of the last chunk (wall time). */
  startToIdle: number;
}

/**
 * Waits until the extension's scan measures and marks stop changing for `quietMs`, then reads
 * them. `minMeasures` 1 waits for the first pass even on a page with nothing to mark.
 */
export async function waitScan(page: Page, quietMs = 700, timeout = 60_000): Promise<ScanRun> {
  return page.evaluate(
    ({ quietMs, timeout }) =>
      new Promise<ScanRun>((resolve, reject) => {
        const t0 = performance.now();
        let key = '';
        let since = performance.now();
        // Marks change only inside measured chunks, so polling the measures is enough; counting
        // marks every tick (querySelectorAll over a 2 MB page) would compete with the scan.
        const total = (name: string) =>
          performance.getEntriesByName(name).reduce((a, e) => a + e.duration, 0);
        const read = (countMarks: boolean): ScanRun => {
          const es = performance.getEntriesByName('backstory:scan');
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
            marks: countMarks ? document.querySelectorAll('backstory-mark').length : -1,
            phases: {
              locate: total('backstory:scan:locate'),
              blocks: total('backstory:scan:blocks'),
              wrap: total('backstory:scan:wrap'),
              read: total('backstory:scan:read'),
            },
            startToIdle: last
              ? last.startTime +
                last.duration -
                (performance.getEntriesByName('backstory:start')[0]?.startTime ?? Number.NaN)
              : Number.NaN,
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
    { quietMs, timeout },
  );
}

/** The floor: one cold TreeWalker pass reading every text node's data, in ms. */
export async function coldFloor(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = performance.now();
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n = 0;
    for (let x = w.nextNode(); x; x = w.nextNode()) n += (x as Text).data.length;
    const ms = performance.now() - t;
    (window as unknown as { __sink: number }).__sink = n;
    return ms;
  });
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
