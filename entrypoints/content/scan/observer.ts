import { CARD_TAG, MARK_TAG } from '../dom-rules';

/** Quiet time after the last page mutation before added nodes are scanned, in ms. */
export const OBSERVER_DEBOUNCE_MS = 150;
/** Longest a burst of mutations can delay a scan, in ms. */
export const OBSERVER_MAX_WAIT_MS = 1000;
/** Past this many added roots in one batch, one full rescan is cheaper than many small ones. */
export const OBSERVER_FULL_RESCAN_THRESHOLD = 400;

/** Page changes that need handling at once: text nodes the page changed or removed, and nodes it wrote to. */
export interface PageChanges {
  /** Text nodes whose data the page changed, and nodes it removed (some may be nodes we split). */
  changed: Node[];
  /** Nodes whose block the page changed (its next scan reads it again). */
  dirty: Node[];
}

/** What the observer reports, as named events. */
export interface ObserverEvents {
  /** Changes to handle at once (before the next paint). */
  changed: (changes: PageChanges) => void;
  /** Roots the page added, debounced, to scan. */
  added: (roots: Node[]) => void;
  /** So many roots were added that one full rescan is cheaper. */
  rescan: () => void;
  /** The page removed nodes: forget what went with them. */
  removed: () => void;
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
 * Watches the page for added text, cheaply: added nodes inside other added nodes are skipped,
 * bursts are debounced, and a large batch becomes one full rescan. It reports what it sees as
 * events and never calls into the scanner itself, so the scanner is never re-entered while it
 * writes: around our own writes `pause()` hands the page's undelivered changes back instead.
 */
export class PageObserver {
  private observer: MutationObserver;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  private pruneSoon = false;
  private paused = 0;
  private stopped = false;
  private readonly listeners: { [K in keyof ObserverEvents]: ObserverEvents[K][] } = {
    changed: [],
    added: [],
    rescan: [],
    removed: [],
  };

  constructor(
    private readonly root: () => Node | null,
    /** False once the extension is gone (reloaded or removed): then the observer does nothing. */
    private readonly alive: () => boolean = () => true,
  ) {
    this.observer = new MutationObserver((records) => {
      const changes = this.take(records);
      if (changes.changed.length || changes.dirty.length) for (const l of this.listeners.changed) l(changes);
      // The listeners' clean-up wrote to the DOM (stood aside through pause/resume, or not).
      this.observer.takeRecords();
    });
  }

  /** Subscribes to one of the observer's events. */
  on<K extends keyof ObserverEvents>(event: K, listener: ObserverEvents[K]): void {
    this.listeners[event].push(listener);
  }

  /** Starts observing the document. */
  start(): void {
    const r = this.root();
    if (r) this.observer.observe(r, { childList: true, subtree: true, characterData: true });
  }

  /**
   * Stands aside while we write to the DOM: observing stops until `resume()`, and the page's
   * records not delivered yet come back as changes for the writer to apply first. Calls nest.
   * No page script can run in between, so nothing of the page's is missed.
   */
  pause(): PageChanges {
    if (this.paused++ > 0) return { changed: [], dirty: [] };
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    return this.take(pending);
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

  /** Sorts records: what needs handling now is returned; added roots wait for the debounce. */
  private take(records: MutationRecord[]): PageChanges {
    const changes: PageChanges = { changed: [], dirty: [] };
    if (!this.alive() || records.length === 0) return changes;
    let removed = false;
    for (const rec of records) {
      if (rec.type === 'characterData') {
        changes.changed.push(rec.target);
        if (!isOurs(rec.target)) {
          changes.dirty.push(rec.target);
          this.pending.add(rec.target);
        }
        continue;
      }
      for (const n of rec.removedNodes) {
        removed = true;
        changes.changed.push(n);
      }
      if (isOurs(rec.target)) continue;
      let added = false;
      for (const n of rec.addedNodes) {
        if (isOurs(n) || (n.nodeType !== 1 && n.nodeType !== 3)) continue;
        this.pending.add(n);
        added = true;
      }
      if (added) changes.dirty.push(rec.target);
    }
    if (removed) this.pruneSoon = true;
    if (this.pending.size > 0 || this.pruneSoon) this.later();
    return changes;
  }

  private later(): void {
    const now = performance.now();
    if (!this.timer) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(OBSERVER_DEBOUNCE_MS, this.firstPending + OBSERVER_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.alive()) return;
    if (this.pruneSoon) {
      this.pruneSoon = false;
      for (const l of this.listeners.removed) l();
    }
    const nodes = [...this.pending].filter((n) => n.isConnected);
    this.pending.clear();
    if (nodes.length > OBSERVER_FULL_RESCAN_THRESHOLD && this.root()) {
      for (const l of this.listeners.rescan) l();
      return;
    }
    // Skip nodes whose ancestor is also queued: it will be read with the ancestor.
    const set = new Set(nodes);
    const roots: Node[] = [];
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
      if (!covered) roots.push(n.nodeType === 3 ? (n.parentNode ?? n) : n);
    }
    if (roots.length) for (const l of this.listeners.added) l(roots);
  }
}
