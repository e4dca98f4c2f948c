/**
 * Helpers shared by the page-safety and dynamic-page e2e suites (tests/e2e/safety.test.ts,
 * tests/e2e/dynamic.test.ts): a main-world probe installed before load that counts mutation
 * records and CSP violations, and a way to open a page with it that also collects errors.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/harness';

/** tsx and vitest may compile with keepNames: functions passed to page.evaluate call `__name`. */
export const NAME_SHIM = 'globalThis.__name = (f) => f;';

/**
 * Main-world probe: counts every mutation record under the document (the extension's writes
 * included: the DOM is shared between worlds) and every CSP violation.
 */
export const PAGE_PROBE = `(() => {
  window.__mut = 0;
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
  new MutationObserver((rs) => { window.__mut += rs.length; })
    .observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** A page opened with the probe, and what went wrong on it. */
export interface ProbedPage {
  page: Page;
  errors: string[];
  consoleErrors: string[];
}

/** Opens a page in a new tab with the probe installed before any page script runs. */
export async function openProbed(b: ExtensionBrowser, url: string): Promise<ProbedPage> {
  const page = await b.context.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  await page.addInitScript(NAME_SHIM);
  await page.addInitScript(PAGE_PROBE);
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, consoleErrors };
}

/** Waits for the page's own script to set `window.__pageDone` (a performance.now() time). */
export async function pageDone(page: Page, timeout = 20_000): Promise<number> {
  const h = await page.waitForFunction(
    () => (window as unknown as { __pageDone?: number }).__pageDone,
    undefined,
    {
      timeout,
      polling: 50,
    },
  );
  return (await h.jsonValue()) as number;
}

/**
 * After the page stopped mutating at `doneAt`, waits until the main-world mutation count has been
 * still for `quietMs`, and returns how long after `doneAt` it last grew (0 if it never did).
 */
export async function mutationsSettle(
  page: Page,
  doneAt: number,
  quietMs = 1000,
  timeout = 15_000,
): Promise<{ lastGrowthMs: number; total: number }> {
  return page.evaluate(
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
export async function readAllText(page: Page): Promise<string> {
  return page.evaluate(() => {
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

/** The page's own counter (window.__count), read twice some time apart. */
export async function counterAdvances(page: Page, ms = 400): Promise<[number, number]> {
  const a = await page.evaluate(() => (window as unknown as { __count: number }).__count);
  await page.waitForTimeout(ms);
  const b = await page.evaluate(() => (window as unknown as { __count: number }).__count);
  return [a, b];
}

/** The counter every safety page runs; a nonce lets it run under a strict CSP. */
export function counterScript(nonce = ''): string {
  return `<script${nonce ? ` nonce="${nonce}"` : ''}>window.__count = 0; setInterval(() => { window.__count++; }, 50);</script>`;
}
