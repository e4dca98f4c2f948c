import type { Matcher, Mention, PageState } from '../../data/matcher';
import { isCategoryEnabled, type Settings } from '../../data/settings';
import { blockOf, EXCLUDED_SELECTOR, isExcluded, isInline } from './dom-rules';
import { discardPieces, type Restorer, restore, type Segment, wrapMany } from './highlighter';

/** Time one chunk of work may take before yielding, in ms; chunk plus relayout stays under 50 ms. */
export const CHUNK_BUDGET_MS = 8;
/** Characters of page text the matcher probes per step. */
export const TEXT_SLICE = 50_000;
/** Characters of page text the native first look reads per step. */
export const FIRST_LOOK_SLICE = 500_000;
/** Records wrapped together with one mark.js call. */
export const RENDER_BATCH = 24;
/** Text nodes the walk visits per step. */
export const WALK_SLICE = 4_000;
/** Text nodes a read in steps (see `readInSteps`) reads per step: each costs a few µs. */
export const READ_SLICE = 500;
/** The name of the performance measure every chunk of scan work records. */
export const SCAN_MEASURE = 'backstory:scan';
/** Parts of each chunk, measured inside it: reading and first look, blocks, wrapping. */
export const PHASE_MEASURES = {
  locate: 'backstory:scan:locate',
  blocks: 'backstory:scan:blocks',
  wrap: 'backstory:scan:wrap',
} as const;
/** The one `textContent` read of the body, inside `locate` (the bench sets it against the floor). */
export const READ_MEASURE = 'backstory:scan:read';

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
  /** Forgotten (its block changed or left the page): never wrap it again. */
  dropped?: boolean;
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

/** Part of a page's text: its own range [from, to) in `text`, with context either side. */
export interface TextWindow {
  text: string;
  from: number;
  to: number;
  /** The page-text offset of `text`'s first character. */
  base: number;
}

/** Context a window carries before its own range (word starts, numbers near a "§"). */
export const WINDOW_BEFORE = 64;
/** Context a window carries after its own range: room for any alias that starts inside it. */
export const WINDOW_AFTER = 2_048;

/**
 * Windows over a text held as consecutive pieces, each owning about `size` characters, built one
 * at a time as they are asked for, so a huge page's text is never joined into one string
 * (allocating tens of megabytes at once is a long task of its own). A mention that starts in a window ends inside it unless it runs more than
 * WINDOW_AFTER characters past the window's end.
 */
