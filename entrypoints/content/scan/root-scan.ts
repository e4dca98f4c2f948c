import type { CandidateGate, Probe } from '../../../data/match/probe';
import { blockOf } from '../dom-rules';
import { PHASE_MEASURES } from '../measures';
import type { EngineSlot, ScanEngine } from './engine';
import type { StepResult } from './pump';
import type { SegmentRecord } from './records';
import { locate, nodesAt } from './text-reader';

/** One step of a scan: its measure, and the records it built (reads only; the pump wraps them). */
export interface Step extends StepResult {
  records: SegmentRecord[];
}

/** What the scan of one root needs from its scanner. */
export interface RootScanContext {
  active: () => boolean;
  probe: Probe;
  /** True for a root to read node by node, in steps (see text-reader.ts). */
  readInSteps: (root: Node) => boolean;
  engine: EngineSlot;
  /** Reads one block (never writes) and returns its new records. */
  buildBlock: (block: Element, engine: ScanEngine) => SegmentRecord[];
  /** The gate for this root's hits, or undefined when every hit counts (see `PatternGate`). */
  gate: () => CandidateGate | undefined;
  /** No hit of the root can count yet: it is read in full later, if the page needs it. */
  defer: (root: Node) => void;
  /** The root has hits that count: from now on every root is read in full. */
  found: () => void;
}

/**
 * The scan of one root, as small steps the pump runs until its time budget is spent: one
 * native read of the text (or a read in steps); the first look and the probe's candidates over
 * it; then (with the engine, loaded only now) a walk that maps candidate offsets to text nodes,
 * and the blocks holding them.
 */
export function* scanRoot(root: Node, ctx: RootScanContext): Generator<Step, void, void> {
  const waiting: Step = { phase: PHASE_MEASURES.locate, records: [] };
  if (!root.isConnected || !ctx.active()) return;
  const gate = ctx.gate();
  const { read, offsets } = yield* locate(root, ctx.probe, ctx.readInSteps(root), gate);
  if (offsets.length === 0) return;
  if (gate && !gate.live) {
    ctx.defer(root);
    return;
  }
  ctx.found();
  // Only now, with text that may hold a mention, is the rest of the scan needed.
  if (!ctx.engine.ready && ctx.engine.loadable) yield { ...waiting, wait: ctx.engine.load() };
  const engine = ctx.engine.ready;
  if (!engine) return;
  const walking = nodesAt(root, offsets, read);
  let w = walking.next();
  for (; !w.done; w = walking.next()) yield waiting;
  const done = new Set<Element>();
  for (const node of w.value) {
    const block = blockOf(node);
    if (!block || done.has(block)) continue;
    done.add(block);
    yield { phase: PHASE_MEASURES.blocks, records: ctx.buildBlock(block, engine) };
  }
}
