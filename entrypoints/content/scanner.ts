import type { Matcher, Mention, PageState } from '../../data/matcher';
import { isCategoryEnabled, type Settings } from '../../data/settings';
import { blockOf, EXCLUDED_SELECTOR, isExcluded, isInline } from './dom-rules';
import { discardPieces, type Restorer, restore, type Segment, wrapRanges } from './highlighter';

/** Time one chunk of work may take before yielding, in ms; chunk plus relayout stays under 50 ms. */
export const CHUNK_BUDGET_MS = 8;
/** The name of the performance measure every chunk of scan work records. */
export const SCAN_MEASURE = 'backstory:scan';

/** One segment of text with the mentions found in it and what is currently wrapped. */
interface SegmentRecord {
  block: Element;
  segment: Segment;
  mentions: Mention[];
  restorers: Restorer[];
  /** Indexes of the mentions wrapped now, comma-separated. */
  shown: string;
  /** `shown` plus the style they were wrapped with; '' when nothing is wrapped. */
  key: string;
}

/** A mention as shown on the page, for the popup and for navigation. */
export interface ShownMention {
  mention: Mention;
  record: SegmentRecord;
}

type Schedule = (fn: () => void) => void;

const defaultSchedule: Schedule = (fn) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 100 });
  else setTimeout(fn, 0);
};

/** Builds the segments of one block: runs of text split at <br>, excluded elements and nested blocks. */
export function segmentsOf(block: Element): Segment[] {
  const out: Segment[] = [];
  let cur: Segment = { nodes: [], starts: [], text: '' };
  const flush = () => {
    if (cur.nodes.length && cur.text.trim()) out.push(cur);
    cur = { nodes: [], starts: [], text: '' };
  };
  const visit = (parent: Node) => {
    for (let c = parent.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const t = c as Text;
        if (t.length === 0) continue;
        cur.nodes.push(t);
        cur.starts.push(cur.text.length);
        cur.text += t.data;
      } else if (c.nodeType === 1) {
        const el = c as Element;
        if (el.tagName === 'BR' || el.matches(EXCLUDED_SELECTOR)) flush();
        else if (isInline(el)) visit(el);
        // A nested block has segments of its own.
      }
    }
  };
  visit(block);
  flush();
  return out;
}

/**
 * Finds mentions under a root and keeps the page's marks in step with the settings.
 * It reads the page's text with one `textContent` call and decides "nothing here" before any
 * per-node work; only blocks that may hold a mention are walked, matched and wrapped.
 */
