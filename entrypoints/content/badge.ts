import { browser } from 'wxt/browser';

/** At most one badge update per this many ms while a scan changes the page. */
export const BADGE_INTERVAL_MS = 250;

/**
 * Tells the background how many mentions the top frame shows, for the toolbar badge. At most
 * one message per BADGE_INTERVAL_MS: the scan changes the page many times a second, and
 * resetting a timer on each change cost more than the update (and delayed it to the end).
 */
export class BadgeReporter {
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `count` reads the number to show; `alive` is false once the extension is gone. */
  constructor(
    private readonly count: () => number,
    private readonly alive: () => boolean,
  ) {}

  /** The count may have changed. */
  changed(): void {
    if (this.timer !== undefined || window !== window.top) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.alive()) return;
      browser.runtime.sendMessage({ type: 'page-count', count: this.count() }).catch(() => undefined);
    }, BADGE_INTERVAL_MS);
  }

  /** Stops a pending update. */
  stop(): void {
    clearTimeout(this.timer);
  }
}
