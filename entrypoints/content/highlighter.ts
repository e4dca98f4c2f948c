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

/**
 * Wraps the ranges with mark.js (the only code that wraps page text) and returns how to undo it.
 * mark.js splits a text node into [original][mark][rest]; the original node object keeps the
 * first part, so frameworks that hold a reference to it (React, Vue) still hold a live node.
 * We remember every inserted piece instead of relying on mark.js's `unmark`, which calls
 * `normalize()` on the parent and would merge nodes the page owns.
 */
export function wrapRanges(segment: Segment, ranges: WrapRange[]): Restorer[] {
  if (ranges.length === 0) return [];
  const touched: Restorer[] = [];
  const nextOf = new Map<Text, Node | null>();
  segment.nodes.forEach((node, i) => {
    const s = segment.starts[i] as number;
    const e = s + node.length;
    if (ranges.some((r) => r.start < e && r.end > s)) {
      touched.push({ node, data: node.data, pieces: [] });
      nextOf.set(node, node.nextSibling);
    }
  });
  const nodes = touched.map((t) => t.node);
  const offsets = touched.map((t) => segment.starts[segment.nodes.indexOf(t.node)] as number);
  // mark.js sees only the touched nodes, concatenated: shift ranges into that text.
  const shifted: { start: number; length: number; attrs: Record<string, string> }[] = [];
  for (const r of ranges) {
    let start = -1;
    let acc = 0;
    let length = 0;
    for (let i = 0; i < nodes.length; i++) {
      const s = offsets[i] as number;
      const len = (nodes[i] as Text).length;
      const a = Math.max(r.start, s);
      const b = Math.min(r.end, s + len);
      if (a < b) {
        if (start < 0) start = acc + (a - s);
        length = acc + (b - s) - start;
      }
      acc += len;
    }
    if (start >= 0) shifted.push({ start, length, attrs: r.attrs });
  }
  // mark.js walks each context it is given; a text node is its own (and only) text node.
  new Mark(nodes as unknown as HTMLElement[]).markRanges(shifted, {
    element: MARK_TAG,
    each: (el: Element, range: unknown) => {
      el.removeAttribute('data-markjs');
      for (const [k, v] of Object.entries((range as { attrs: Record<string, string> }).attrs))
        el.setAttribute(k, v);
    },
  } as Mark.MarkRangesOptions);
  for (const t of touched) {
    const stop = nextOf.get(t.node) ?? null;
    for (let n = t.node.nextSibling; n && n !== stop; n = n.nextSibling) t.pieces.push(n);
  }
  return touched;
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
