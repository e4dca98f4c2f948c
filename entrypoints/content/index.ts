import './style.css';
import probeData from 'virtual:backstory/probe';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { todayIso } from '../../data/as-of';
import { Probe } from '../../data/match/probe';
import { createPageState } from '../../data/matcher';
import type { ContentRequest, PageSummary } from '../../data/messages';
import { isActiveOn } from '../../data/settings';
import { readSettings } from '../../data/settings-reader';
import { BadgeReporter } from './badge';
import { LazyCard } from './card/lazy-card';
import { earlierCopyRan, removeLeftovers } from './leftovers';
import { LiveSettings } from './live-settings';
import { marksOf } from './marks';
import { START_MARK } from './measures';
import { readPageDate } from './page/page-date';
import { detectLang, leadingText } from './page/page-lang';
import { jumpTo, summarize } from './page/page-summary';
import { engineLoader } from './scan/engine';
import { PageObserver } from './scan/observer';
import { Scanner } from './scan/scanner';

/**
 * Pages whose HTML is larger than this have their text read in steps: one `textContent` of a
 * 20 MB page is a 200 ms task. (The 2 MB bench page, 2.3 MB of HTML, is read at once.)
 */
const HUGE_PAGE_BYTES = 4_000_000;

/** How long the popup's summary waits for names held back to be read (see `Scanner.readAll`). */
const SUMMARY_WAIT_MS = 1000;

/** The size of this document's HTML as loaded (0 when the browser does not say). */
function htmlBytes(): number {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.decodedBodySize ?? 0;
}

/** A fresh page state: the page's language now, and its date (or today's) when a rule needs it. */
function pageState() {
  return createPageState(
    () => detectLang(document.documentElement.lang, () => leadingText(document.body, 4000)),
    () => readPageDate(document) ?? todayIso(),
  );
}

/**
 * The page-load flow: read settings; scan the body (scan/); observe the page for changes; load
 * the card's code once marks exist (card/); answer the popup. Every piece is created here, top
 * to bottom, and joined by named events; everything started stops on ctx.onInvalidated.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const takeOver = earlierCopyRan();
    performance.mark(START_MARK);
    const settings = new LiveSettings(await readSettings());
    if (ctx.isInvalid) return;
    const host = location.hostname;
    const alive = () => !ctx.isInvalid;
    // ctx.isInvalid also notices an extension reload and runs the onInvalidated clean-up.
    const active = () => alive() && isActiveOn(settings.current, host);

    const observer = new PageObserver(() => document.body, alive);
    // The probe ships with this script; the rest of the scan (rules, names, mark.js) loads only
    // for page text that may hold a mention.
    const scanner = new Scanner(pageState(), {
      probe: new Probe(probeData),
      engine: engineLoader(),
      settings: () => settings.current,
      active,
      readInSteps: (root) => root === document.body && htmlBytes() > HUGE_PAGE_BYTES,
      writes: observer,
    });
    // Names come with the engine, which is loaded whenever anything was found.
    const nameOf = (id: string) => scanner.loadedEngine?.names.get(id);
    const card = new LazyCard({ settings: () => settings.current, marksFor: marksOf, nameOf });
    const badge = new BadgeReporter(() => scanner.shown().length, alive);

    // Named events, wired in one place.
    observer.on('changed', (changes) => scanner.applyPageChanges(changes));
    observer.on('added', (roots) => {
      for (const root of roots) scanner.scan(root);
    });
    observer.on('rescan', () => document.body && scanner.scan(document.body));
    observer.on('removed', () => scanner.prune());
    scanner.onMarksChanged((added) => {
      badge.changed();
      card.refresh(added);
    });
    settings.onChange((_next, previous) => {
      const wasActive = alive() && isActiveOn(previous, host);
      scanner.settingsChanged();
      card.settingsChanged();
      if (!wasActive && active() && document.body) scanner.scan(document.body);
    });
    // In-page navigation (pushState, popstate): a new article may share the DOM with the old one.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      card.close();
      scanner.reset(pageState());
      if (document.body) scanner.scan(document.body);
    });

    const onMessage = (message: unknown): Promise<unknown> | undefined => {
      const m = message as ContentRequest;
      // Only the top frame answers: it is the page the reader sees.
      if (window !== window.top) return undefined;
      if (m?.type === 'get-page-summary')
        // Names held back on a page not about the story are read now, so the popup can count
        // them as kept quiet; a huge page answers with what is read by then.
        return Promise.race([scanner.readAll(), new Promise((r) => setTimeout(r, SUMMARY_WAIT_MS))]).then(
          (): PageSummary =>
            summarize(scanner.shown(), scanner.quiet(), host, active(), (id) => nameOf(id) ?? id),
        );
      if (m?.type === 'jump-to') return Promise.resolve(jumpTo(m.id));
      if (m?.type === 'toggle-keyboard-mode') return Promise.resolve(card.toggleKeyboardMode());
      if (m?.type === 'show-quiet') {
        scanner.showQuiet();
        return Promise.resolve(true);
      }
      return undefined;
    };

    if (takeOver) {
      const left = removeLeftovers(document);
      if (left.marks + left.cards > 0)
        console.info(
          `Backstory: took the page over from an earlier copy of the extension (${left.marks} marks, ${left.cards} cards removed)`,
        );
    }
    // Chromium leaves a reloaded or updated extension's content script running, orphaned, and
    // WXT's ctx only notices when asked. Ask at the reader's moves that would meet our marks or
    // card, and when the tab comes back into view (the reader was away reloading it): the
    // clean-up below then takes the marks and card off the page before the move reaches them.
    const check = () => void alive();
    ctx.addEventListener(document, 'pointerover', check, { capture: true, passive: true });
    ctx.addEventListener(document, 'focusin', check, { capture: true });
    ctx.addEventListener(document, 'visibilitychange', check);

    if (document.body) scanner.scan(document.body);
    observer.start();
    card.start();
    settings.watch();
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      // Page-side clean-up first: it cannot fail. Extension APIs may already throw
      // ("Extension context invalidated") once the extension is gone, so they come last, guarded.
      observer.disconnect();
      card.destroy();
      badge.stop();
      // Leave the page as we found it: an orphaned script must not keep marks it cannot explain.
      scanner.clear();
      settings.stop();
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // The extension is gone; its listeners went with it.
      }
    });
  },
});
