import Mark from 'mark.js';
import { MARK_TAG } from './dom-rules';

/** A run of text nodes read as one line of text, with each node's offset in `text`. */
export interface Segment {
  nodes: Text[];
  starts: number[];
  text: string;
}

/** A span to wrap, in segment offsets, and the attributes its marks get. */
export interface WrapRange {
  start: number;
  end: number;
  attrs: Record<string, string>;
}

/** Enough to put one split text node back exactly as it was. */
export interface Restorer {
  node: Text;
  data: string;
  /** Nodes mark.js inserted after `node` when it split it: marks and the text after them. */
  pieces: Node[];
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
    if (ranges.length === 0) return;
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
  new Mark(nodes as unknown as HTMLElement[]).markRanges(shifted, {
    element: MARK_TAG,
    each: (el: Element, range: unknown) => {
      el.removeAttribute('data-markjs');
      for (const [k, v] of Object.entries((range as { attrs: Record<string, string> }).attrs))
        el.setAttribute(k, v);
    },
  } as Mark.MarkRangesOptions);
  for (const list of out)
    for (const t of list) {
      const stop = nextOf.get(t.node) ?? null;
      for (let n = t.node.nextSibling; n && n !== stop; n = n.nextSibling) t.pieces.push(n);
    }
  return out;
}

/** Puts text nodes back as they were: original data in the original node, pieces removed. */
export function restore(restorers: Restorer[]): void {
  for (const r of restorers) {
    for (const p of r.pieces) p.parentNode?.removeChild(p);
    if (r.node.data !== r.data) r.node.data = r.data;
  }
}

/**
 * Removes our pieces after the page itself changed or removed the original node: the page's
 * new text stays as the page set it, and our copies of the old text go.
 */
export function discardPieces(restorers: Restorer[]): void {
  for (const r of restorers) for (const p of r.pieces) p.parentNode?.removeChild(p);
}
