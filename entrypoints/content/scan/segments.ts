import { EXCLUDED_SELECTOR, isInline } from '../dom-rules';
import type { Segment } from './highlighter';

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

/** Landmarks and elements around text that is not the page's main text: navigation, sidebars, footers. */
const NOT_MAIN =
  'nav,aside,footer,[role="navigation"],[role="complementary"],[role="contentinfo"],[role="banner"]';

/**
 * True when a block is part of the page's main text. Only main text tells whether a page is
 * about the story: a sidebar's list of other headlines says nothing about the article.
 */
export function isMainText(block: Element): boolean {
  if (block.closest(NOT_MAIN)) return false;
  // A site's header is not main text; an article's own header (its headline) is.
  const header = block.closest('header');
  return !header || header.closest('article,main') !== null;
}
