import { MARK_SELECTOR } from '../marks';

/** How long marks must stay unchanged before a refresh reads the new ones. */
export const REFRESH_DEBOUNCE_MS = 30;

/**
 * Hears that marks changed and, once they have been still for REFRESH_DEBOUNCE_MS, hands over
 * the new ones: only those when the scanner named them, every mark on the page otherwise. Why:
 * the scan changes the page many times a second, and reading every mark each time cost about
 * 34 ms of main-thread time over the 2 MB bench page's scan.
 */
export class MarkWatch {
  /** When marks last changed, for the warm-up to wait for a quiet page. */
  lastChange = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Marks added since the last hand-over; null when the next one must read every mark. */
  private pending: Element[] | null = [];

  constructor(private readonly seen: (marks: Iterable<HTMLElement>) => void) {}

  /** Marks changed; `added` names the new ones when that is all that happened. */
  changed(added?: readonly Element[]): void {
    this.lastChange = performance.now();
    if (!added) this.pending = null;
    else if (this.pending) for (const m of added) this.pending.push(m);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const marks = this.pending ?? document.querySelectorAll<HTMLElement>(MARK_SELECTOR);
      this.pending = [];
      this.seen(marks as Iterable<HTMLElement>);
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Cancels a pending hand-over. */
  stop(): void {
    clearTimeout(this.timer);
  }
}
