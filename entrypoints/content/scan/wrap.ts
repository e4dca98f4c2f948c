import Mark from 'mark.js';
import { MARK_TAG } from '../dom-rules';
import type { Restorer, Segment, WrapRange } from './highlighter';

/**
 * A NodeIterator over a snapshot: the same `nextNode`/`previousNode` answers as
 * `document.createNodeIterator` for a tree that does not change while it is read, which is how
 * mark.js reads (it collects every node before it wraps any).
 *
 * Why: every live NodeIterator stays registered with its document until garbage collection, and
 * the DOM updates each registered iterator on every node removal. mark.js creates one per context
 * and call, and each wrap removes a node, so wrapping 2,000 mentions did about 2,000 × 2,000
 * updates (50 µs a mark instead of 15 in tests/bench/diag-markjs.mts), and the page's own
 * removals stayed slow until the next collection. A TreeWalker is never registered.
 */
export function snapshotIterator(root: Node, whatToShow?: number, filter?: NodeFilter | null): NodeIterator {
  const accept = (n: Node): number =>
    !filter ? NodeFilter.FILTER_ACCEPT : typeof filter === 'function' ? filter(n) : filter.acceptNode(n);
  const nodes: Node[] = [];
  // A TreeWalker never returns its root; a NodeIterator does when the root passes.
  const show = whatToShow ?? 0xffffffff;
  if ((show >> (root.nodeType - 1)) & 1 && accept(root) === NodeFilter.FILTER_ACCEPT) nodes.push(root);
  // mark.js's contexts here are text nodes: with no descendants there is nothing to walk.
  if (root.firstChild) {
    // A NodeIterator treats REJECT as SKIP (it still visits descendants); a TreeWalker would not.
    const walker = document.createTreeWalker(root, whatToShow, (n) => {
      const verdict = accept(n);
      return verdict === NodeFilter.FILTER_REJECT ? NodeFilter.FILTER_SKIP : verdict;
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  }
  let after = -1;
  return {
    nextNode: () => (after + 1 < nodes.length ? (nodes[++after] as Node) : null),
    previousNode: () => (after >= 0 ? (nodes[after--] as Node) : null),
    root,
    whatToShow: show,
    filter: filter ?? null,
    referenceNode: root,
    pointerBeforeReferenceNode: true,
    detach: () => undefined,
  } as NodeIterator;
}

/** Runs `fn` with `document.createNodeIterator` answering from snapshots (see `snapshotIterator`). */
function withSnapshotIterators(fn: () => void): void {
  // An own property on this world's `document`: the page's scripts never see it.
  const doc = document as unknown as { createNodeIterator: typeof snapshotIterator };
  doc.createNodeIterator = snapshotIterator;
  try {
    fn();
  } finally {
    delete (doc as { createNodeIterator?: unknown }).createNodeIterator;
  }
}

/** One segment and the ranges to wrap in it. */
export interface WrapJob {
  segment: Segment;
  ranges: WrapRange[];
}

/**
 * Wraps the ranges of several segments with one mark.js call (the only code that wraps page
 * text) and returns, per job, how to undo it. One call per batch matters: each mark.js instance
 * walks its contexts again, so per-segment instances cost more than the wrapping itself.
 * mark.js splits a text node into [original][mark][rest]; the original node object keeps the
 * first part, so frameworks that hold a reference to it (React, Vue) still hold a live node.
 * We remember every inserted piece instead of relying on mark.js's `unmark`, which calls
 * `normalize()` on the parent and would merge nodes the page owns.
 */
export function wrapMany(jobs: WrapJob[]): Restorer[][] {
  const out: Restorer[][] = jobs.map(() => []);
  const nodes: Text[] = [];
  const nextOf = new Map<Text, Node | null>();
  const shifted: { start: number; length: number; attrs: Record<string, string> }[] = [];
  let base = 0;
  jobs.forEach(({ segment, ranges }, j) => {
    // Never a detached node: mark.js reads each node's parent.
    if (ranges.length === 0 || segment.nodes.some((n) => !n.parentNode)) return;
    // mark.js sees only the touched nodes, concatenated: shift ranges into that text.
    const touched: { node: Text; offset: number; at: number }[] = [];
    let acc = base;
    segment.nodes.forEach((node, i) => {
      const s = segment.starts[i] as number;
      const e = s + node.length;
      if (!ranges.some((r) => r.start < e && r.end > s) || nextOf.has(node)) return;
      touched.push({ node, offset: s, at: acc });
      acc += node.length;
      nodes.push(node);
      nextOf.set(node, node.nextSibling);
      (out[j] as Restorer[]).push({ node, data: node.data, pieces: [] });
    });
    for (const r of ranges) {
      let start = -1;
      let end = -1;
      for (const t of touched) {
        const a = Math.max(r.start, t.offset);
        const b = Math.min(r.end, t.offset + t.node.length);
        if (a >= b) continue;
        if (start < 0) start = t.at + (a - t.offset);
        end = t.at + (b - t.offset);
      }
      if (start >= 0) shifted.push({ start, length: end - start, attrs: r.attrs });
    }
    base = acc;
  });
  if (shifted.length === 0) return out;
  // mark.js walks each context it is given; a text node is its own (and only) text node.
  withSnapshotIterators(() =>
    new Mark(nodes as unknown as HTMLElement[]).markRanges(shifted, {
      element: MARK_TAG,
      each: (el: Element, range: unknown) => {
        el.removeAttribute('data-markjs');
        for (const [k, v] of Object.entries((range as { attrs: Record<string, string> }).attrs))
          el.setAttribute(k, v);
      },
    } as Mark.MarkRangesOptions),
  );
  for (const list of out)
    for (const t of list) {
      const stop = nextOf.get(t.node) ?? null;
      for (let n = t.node.nextSibling; n && n !== stop; n = n.nextSibling) t.pieces.push(n);
    }
  return out;
}
