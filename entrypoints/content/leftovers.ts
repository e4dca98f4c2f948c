import { CARD_TAG, MARK_TAG } from './dom-rules';
import { START_MARK } from './measures';

/**
 * True when an earlier copy of this content script ran in this document. When Firefox reloads
 * or updates the extension it stops the old script at once (its code never runs again, so it
 * cannot clean up) and runs the new one in the open tab. The start mark sits on the page's
 * performance timeline, which both copies share, so reading it costs nothing on the pages
 * (nearly all) where this is the first copy. Call before marking this copy's own start.
 */
export function earlierCopyRan(): boolean {
  return performance.getEntriesByName(START_MARK).length > 0;
}

/**
 * Takes the page over from a copy of the script that was stopped without cleaning up: removes
 * its card hosts (one may be left hidden mid warm-up, or open) and unwraps its marks, so this
 * copy marks the page afresh with its own dataset and settings, and counts every mark it shows.
 * Unwrapping puts each mark's own text nodes back in its place: the text is the same, and no
 * node is merged, since the old copy's records of which nodes the page owns are gone with it.
 * Marks inside shadow roots are out of reach here and stay (they keep their text).
 * Returns how many marks and cards were removed.
 */
export function removeLeftovers(doc: Document): { marks: number; cards: number } {
  const cards = [...doc.querySelectorAll(CARD_TAG)];
  for (const c of cards) c.remove();
  const marks = [...doc.querySelectorAll(MARK_TAG)];
  for (const m of marks) {
    // An inner mark was already unwrapped into its parent mark, which is handled in turn.
    if (m.parentNode) m.replaceWith(...m.childNodes);
  }
  return { marks: marks.length, cards: cards.length };
}
