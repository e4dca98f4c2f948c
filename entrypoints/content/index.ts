import './style.css';
import matchIndex, { prepared } from 'virtual:backstory/match-index';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createPageState, Matcher } from '../../data/matcher';
import type { ContentRequest, PageSummary } from '../../data/messages';
import { isActiveOn, type Settings } from '../../data/settings';
import { onSettingsChanged, readSettings } from '../../data/settings-reader';
import { LazyCard } from './card/lazy-card';
import { PageObserver } from './observer';
import { detectLang, leadingText } from './page/page-lang';
import { jumpTo, summarize } from './page/page-summary';
import { Scanner } from './scanner';

/**
 * Pages whose HTML is larger than this have their text read in steps: one `textContent` of a
 * 20 MB page is a 200 ms task. (The 2 MB bench page, 2.3 MB of HTML, is read at once.)
 */
const HUGE_PAGE_BYTES = 4_000_000;

/** The size of this document's HTML as loaded (0 when the browser does not say). */
function htmlBytes(): number {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.decodedBodySize ?? 0;
}

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    performance.mark('backstory:start');
    let settings: Settings = await readSettings();
    if (ctx.isInvalid) return;
    const host = location.hostname;
    // ctx.isInvalid also notices an extension reload and runs the onInvalidated clean-up.
    const active = () => !ctx.isInvalid && isActiveOn(settings, host);
    const matcher = new Matcher(matchIndex, { prepared });
    const names = new Map(matchIndex.map((e) => [e.id, e.name]));
    const pageState = () =>
      createPageState(detectLang(document.documentElement.lang, () => leadingText(document.body, 4000)));

    // At most one badge update per 250 ms: the scan changes the page many times a second, and
    // resetting a timer on each change cost more than the update (and delayed it to the end).
    let badgeTimer: ReturnType<typeof setTimeout> | undefined;
    const reportCount = () => {
      if (badgeTimer !== undefined) return;
      badgeTimer = setTimeout(() => {
        badgeTimer = undefined;
        if (window !== window.top || ctx.isInvalid) return;
        browser.runtime
          .sendMessage({ type: 'page-count', count: scanner.shown().length })
          .catch(() => undefined);
      }, 250);
    };
    const observer = new PageObserver(
      () => document.body,
      {
        tracks: (n) => scanner.tracks(n),
        pageChanged: (n) => scanner.pageChanged(n),
        markDirty: (n) => scanner.markDirty(n),
        scan: (root) => scanner.scan(root),
        prune: () => scanner.prune(),
      },
      () => !ctx.isInvalid,
    );
    const scanner = new Scanner(matcher, pageState(), settings, {
      active,
      readInSteps: (root) => root === document.body && htmlBytes() > HUGE_PAGE_BYTES,
      beforeWrite: () => observer.pause(),
      afterWrite: () => observer.resume(),
      onChange: (added) => {
        reportCount();
        card.refresh(added);
      },
    });
    const card = new LazyCard({
      settings: () => settings,
      marksFor: (id) => [...document.querySelectorAll(`backstory-mark[data-entity="${CSS.escape(id)}"]`)],
      nameOf: (id) => names.get(id),
    });

    if (document.body) scanner.scan(document.body);
    observer.start();
    card.start();

    const unwatch = onSettingsChanged((next) => {
      const wasActive = active();
      settings = next;
      scanner.applySettings(next);
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
      if (m?.type === 'get-page-summary') {
        if (window !== window.top) return undefined;
        return Promise.resolve<PageSummary>(
          summarize(scanner.shown(), host, active(), (id) => names.get(id) ?? id),
        );
      }
      if (m?.type === 'jump-to') {
        if (window !== window.top) return undefined;
        return Promise.resolve(jumpTo(m.id));
      }
      if (m?.type === 'toggle-keyboard-mode') {
        if (window !== window.top) return undefined;
        return Promise.resolve(card.toggleKeyboardMode());
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      // Page-side clean-up first: it cannot fail. Extension APIs may already throw
      // ("Extension context invalidated") once the extension is gone, so they come last, guarded.
      observer.disconnect();
      card.destroy();
      clearTimeout(badgeTimer);
      // Leave the page as we found it: an orphaned script must not keep marks it cannot explain.
      scanner.clear();
      for (const stop of [() => browser.runtime.onMessage.removeListener(onMessage), unwatch])
        try {
          stop();
        } catch {
          // The extension is gone; its listeners went with it.
        }
    });
  },
});