export function* windowsOf(pieces: readonly string[], size: number): Generator<TextWindow, void, void> {
  let start = 0;
  let i = 0;
  let before = '';
  while (i < pieces.length) {
    const own: string[] = [];
    let length = 0;
    while (i < pieces.length && (length < size || length === 0)) {
      own.push(pieces[i] as string);
      length += (pieces[i] as string).length;
      i++;
    }
    let after = '';
    for (let j = i; j < pieces.length && after.length < WINDOW_AFTER; j++) after += pieces[j];
    const body = own.join('');
    yield {
      text: before + body + after.slice(0, WINDOW_AFTER),
      from: before.length,
      to: before.length + length,
      base: start - before.length,
    };
    before = (before + body).slice(-WINDOW_BEFORE);
    start += length;
  }
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
  /** Records found but not wrapped yet. */
  private toRender: SegmentRecord[] = [];
  /** Which phase the current step of `work` is in, for its measure. */
  private phase: string = PHASE_MEASURES.locate;

  constructor(
    private readonly matcher: Matcher,
    private state: PageState,
    private settings: Settings,
    private readonly options: {
      active: () => boolean;
      /**
       * Called around our own DOM writes, so the page's observer can stand aside: records of our
       * writes are never created, which is much cheaper than creating and discarding them.
       */
      beforeWrite?: () => void;
      afterWrite?: () => void;
      /** The marks changed; `added` lists the new ones when that is all that happened. */
      onChange?: (added?: readonly Element[]) => void;
      schedule?: Schedule;
      /**
       * True for a root too large to read with one `textContent` call (a long task): its text is
       * then read node by node, in steps. Slower in total (each node read from JavaScript costs
       * more than the native copy), but no step runs long.
       */
      readInSteps?: (root: Node) => boolean;
    },
  ) {}

  /** Queues a root (the body, or nodes a page added) for scanning in idle-time chunks. */
  scan(root: Node): void {
    this.queue.push(root);
    this.pump();
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

  /**
   * Forgets records whose block the page removed, so detached DOM can be collected
   * (their marks left with them; there is nothing to restore).
   */
  prune(): void {
    for (const b of this.dirty) if (!b.isConnected) this.dirty.delete(b);
    const kept = this.records.filter((r) => r.block.isConnected);
    if (kept.length === this.records.length) return;
    for (const r of this.records)
      if (!r.block.isConnected) {
        this.byBlock.delete(r.block);
        r.dropped = true;
      }
    this.toRender = this.toRender.filter((r) => !r.dropped);
    // Coreference is about what the page shows now: a surname is not explained by a full name the
    // page has removed (a single-page app replacing one story with another).
    this.state.introduced = new Set(
      kept.flatMap((r) => r.mentions.filter((m) => !m.coref).map((m) => m.entity)),
    );
    this.records = kept;
    this.options.onChange?.();
  }

  /** Removes every mark and forgets every mention, putting the page back as it was. */
  clear(): void {
    this.generation++;
    this.queue = [];
    this.toRender = [];
    this.options.beforeWrite?.();
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

  private pump(): void {
    if (this.running) return;
    this.running = true;
    const generation = this.generation;
    const schedule = this.options.schedule ?? defaultSchedule;
    let work: Generator<SegmentRecord[], void, void> | null = null;
    const step = () => {
      if (generation !== this.generation) {
        this.running = false;
        if (this.queue.length) this.pump();
        return;
      }
      const t0 = performance.now();
      const late = () => performance.now() - t0 >= CHUNK_BUDGET_MS;
      // Wrap what earlier steps found first, a few records at a time, then read more.
      while (this.toRender.length && !late()) this.render(this.toRender.splice(0, RENDER_BATCH));
      // One measure per phase and chunk (a measure per block would cost more than the block).
      const spent = { [PHASE_MEASURES.wrap]: performance.now() - t0 } as Record<string, number>;
      while (!late()) {
        if (!work) {
          const root = this.queue.shift();
          if (!root) break;
          work = this.work(root);
        }
        const s0 = performance.now();
        const r = work.next();
        if (r.done) work = null;
        else if (r.value.length) this.toRender.push(...r.value);
        spent[this.phase] = (spent[this.phase] ?? 0) + performance.now() - s0;
      }
      for (const [name, duration] of Object.entries(spent))
        if (duration > 0) performance.measure(name, { start: t0, duration });
      performance.measure(SCAN_MEASURE, { start: t0, end: performance.now() });
      if (!work && this.queue.length === 0 && this.toRender.length === 0) {
        this.running = false;
        return;
      }
      schedule(step);
    };
    step();
  }

  /**
   * The scan of one root, as small steps the pump runs until its time budget is spent:
   * one native read of the text; the matcher's first look over slices of it; a walk that
   * maps candidate offsets to text nodes by length only; then the blocks holding them.
   * A huge root (`readInSteps`) is read node by node instead, and that read does the mapping.
   * Each step yields the records it built (reads only; the pump wraps them).
   */
  private *work(root: Node): Generator<SegmentRecord[], void, void> {
    this.phase = PHASE_MEASURES.locate;
    if (!root.isConnected || !this.options.active()) return;
    // After a read in steps: the first text node of each step and its offset in the page text.
    let read: { node: Text; start: number }[] | null = null;
    let windows: Iterable<TextWindow>;
    if (root.nodeType === 3) {
      const text = (root as Text).data;
      windows = [{ text, from: 0, to: text.length, base: 0 }];
    } else if (this.options.readInSteps?.(root)) {
      read = [];
      // Joined a step at a time: one join of a few hundred thousand strings is a long task.
      const pieces: string[] = [];
      let batch: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let pos = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        // Only one node a step is kept. Keeping every node (420,000 on the 20 MB page) kept their
        // JavaScript wrappers alive, and then some steps took 70–100 ms instead of under 30.
        if (batch.length === 0) read.push({ node: n as Text, start: pos });
        batch.push(data);
        pos += data.length;
        if (batch.length === READ_SLICE) {
          pieces.push(batch.join(''));
          batch = [];
          yield [];
        }
      }
      pieces.push(batch.join(''));
      windows = windowsOf(pieces, FIRST_LOOK_SLICE);
    } else {
      const start = performance.now();
      const text = root.textContent ?? '';
      if (root === root.ownerDocument?.body)
        performance.measure(READ_MEASURE, { start, end: performance.now() });
      windows = [{ text, from: 0, to: text.length, base: 0 }];
    }
    yield [];
    const offsets: number[] = [];
    for (const { text, from: own, to, base } of windows) {
      // The native first look runs over as much text at once as it can (a regex pass costs a few
      // milliseconds a megabyte); the JavaScript that probes its starts runs in slices.
      const starts: number[] | null = this.matcher.looksNatively ? [] : null;
      if (starts)
        for (let from = own; from < to; from += FIRST_LOOK_SLICE) {
          for (const i of this.matcher.firstLook(text, from, Math.min(to, from + FIRST_LOOK_SLICE)) ?? [])
            starts.push(i);
          yield [];
        }
      for (let from = own; from < to; from += TEXT_SLICE) {
        for (const o of this.matcher.candidates(
          text,
          Number.POSITIVE_INFINITY,
          from,
          Math.min(to, from + TEXT_SLICE),
          starts,
        ))
          offsets.push(o + base);
        yield [];
      }
    }
    if (offsets.length === 0) return;
    const hits: Text[] = [];
    if (root.nodeType === 3) hits.push(root as Text);
    else if (read) {
      // Offsets ascend: from the kept node of each offset's step, walk on to the node holding it.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let step = -1;
      let node: Text | null = null;
      let pos = 0;
      let seen = 0;
      for (const o of offsets) {
        let s = step;
        while (s + 1 < read.length && (read[s + 1]?.start as number) <= o) s++;
        if (s !== step) {
          step = s;
          const kept = read[s] as { node: Text; start: number };
          walker.currentNode = kept.node;
          node = kept.node;
          pos = kept.start;
        }
        while (node && pos + node.length <= o) {
          pos += node.length;
          node = walker.nextNode() as Text | null;
          if (++seen % WALK_SLICE === 0) yield [];
        }
        if (node && hits[hits.length - 1] !== node) hits.push(node);
      }
    } else {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let pos = 0;
      let k = 0;
      let seen = 0;
      for (let n = walker.nextNode(); n && k < offsets.length; n = walker.nextNode()) {
        const end = pos + (n as Text).length;
        if ((offsets[k] as number) < end) {
          hits.push(n as Text);
          while (k < offsets.length && (offsets[k] as number) < end) k++;
        }
        pos = end;
        if (++seen % WALK_SLICE === 0) yield [];
      }
    }
    const done = new Set<Element>();
    this.phase = PHASE_MEASURES.blocks;
    for (const node of hits) {
      const block = blockOf(node);
      if (!block || done.has(block)) continue;
      done.add(block);
      yield this.buildBlock(block);
    }
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
    // No computed-style checks (checkVisibility, isContentEditable): after our own writes they
    // force a style recalculation of the whole page. Hidden and editable content is excluded by
    // attributes instead (EXCLUDED_SELECTOR).
    if (isExcluded(block)) return [];
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
    this.options.beforeWrite?.();
    if (restoreText) restore(rec.restorers);
    else discardPieces(rec.restorers);
    for (const r of rec.restorers) this.byNode.delete(r.node);
    rec.restorers = [];
    rec.shown = '';
    rec.key = '';
    rec.dropped = true;
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
    const jobs: { rec: SegmentRecord; want: number[]; key: string }[] = [];
    this.options.beforeWrite?.();
    for (const rec of records) {
      if (rec.dropped) continue;
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
      rec.restorers = [];
      jobs.push({ rec, want, key });
    }
    const wrapped = wrapMany(
      jobs.map(({ rec, want }) => ({
        segment: rec.segment,
        ranges: want.map((i) => {
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
      })),
    );
    const added: Element[] = [];
    jobs.forEach(({ rec, want, key }, j) => {
      rec.restorers = wrapped[j] as Restorer[];
      for (const r of rec.restorers) {
        this.byNode.set(r.node, rec);
        // The pieces are our marks (elements) and the text after them.
        for (const p of r.pieces) if (p.nodeType === 1) added.push(p as Element);
      }
      rec.shown = want.join(',');
      rec.key = key;
    });
    this.options.afterWrite?.();
    if (jobs.length > 0) this.options.onChange?.(added);
  }
}
