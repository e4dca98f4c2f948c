import { quietCounts, type Relevance, shownIndexes } from '../../../data/display-policy';
import type { Matcher, Mention, PageState } from '../../../data/matcher';
import type { Settings } from '../../../data/settings';
import { blockOf, isExcluded } from '../dom-rules';
import { PHASE_MEASURES, SCAN_MEASURE } from '../measures';
import { discardPieces, restore, wrapMany } from './highlighter';
import type { PageChanges } from './observer';
import { RecordStore, type SegmentRecord } from './records';
import { isMainText, segmentsOf } from './segments';
import { FIRST_LOOK_SLICE, nodesAt, readText } from './text-reader';

/** Time one chunk of work may take before yielding, in ms; chunk plus relayout stays under 50 ms. */
export const CHUNK_BUDGET_MS = 8;
/** Characters of page text the matcher probes per step. */
export const TEXT_SLICE = 50_000;
/** Records wrapped together with one mark.js call. */
export const RENDER_BATCH = 24;

/** A mention as shown on the page, for the popup and for navigation. */
export interface ShownMention {
  mention: Mention;
  record: SegmentRecord;
}

type Schedule = (fn: () => void) => void;
type Phase = (typeof PHASE_MEASURES)[keyof typeof PHASE_MEASURES];
/** One step of a scan: the phase it was in, and the records it built (reads only; the pump wraps them). */
interface Step {
  phase: Phase;
  records: SegmentRecord[];
}

const defaultSchedule: Schedule = (fn) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 100 });
  else setTimeout(fn, 0);
};

/** What the scanner needs from the content script. */
export interface ScannerOptions {
  /** The content script's settings (it owns the one copy). */
  settings: () => Settings;
  active: () => boolean;
  /**
   * True for a root too large to read with one `textContent` call (a long task): its text is
   * then read node by node, in steps (see text-reader.ts).
   */
  readInSteps?: (root: Node) => boolean;
  /**
   * The page's observer, stood aside around our own writes so records of them are never made
   * (much cheaper than making and discarding them). `pause` hands back the page's changes it had
   * not delivered yet; the scanner applies them before it writes.
   */
  writes?: { pause(): PageChanges; resume(): void };
  schedule?: Schedule;
}

/**
 * Finds mentions under a root and keeps the page's marks in step with the settings and the
 * page's relevance. It reads the text natively and decides "nothing here" before any per-node
 * work; only blocks that may hold a mention are walked, matched and wrapped.
 */
export class Scanner {
  private readonly records = new RecordStore();
  private dirty = new Set<Element>();
  private seenBlocks = new WeakSet<Element>();
  private queue: Node[] = [];
  private running = false;
  private generation = 0;
  /** Records found but not wrapped yet. */
  private toRender: SegmentRecord[] = [];
  private showQuietNames = false;
  private wasOnTopic = false;
  private writeDepth = 0;
  private readonly marksChanged: ((added?: readonly Element[]) => void)[] = [];

  constructor(
    private readonly matcher: Matcher,
    private state: PageState,
    private readonly options: ScannerOptions,
  ) {}

  /** Hears when marks changed; `added` lists the new ones when that is all that happened. */
  onMarksChanged(listener: (added?: readonly Element[]) => void): void {
    this.marksChanged.push(listener);
  }

  /** Queues a root (the body, or nodes a page added) for scanning in idle-time chunks. */
  scan(root: Node): void {
    this.queue.push(root);
    this.pump();
  }

  /**
   * The page changed: text nodes we had split lose our copies of their old text at once (before
   * the next paint), and their blocks, like every block the page wrote to, are read again later.
   */
  applyPageChanges({ changed, dirty }: PageChanges): void {
    for (const node of changed) {
      const rec = this.records.owner(node);
      if (!rec) continue;
      this.write(() => this.forget(rec, false));
      this.dirty.add(rec.block);
    }
    for (const node of dirty) {
      const b = blockOf(node);
      if (b) this.dirty.add(b);
    }
  }

  /** The settings changed: only records whose shown marks change are touched. */
  settingsChanged(): void {
    this.render(this.records.all);
  }

  /** Shows the names kept quiet on this page (the reader asked, from the popup). */
  showQuiet(): void {
    this.showQuietNames = true;
    this.render(this.records.all);
  }

