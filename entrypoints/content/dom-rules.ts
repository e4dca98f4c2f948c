/**
 * Which parts of a page may be highlighted. Kept apart from the scanner so tests and the
 * scanner share one definition.
 */

/** Our highlight element. A custom element, so page CSS aimed at `mark` or `span` leaves it alone. */
export const MARK_TAG = 'backstory-mark';
/** The card's host element. */
export const CARD_TAG = 'backstory-card';

/** Never highlighted: form fields, editors, code, non-HTML content and our own UI. */
export const EXCLUDED_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'code',
  'pre',
  'kbd',
  'samp',
  'textarea',
  'select',
  'option',
  'input',
  'button',
  'iframe',
  'object',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="combobox"]',
  '[hidden]',
  '[aria-hidden="true"]',
  MARK_TAG,
  CARD_TAG,
].join(',');

/** Elements that flow inside a line of text: a mention may run across them ("Jeff <b>Sessions</b>"). */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'LABEL',
  'MARK',
  'Q',
  'RUBY',
  'RB',
  'RP',
  'RT',
  'S',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'NOBR',
  'ACRONYM',
]);

/** True for elements that keep text on the same line as their neighbours. */
export function isInline(el: Element): boolean {
  return INLINE.has(el.tagName) || el.tagName === 'BACKSTORY-MARK';
}

/** True when this element, or an ancestor, must never be highlighted. */
export function isExcluded(el: Element): boolean {
  return el.closest(EXCLUDED_SELECTOR) !== null;
}

/** The nearest ancestor that is a block of text (a paragraph, list item, cell, heading …). */
export function blockOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el && isInline(el) && el.parentElement) el = el.parentElement;
  return el;
}
