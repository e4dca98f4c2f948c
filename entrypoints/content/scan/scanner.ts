import { quietCounts, type Relevance } from '../../../data/display-policy';
import type { Probe } from '../../../data/match/probe';
import type { Mention, PageState } from '../../../data/matcher';
import type { Settings } from '../../../data/settings';
import { blockOf, isExcluded } from '../dom-rules';
import { EngineSlot, type ScanEngine } from './engine';
import { discardPieces, restore } from './highlighter';
import type { PageChanges } from './observer';
import { ChunkPump, type Schedule, type StepResult } from './pump';
import { RecordStore, type SegmentRecord, type ShownMention } from './records';

export type { ShownMention } from './records';

import { MarkRenderer, RENDER_BATCH } from './renderer';
import { type RootScanContext, type Step, scanRoot } from './root-scan';
import { isMainText, segmentsOf } from './segments';

export { CHUNK_BUDGET_MS } from './pump';
export { RENDER_BATCH } from './renderer';

/** What the scanner needs from the content script. */
export interface ScannerOptions {
  /** The first stage, run on every page (it ships with the content script). */
  probe: Probe;
  /** The rest, for pages with candidates: ready, or loaded on first need (see engine.ts). */
  engine: ScanEngine | (() => Promise<ScanEngine>);
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
 * work or any load of the engine; only blocks that may hold a mention are walked and matched.
 */
export class Scanner {
  private readonly records = new RecordStore();
  private readonly renderer: MarkRenderer;
  private readonly pump: ChunkPump;
  private dirty = new Set<Element>();
  private seenBlocks = new WeakSet<Element>();
  private queue: Node[] = [];
  private work: Generator<Step, void, void> | null = null;
  /** Records found but not wrapped yet. */
  private toRender: SegmentRecord[] = [];
  private showQuietNames = false;
  private wasOnTopic = false;
  /**
   * False until some root has a hit that counts: until then, roots whose every hit is gated
   * (context names on a page not about the story, surnames nobody introduced) are only noted in
   * `deferred`, and the engine is not loaded for them. Most pages that name a president are not
   * about the story: this keeps them as cheap as pages that name nothing.
   */
  private opened = false;
  private deferred: Node[] = [];
  private writeDepth = 0;
  private readonly engine: EngineSlot;
  /** What each root's scan needs from this scanner (built once). */
  private readonly rootScan: RootScanContext;
  private readonly marksChanged: ((added?: readonly Element[]) => void)[] = [];

  constructor(
    private state: PageState,
    private readonly options: ScannerOptions,
  ) {
    this.engine = new EngineSlot(options.engine);
    this.rootScan = {
      active: options.active,
      probe: options.probe,
      readInSteps: (root) => options.readInSteps?.(root) ?? false,
      engine: this.engine,
      buildBlock: (block, engine) => this.buildBlock(block, engine),
      gate: () =>
        this.opened ? undefined : { contextShown: options.settings().contextEverywhere, live: false },
      defer: (root) => {
        if (!this.deferred.includes(root)) this.deferred.push(root);
      },
      found: () => this.open(),
    };
    this.renderer = new MarkRenderer({
      records: this.records,
      engine: () => this.engine.ready,
      settings: options.settings,
      active: options.active,
      relevance: () => this.relevance(),
      write: (fn) => this.write(fn),
      changed: (added) => this.emit(added),
    });
    this.pump = new ChunkPump(
      {
        renderBatch: () => {
          if (this.toRender.length === 0) return false;
          this.renderer.render(this.toRender.splice(0, RENDER_BATCH));
          return true;
        },
        step: () => this.step(),
        pending: () => this.toRender.length > 0 || this.queue.length > 0,
      },
      options.schedule,
    );
  }

  /** Hears when marks changed; `added` lists the new ones when that is all that happened. */
  onMarksChanged(listener: (added?: readonly Element[]) => void): void {
    this.marksChanged.push(listener);
  }

  /** The engine once loaded (null before: no page text needed it yet). */
  get loadedEngine(): ScanEngine | null {
    return this.engine.ready;
  }

  /** Queues a root (the body, or nodes a page added) for scanning in idle-time chunks. */
  scan(root: Node): void {
    this.queue.push(root);
    this.pump.start();
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
    if (this.options.settings().contextEverywhere) this.open();
    this.renderer.render(this.records.all);
  }

  /** Shows the names kept quiet on this page (the reader asked, from the popup). */
  showQuiet(): void {
    this.showQuietNames = true;
    this.open();
    this.renderer.render(this.records.all);
  }

  /**
   * Reads every root in full, held-back ones too (the popup counts the names kept quiet), and
   * resolves when the scan has caught up.
   */
  readAll(): Promise<void> {
    this.open();
    return this.pump.whenIdle();
  }

  /** From now on every root is read in full; the roots held back so far are read now. */
  private open(): void {
    if (this.opened) return;
    this.opened = true;
    const roots = this.deferred.filter((r) => r.isConnected);
    this.deferred = [];
    for (const root of roots) this.scan(root);
  }

  /**
   * Forgets records whose block the page removed, so detached DOM can be collected
   * (their marks left with them; there is nothing to restore).
   */
  prune(): void {
    for (const b of this.dirty) if (!b.isConnected) this.dirty.delete(b);
    this.deferred = this.deferred.filter((r) => r.isConnected);
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
    this.queue = [];
    this.work = null;
    this.toRender = [];
    this.write(() => {
      for (const r of this.records.all) restore(r.restorers);
    });
    this.records.clear();
    this.seenBlocks = new WeakSet();
    this.dirty.clear();
    this.deferred = [];
    this.opened = false;
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
    return this.records.shown();
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

  /** One step for the pump: the next step of the current root's scan, or of the next root's. */
  private step(): StepResult | null {
    for (;;) {
      if (!this.work) {
        const root = this.queue.shift();
        if (!root) return null;
        this.work = scanRoot(root, this.rootScan);
      }
      const r = this.work.next();
      if (r.done) {
        this.work = null;
        continue;
      }
      if (r.value.records.length) this.toRender.push(...r.value.records);
      // The page has just shown it is about the story: its quiet names may now show.
      if (this.state.onTopic !== this.wasOnTopic) {
        this.wasOnTopic = this.state.onTopic;
        this.toRender = [...this.records.all];
      }
      return r.value;
    }
  }

  /** Reads one block (never writes): drops its old records if it changed, and matches its segments. */
  private buildBlock(block: Element, engine: ScanEngine): SegmentRecord[] {
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
      const mentions = engine.matcher.find(segment.text, this.state, main);
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
}