  /**
   * Forgets records whose block the page removed, so detached DOM can be collected
   * (their marks left with them; there is nothing to restore).
   */
  prune(): void {
    for (const b of this.dirty) if (!b.isConnected) this.dirty.delete(b);
    if (!this.records.prune()) return;
    this.toRender = this.toRender.filter((r) => !r.dropped);
    // Coreference is about what the page shows now: a surname is not explained by a full name the
    // page has removed (a single-page app replacing one story with another).
    this.state.keepIntroduced(
      this.records.all.flatMap((r) => r.mentions.filter((m) => !m.coref && !m.weak).map((m) => m.entity)),
    );
    this.emit();
  }

  /** Removes every mark and forgets every mention, putting the page back as it was. */
  clear(): void {
    this.generation++;
    this.queue = [];
    this.toRender = [];
    this.write(() => {
      for (const r of this.records.all) restore(r.restorers);
    });
    this.records.clear();
    this.seenBlocks = new WeakSet();
    this.dirty.clear();
    this.emit();
  }

  /** Starts over with a new page state (after an in-page navigation). */
  reset(state: PageState): void {
    this.clear();
    this.state = state;
    this.showQuietNames = false;
    this.wasOnTopic = false;
  }

  /** The mentions currently shown, in page order of discovery. */
  shown(): ShownMention[] {
    const out: ShownMention[] = [];
    for (const record of this.records.all) {
      if (!record.block.isConnected) continue;
      for (const i of record.shown ? record.shown.split(',') : [])
        out.push({ mention: record.mentions[Number(i)] as Mention, record });
    }
    return out;
  }

  /** Names found but kept quiet because the page is not about the story, with their counts. */
  quiet(): { mention: Mention; count: number }[] {
    if (!this.options.active()) return [];
    const live = this.records.all.filter((r) => r.block.isConnected).map((r) => r.mentions);
    return [...quietCounts(live, this.options.settings(), this.relevance()).values()];
  }

  private relevance(): Relevance {
    return { onTopic: this.state.onTopic, showQuiet: this.showQuietNames };
  }

  private emit(added?: readonly Element[]): void {
    for (const l of this.marksChanged) l(added);
  }

