/**
 * The page-safety probe over the driver interface: a main-world probe installed before load that
 * counts mutation records and CSP violations (its source is shared with the benchmarks,
 * tests/bench/page-safety.ts), and the checks the safety and dynamic journeys share.
 */
import { NAME_SHIM, PAGE_PROBE } from '../../bench/page-safety';
import type { Session, Tab } from '../drivers';
import { POLL_MS } from '../drivers/base';
import { GIVE_UP_MS, MARKS_QUIET_MS, OBSERVER_MAX_WAIT_MS } from '../timing';

export { counterScript } from '../../bench/page-safety';

/** Opens a page in a new tab with the probe installed before any page script runs. */
export function openProbed(b: Session, url: string): Promise<Tab> {
  return b.open(url, { initScripts: [NAME_SHIM, PAGE_PROBE] });
}

/** Waits for the page's own script to set `window.__pageDone` (a performance.now() time). */
export async function pageDone(tab: Tab, timeout = 2 * GIVE_UP_MS): Promise<number> {
  await tab.waitForFunction(() => (window as unknown as { __pageDone?: number }).__pageDone, undefined, {
    timeout,
  });
  return tab.evaluate(() => (window as unknown as { __pageDone: number }).__pageDone);
}

/**
 * After the page stopped mutating at `doneAt`, waits until the main-world mutation count has been
 * still for `quietMs` (by default the observer's longest wait: anything of ours comes before it),
 * and returns how long after `doneAt` it last grew (0 if it never did).
 */
export function mutationsSettle(
  tab: Tab,
  doneAt: number,
  quietMs = OBSERVER_MAX_WAIT_MS,
  timeout = GIVE_UP_MS,
): Promise<{ lastGrowthMs: number; total: number }> {
  return tab.evaluate(
    ({ doneAt, quietMs, timeout }) =>
      new Promise<{ lastGrowthMs: number; total: number }>((resolve) => {
        const w = window as unknown as { __mut: number };
        let last = w.__mut;
        let lastChange = doneAt;
        const t0 = performance.now();
        const tick = () => {
          if (w.__mut !== last) {
            last = w.__mut;
            lastChange = performance.now();
          }
          const now = performance.now();
          if (now - Math.max(lastChange, t0) >= quietMs || now - t0 > timeout)
            resolve({ lastGrowthMs: Math.max(0, lastChange - doneAt), total: w.__mut });
          else setTimeout(tick, 25);
        };
        tick();
      }),
    { doneAt, quietMs, timeout },
  );
}

/** The reader's text: the body's innerText plus same-origin frames and open shadow roots. */
export function readAllText(tab: Tab): Promise<string> {
  return tab.evaluate(() => {
    let t = document.body.innerText;
    for (const f of document.querySelectorAll('iframe')) {
      try {
        t += `\n[iframe ${f.id}]\n${f.contentDocument?.body?.innerText ?? ''}`;
      } catch {
        t += '\n[iframe cross-origin]';
      }
    }
    for (const h of document.querySelectorAll('[data-shadow-host]'))
      t += `\n[shadow ${h.id}]\n${(h.shadowRoot as ShadowRoot).textContent}`;
    return t;
  });
}

/** The page's own counter (window.__count, 50 ms a tick), read twice some time apart. */
export async function counterAdvances(tab: Tab, ms = 400): Promise<[number, number]> {
  const read = () => tab.evaluate(() => (window as unknown as { __count: number }).__count);
  const a = await read();
  await tab.sleep(ms);
  return [a, await read()];
}

/** Every mark under `selector` (light DOM) as `entity:text`. */
export function markTexts(tab: Tab, selector = 'body'): Promise<string[]> {
  return tab.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} backstory-mark`)].map(
        (e) => `${e.getAttribute('data-entity')}:${e.textContent}`,
      ),
    selector,
  );
}

/** How many marks the page holds (light DOM). */
export function markCount(tab: Tab, selector = 'backstory-mark'): Promise<number> {
  return tab.evaluate((sel) => document.querySelectorAll(sel).length, selector);
}

/** Waits until the page holds at least `min` marks. */
export function waitForMarks(tab: Tab, min = 1, timeout = GIVE_UP_MS): Promise<void> {
  return tab.waitForFunction((n) => document.querySelectorAll('backstory-mark').length >= n, min, {
    timeout,
  });
}

/** Waits until the number of marks stops changing for `quietMs` (by default twice `MARKS_QUIET_MS`), and returns it. */
export function settle(tab: Tab, quietMs = 2 * MARKS_QUIET_MS, timeout = GIVE_UP_MS): Promise<number> {
  return tab.evaluate(
    ({ quietMs, timeout, pollMs }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        let last = -1;
        let since = performance.now();
        const tick = () => {
          const n = document.querySelectorAll('backstory-mark').length;
          if (n !== last) {
            last = n;
            since = performance.now();
          }
          if (performance.now() - since >= quietMs || performance.now() - t0 > timeout) resolve(n);
          else setTimeout(tick, pollMs);
        };
        tick();
      }),
    { quietMs, timeout, pollMs: POLL_MS },
  );
}

/**
 * The CSP violations the page saw (the probe's `securitypolicyviolation` log), less the one that
 * is the browser's own: Firefox applies the page's CSP to the favicon it fetches for its tab
 * strip (Chromium does not), and the page sees that block too.
 */
export async function pageViolations(tab: Tab): Promise<string[]> {
  const all = await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return all.filter((v) => !/^img-src \S+\/favicon\.ico /.test(v));
}