export class Scanner {
  private records: SegmentRecord[] = [];
  private byBlock = new Map<Element, SegmentRecord[]>();
  private byNode = new WeakMap<Text, SegmentRecord>();
  private dirty = new Set<Element>();
  private seenBlocks = new WeakSet<Element>();
  private queue: Node[] = [];
  private running = false;
  private generation = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly matcher: Matcher,
    private state: PageState,
    private settings: Settings,
    private readonly options: {
      active: () => boolean;
      /** Called after our own DOM writes, so the observer can drop the records they caused. */
      afterWrite?: () => void;
      onChange?: () => void;
      schedule?: Schedule;
    },
  ) {}

  /** Queues a root (the body, or nodes a page added) for scanning in idle-time chunks. */
  scan(root: Node): void {
    this.queue.push(root);
    this.pump();
  }

  /** Resolves when every queued scan has finished. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Marks the block holding a node as changed, so its next scan rebuilds it. */
  markDirty(node: Node): void {
    const b = blockOf(node);
    if (b) this.dirty.add(b);
  }

  /** True when the node is one we split, so a change to it by the page needs handling. */
  tracks(node: Node): boolean {
    return node.nodeType === 3 && this.byNode.has(node as Text);
  }

  /**
   * The page changed or removed a text node we had split: remove our copies of its old text at
   * once (before the next paint), and rescan its block later.
   */
  pageChanged(node: Text): void {
    const rec = this.byNode.get(node);
    if (!rec) return;
    this.dropRecord(rec, false);
    this.dirty.add(rec.block);
  }

  /** Applies new settings: only records whose shown marks change are touched. */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.render(this.records);
  }

  /** Removes every mark and forgets every mention, putting the page back as it was. */
  clear(): void {
    this.generation++;
    this.queue = [];
    for (const r of this.records) restore(r.restorers);
    this.records = [];
    this.byBlock.clear();
    this.byNode = new WeakMap();
    this.seenBlocks = new WeakSet();
    this.dirty.clear();
    this.options.afterWrite?.();
    this.options.onChange?.();
  }

  /** Starts over with a new page state (after an in-page navigation). */
  reset(state: PageState): void {
    this.clear();
    this.state = state;
  }

  /** The mentions currently shown, in page order of discovery. */
  shown(): ShownMention[] {
    const out: ShownMention[] = [];
    for (const record of this.records) {
      if (!record.block.isConnected) continue;
      for (const i of record.shown ? record.shown.split(',') : [])
        out.push({ mention: record.mentions[Number(i)] as Mention, record });
    }
    return out;
  }

  /** Every mention found, shown or not (used when a category is switched back on). */
  found(): Mention[] {
    return this.records.flatMap((r) => r.mentions);
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    const generation = this.generation;
    const schedule = this.options.schedule ?? defaultSchedule;
    let hits: Text[] = [];
    let done = new Set<Element>();
    const step = () => {
      if (generation !== this.generation) {
        this.running = false;
        if (this.queue.length) this.pump();
        else this.settle();
        return;
      }
      const t0 = performance.now();
      if (hits.length === 0) {
        const root = this.queue.shift();
        if (!root) {
          this.running = false;
          this.settle();
          return;
        }
        hits = this.locate(root);
        done = new Set();
      } else {
        const fresh: SegmentRecord[] = [];
        while (hits.length && performance.now() - t0 < CHUNK_BUDGET_MS) {
          const node = hits.shift() as Text;
          const block = blockOf(node);
          if (!block || done.has(block)) continue;
          done.add(block);
          fresh.push(...this.buildBlock(block));
        }
        this.render(fresh);
      }
      performance.measure(SCAN_MEASURE, { start: t0, end: performance.now() });
      schedule(step);
    };
    step();
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** One native read of the text, the automaton over it, then the text nodes that may hold a mention. */
  private locate(root: Node): Text[] {
    if (!root.isConnected || !this.options.active()) return [];
    const text = root.nodeType === 3 ? (root as Text).data : (root.textContent ?? '');
    const offsets = this.matcher.candidates(text);
    if (offsets.length === 0) return [];
    if (root.nodeType === 3) return [root as Text];
    const hits: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let pos = 0;
    let k = 0;
    for (let n = walker.nextNode(); n && k < offsets.length; n = walker.nextNode()) {
      const end = pos + (n as Text).length;
      if ((offsets[k] as number) < end) {
        hits.push(n as Text);
        while (k < offsets.length && (offsets[k] as number) < end) k++;
      }
      pos = end;
    }
    return hits;
  }

  /** Reads one block (never writes): drops its old records if it changed, and matches its segments. */
  private buildBlock(block: Element): SegmentRecord[] {
    const old = this.byBlock.get(block);
    // A block read before and unchanged since gives the same answer: skip it (a second pass adds nothing).
    if (!old && this.seenBlocks.has(block) && !this.dirty.has(block)) return [];
    this.seenBlocks.add(block);
    if (old) {
      if (!this.dirty.has(block) && old.every((r) => r.segment.nodes.every((n) => n.isConnected))) return [];
      for (const r of old) this.dropRecord(r, true);
    }
    this.dirty.delete(block);
    if (isExcluded(block) || (block.checkVisibility && !block.checkVisibility())) return [];
    const fresh: SegmentRecord[] = [];
    for (const segment of segmentsOf(block)) {
      const mentions = this.matcher.find(segment.text, this.state);
      if (mentions.length === 0) continue;
      const rec: SegmentRecord = { block, segment, mentions, restorers: [], shown: '', key: '' };
      fresh.push(rec);
      this.records.push(rec);
      const list = this.byBlock.get(block) ?? [];
      list.push(rec);
      this.byBlock.set(block, list);
    }
    return fresh;
  }

  private dropRecord(rec: SegmentRecord, restoreText: boolean): void {
    if (restoreText) restore(rec.restorers);
    else discardPieces(rec.restorers);
    for (const r of rec.restorers) this.byNode.delete(r.node);
    rec.restorers = [];
    rec.shown = '';
    rec.key = '';
    this.records = this.records.filter((r) => r !== rec);
    const list = this.byBlock.get(rec.block)?.filter((r) => r !== rec) ?? [];
    if (list.length) this.byBlock.set(rec.block, list);
    else this.byBlock.delete(rec.block);
    this.options.afterWrite?.();
  }

  /** Wraps or unwraps so each record shows exactly the mentions the settings allow. */
  private render(records: SegmentRecord[]): void {
    const active = this.options.active();
    const firstOnly = this.settings.mode === 'first';
    const firstSeen = new Map<string, SegmentRecord>();
    const firstIndex = new Map<string, number>();
    if (firstOnly)
      for (const r of this.records)
        r.mentions.forEach((m, i) => {
          if (!firstSeen.has(m.entity) && isCategoryEnabled(this.settings, m.category)) {
            firstSeen.set(m.entity, r);
            firstIndex.set(m.entity, i);
          }
        });
    let wrote = false;
    for (const rec of records) {
      const want: number[] = [];
      if (active)
        rec.mentions.forEach((m, i) => {
          if (!isCategoryEnabled(this.settings, m.category)) return;
          if (firstOnly && (firstSeen.get(m.entity) !== rec || firstIndex.get(m.entity) !== i)) return;
          want.push(i);
        });
      const key = want.length ? `${want.join(',')}|${this.settings.style}` : '';
      if (key === rec.key) continue;
      restore(rec.restorers);
      for (const r of rec.restorers) this.byNode.delete(r.node);
      rec.restorers = wrapRanges(
        rec.segment,
        want.map((i) => {
          const m = rec.mentions[i] as Mention;
          const attrs: Record<string, string> = {
            'data-entity': m.entity,
            'data-category': m.category,
            'data-style': this.settings.style,
          };
          if (m.detail) attrs['data-detail'] = m.detail;
          if (m.coref) attrs['data-coref'] = 'true';
          return { start: m.start, end: m.end, attrs };
        }),
      );
      for (const r of rec.restorers) this.byNode.set(r.node, rec);
      rec.shown = want.join(',');
      rec.key = key;
      wrote = true;
    }
    if (wrote) {
      this.options.afterWrite?.();
      this.options.onChange?.();
    }
  }
}
