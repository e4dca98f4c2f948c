import { CARD_TAG, MARK_TAG } from './dom-rules';

/** Quiet time after the last page mutation before added nodes are scanned, in ms. */
export const OBSERVER_DEBOUNCE_MS = 150;
/** Longest a burst of mutations can delay a scan, in ms. */
export const OBSERVER_MAX_WAIT_MS = 1000;
/** Past this many added roots in one batch, one full rescan is cheaper than many small ones. */
export const OBSERVER_FULL_RESCAN_THRESHOLD = 400;

/** What the observer asks of the scanner. */
export interface ObserverTarget {
  tracks(node: Node): boolean;
  pageChanged(node: Text): void;
  markDirty(node: Node): void;
  scan(root: Node): void;
  /** Forgets what the page removed. */
  prune(): void;
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return false;
  return (
    el.tagName === 'BACKSTORY-MARK' ||
    el.tagName === 'BACKSTORY-CARD' ||
    el.closest(`${MARK_TAG},${CARD_TAG}`) !== null
  );
}

/**
 * Watches the page for added text, cheaply: our own writes are dropped with `takeRecords()`,
 * added nodes inside other added nodes are skipped, bursts are debounced, and a large batch
 * becomes one full rescan. Changes to text nodes we split are cleaned up at once, before paint.
 */
export class PageObserver {
  private observer: MutationObserver;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  private pruneSoon = false;
  private paused = 0;
  private stopped = false;

  constructor(
    private readonly root: () => Node | null,
    private readonly target: ObserverTarget,
    /** False once the extension is gone (reloaded or removed): then the observer does nothing. */
    private readonly alive: () => boolean = () => true,
  ) {
    this.observer = new MutationObserver((records) => this.handle(records));
  }

  /** Starts observing the document. */
  start(): void {
    const r = this.root();
    if (r) this.observer.observe(r, { childList: true, subtree: true, characterData: true });
  }

  /**
   * Stands aside while we write to the DOM: the page's pending records are handled first, then
   * observing stops until `resume()`. Calls nest. No page script can run in between, so nothing
   * of the page's is missed.
   */
  pause(): void {
    if (this.paused++ > 0) return;
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    if (pending.length) this.handle(pending);
  }

  /** Observes again after `pause()`. */
  resume(): void {
    if (this.paused === 0 || --this.paused > 0) return;
    if (!this.stopped) this.start();
  }

  /** Stops observing and forgets pending work. */
  disconnect(): void {
    this.stopped = true;
    this.observer.disconnect();
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private handle(records: MutationRecord[]): void {
    if (!this.alive()) return;
    let removed = false;
    for (const rec of records) {
      if (rec.type === 'characterData') {
        if (this.target.tracks(rec.target)) this.target.pageChanged(rec.target as Text);
        if (!isOurs(rec.target)) {
          this.target.markDirty(rec.target);
          this.pending.add(rec.target);
        }
        continue;
      }
      for (const n of rec.removedNodes) {
        removed = true;
        if (this.target.tracks(n)) this.target.pageChanged(n as Text);
      }
      if (isOurs(rec.target)) continue;
      let added = false;
      for (const n of rec.addedNodes) {
        if (isOurs(n) || (n.nodeType !== 1 && n.nodeType !== 3)) continue;
        this.pending.add(n);
        added = true;
      }
      if (added) this.target.markDirty(rec.target);
    }
    this.observer.takeRecords(); // the clean-up above wrote to the DOM
    if (removed) this.pruneSoon = true;
    if (this.pending.size === 0 && !this.pruneSoon) return;
    const now = performance.now();
    if (!this.timer) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(OBSERVER_DEBOUNCE_MS, this.firstPending + OBSERVER_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pruneSoon) {
      this.pruneSoon = false;
      this.target.prune();
    }
    const nodes = [...this.pending].filter((n) => n.isConnected);
    this.pending.clear();
    const root = this.root();
    if (nodes.length > OBSERVER_FULL_RESCAN_THRESHOLD && root) {
      this.target.scan(root);
      return;
    }
    // Skip nodes whose ancestor is also queued: it will be read with the ancestor.
    const set = new Set(nodes);
    for (const n of nodes) {
      let p = n.parentNode;
      let covered = false;
      while (p) {
        if (set.has(p)) {
          covered = true;
          break;
        }
        p = p.parentNode;
      }
      if (!covered) this.target.scan(n.nodeType === 3 ? (n.parentNode ?? n) : n);
    }
  }
}
