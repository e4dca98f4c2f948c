/**
 * The shapes of wrapped text, and how to undo a wrap: plain DOM, no mark.js, so the content
 * script can restore a page without loading the wrapping code (wrap.ts).
 */
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
