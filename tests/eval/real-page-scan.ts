/**
 * Runs the content script's real scan (Scanner, matcher, relevance, mark.js) over a saved page
 * in happy-dom, with the page's scripts off, and returns the marks it would show. This is what
 * `npm run eval` and the relevance test count on pages that are not about the story.
 */
import { Window } from 'happy-dom';
import { todayIso } from '../../data/as-of';
import { createPageState, Matcher } from '../../data/matcher';
import { defaultSettings, type Settings } from '../../data/settings';
import type { MatchEntity } from '../../data/types';
import { readPageDate } from '../../entrypoints/content/page/page-date';
import { detectLang, leadingText } from '../../entrypoints/content/page/page-lang';
import { scannerFor } from '../engine';

/** One mark a page would show. */
export interface PageMark {
  entity: string;
  category: string;
  text: string;
}

const GLOBALS = [
  'window',
  'document',
  'NodeFilter',
  'NodeList',
  'HTMLCollection',
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'CSS',
] as const;

/** Runs `fn` with happy-dom's window as the global DOM (what the content script expects). */
function withWindow<T>(win: Window, fn: () => T): T {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = GLOBALS.map((k) => [k, g[k]] as const);
  const w = win as unknown as Record<string, unknown>;
  for (const k of GLOBALS) g[k] = k === 'window' ? win : w[k];
  try {
    return fn();
  } finally {
    for (const [k, v] of saved) g[k] = v;
  }
}

/**
 * The marks the extension would show on a page: its language and date read as the content script
 * reads them, the body scanned to the end, then every mark collected.
 */
export function scanPage(
  html: string,
  matcher: Matcher,
  settings: Settings = defaultSettings(),
): { marks: PageMark[]; quiet: number; onTopic: boolean } {
  const win = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  try {
    return withWindow(win, () => {
      const doc = win.document as unknown as Document;
      doc.write(html);
      const state = createPageState(
        detectLang(doc.documentElement.lang, () => leadingText(doc.body, 4000)),
        () => readPageDate(doc) ?? todayIso(),
      );
      const scanner = scannerFor(matcher, { settings: () => settings }, state);
      if (doc.body) scanner.scan(doc.body);
      const marks = [...doc.querySelectorAll('backstory-mark')].map((m) => ({
        entity: m.getAttribute('data-entity') ?? '',
        category: m.getAttribute('data-category') ?? '',
        text: m.textContent ?? '',
      }));
      // What the popup does: read the roots held back (names that cannot show here), then count.
      void scanner.readAll();
      const quiet = scanner.quiet().reduce((n, q) => n + q.count, 0);
      return { marks, quiet, onTopic: state.onTopic };
    });
  } finally {
    void win.happyDOM.close();
  }
}

/** A matcher over an index, for many pages. */
export function pageMatcher(index: MatchEntity[]): Matcher {
  return new Matcher(index);
}
