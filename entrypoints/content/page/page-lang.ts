import type { PageLang } from '../../../data/matcher';

const ES = /\b(el|la|los|las|que|de|del|por|para|con|una|se|según|también|fue)\b/g;
const EN = /\b(the|and|that|with|for|was|were|from|this|which|said|have)\b/g;

/**
 * The page's language: `<html lang>` when it names English or Spanish, otherwise a count of
 * common words in a sample of the text. 'unknown' lets both languages' aliases match.
 */
export function detectLang(htmlLang: string | null | undefined, sample: string | (() => string)): PageLang {
  const l = (htmlLang ?? '').trim().toLowerCase();
  if (l.startsWith('es')) return 'es';
  if (l.startsWith('en')) return 'en';
  const s = (typeof sample === 'string' ? sample : sample()).slice(0, 4000).toLowerCase();
  const es = s.match(ES)?.length ?? 0;
  const en = s.match(EN)?.length ?? 0;
  if (es + en < 8) return 'unknown';
  if (es > en * 2) return 'es';
  if (en > es * 2) return 'en';
  return 'unknown';
}

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * The first `max` characters of a root's text, read node by node: `textContent` would read the
 * whole page (tens of milliseconds on a large one) to keep a few thousand characters.
 */
export function leadingText(root: Node | null, max: number): string {
  if (!root) return '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let n = walker.nextNode(); n && out.length < max; n = walker.nextNode())
    if (!NOT_TEXT.has(n.parentElement?.tagName ?? '')) out += (n as Text).data;
  return out.slice(0, max);
}