  /** Runs our DOM writes with the observer stood aside, applying the page's changes first. */
  private write(fn: () => void): void {
    if (this.writeDepth++ === 0 && this.options.writes) {
      const pending = this.options.writes.pause();
      if (pending.changed.length || pending.dirty.length) this.applyPageChanges(pending);
    }
    try {
      fn();
    } finally {
      if (--this.writeDepth === 0) this.options.writes?.resume();
    }
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    const generation = this.generation;
    const schedule = this.options.schedule ?? defaultSchedule;
    let work: Generator<Step, void, void> | null = null;
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
      const spent = new Map<string, number>([[PHASE_MEASURES.wrap, performance.now() - t0]]);
      while (!late()) {
        if (!work) {
          const root = this.queue.shift();
          if (!root) break;
          work = this.work(root);
        }
        const s0 = performance.now();
        const r = work.next();
        if (r.done) work = null;
        else if (r.value.records.length) this.toRender.push(...r.value.records);
        const phase = r.done ? PHASE_MEASURES.blocks : r.value.phase;
        spent.set(phase, (spent.get(phase) ?? 0) + performance.now() - s0);
        // The page has just shown it is about the story: its quiet names may now show.
        if (this.state.onTopic !== this.wasOnTopic) {
          this.wasOnTopic = this.state.onTopic;
          this.toRender = [...this.records.all];
        }
      }
      for (const [name, duration] of spent)
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
   * The scan of one root, as small steps the pump runs until its time budget is spent: one
   * native read of the text (or a read in steps); the matcher's first look over slices of it; a
   * walk that maps candidate offsets to text nodes; then the blocks holding them.
   */
  private *work(root: Node): Generator<Step, void, void> {
    const locate = { phase: PHASE_MEASURES.locate, records: [] };
    if (!root.isConnected || !this.options.active()) return;
    const reading = readText(root, this.options.readInSteps?.(root) ?? false);
    let r = reading.next();
    for (; !r.done; r = reading.next()) yield locate;
    const read = r.value;
    yield locate;
    const offsets: number[] = [];
    for (const { text, from: own, to, base } of read.windows) {
      // The native first look runs over as much text at once as it can (a regex pass costs a few
      // milliseconds a megabyte); the JavaScript that probes its starts runs in slices.
      const starts: number[] | null = this.matcher.looksNatively ? [] : null;
      if (starts)
        for (let from = own; from < to; from += FIRST_LOOK_SLICE) {
          for (const i of this.matcher.firstLook(text, from, Math.min(to, from + FIRST_LOOK_SLICE)) ?? [])
            starts.push(i);
          yield locate;
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
        yield locate;
      }
    }
    if (offsets.length === 0) return;
    const walking = nodesAt(root, offsets, read);
    let w = walking.next();
    for (; !w.done; w = walking.next()) yield locate;
    const done = new Set<Element>();
    for (const node of w.value) {
      const block = blockOf(node);
      if (!block || done.has(block)) continue;
      done.add(block);
      yield { phase: PHASE_MEASURES.blocks, records: this.buildBlock(block) };
    }
  }

  /** Reads one block (never writes): drops its old records if it changed, and matches its segments. */
  private buildBlock(block: Element): SegmentRecord[] {
    const old = this.records.of(block);
    // A block read before and unchanged since gives the same answer: skip it (a second pass adds nothing).
    if (!old && this.seenBlocks.has(block) && !this.dirty.has(block)) return [];
    this.seenBlocks.add(block);
    if (old) {
      if (!this.dirty.has(block) && old.every((r) => r.segment.nodes.every((n) => n.isConnected))) return [];
      this.write(() => {
        for (const r of [...old]) this.forget(r, true);
      });
    }
    this.dirty.delete(block);
    // No computed-style checks (checkVisibility, isContentEditable): after our own writes they
    // force a style recalculation of the whole page. Hidden and editable content is excluded by
    // attributes instead (EXCLUDED_SELECTOR).
    if (isExcluded(block)) return [];
    const main = isMainText(block);
    const fresh: SegmentRecord[] = [];
    for (const segment of segmentsOf(block)) {
      const mentions = this.matcher.find(segment.text, this.state, main);
      if (mentions.length === 0) continue;
      const rec: SegmentRecord = { block, segment, mentions, restorers: [], shown: '', key: '' };
      fresh.push(rec);
      this.records.add(rec);
    }
    return fresh;
  }

  /** Removes a record's marks (restoring the text, or only our pieces when the page changed it). */
  private forget(rec: SegmentRecord, restoreText: boolean): void {
    if (restoreText) restore(rec.restorers);
    else discardPieces(rec.restorers);
    this.records.drop(rec);
  }

  /** Wraps or unwraps so each record shows exactly the mentions the settings and relevance allow. */
  private render(records: readonly SegmentRecord[]): void {
    const settings = this.options.settings();
    const active = this.options.active();
    const page = this.relevance();
    // First-mention mode looks at the whole page: the first shown mention of each entity.
    const firstOf =
      settings.mode === 'first'
        ? new Map(
            shownIndexes(
              this.records.all.map((r) => r.mentions),
              settings,
              page,
            ).map((want, i) => [this.records.all[i] as SegmentRecord, want]),
          )
        : null;
    const jobs: { rec: SegmentRecord; want: number[]; key: string }[] = [];
    for (const rec of records) {
      if (rec.dropped) continue;
      const want = !active
        ? []
        : (firstOf?.get(rec) ?? shownIndexes([rec.mentions], settings, page)[0] ?? []);
      const key = want.length ? `${want.join(',')}|${settings.style}` : '';
      if (key !== rec.key) jobs.push({ rec, want, key });
    }
    if (jobs.length === 0) return;
    const added: Element[] = [];
    this.write(() => {
      for (const { rec } of jobs) {
        restore(rec.restorers);
        this.records.wrapped(rec, []);
      }
      const wrapped = wrapMany(
        jobs.map(({ rec, want }) => ({
          segment: rec.segment,
          ranges: want.map((i) => {
            const m = rec.mentions[i] as Mention;
            const attrs: Record<string, string> = {
              'data-entity': m.entity,
              'data-category': m.category,
              'data-style': settings.style,
            };
            if (m.detail) attrs['data-detail'] = m.detail;
            if (m.coref) attrs['data-coref'] = 'true';
            return { start: m.start, end: m.end, attrs };
          }),
        })),
      );
      jobs.forEach(({ rec, want, key }, j) => {
        const restorers = wrapped[j] ?? [];
        this.records.wrapped(rec, restorers);
        // The pieces are our marks (elements) and the text after them.
        for (const r of restorers) for (const p of r.pieces) if (p.nodeType === 1) added.push(p as Element);
        rec.shown = want.join(',');
        rec.key = key;
      });
    });
    this.emit(added);
  }
}
