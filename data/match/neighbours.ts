/**
 * The words right around a hit, folded: what titles and vetoes test. Kept apart from the alias
 * rules because the probe, which every page loads, needs the title test too (see `Probe.live`).
 */
import { foldString, isWordCode } from '../fold';

/** How far back (and forward) `notPrecededBy`, `notFollowedBy` and titles look. */
export const NEIGHBOUR_WINDOW = 48;

/** The folded text just before `start`. */
export function before(text: string, start: number): string {
  return foldString(text.slice(Math.max(0, start - NEIGHBOUR_WINDOW), start));
}

/** True when the folded text ends with one of `words`, as a whole word. */
export function endsWithAny(folded: string, words: readonly string[]): boolean {
  return words.some((w) => {
    if (!folded.endsWith(w)) return false;
    const i = folded.length - w.length - 1;
    return i < 0 || !isWordCode(folded.charCodeAt(i)) || !isWordCode(w.charCodeAt(0));
  });
}

/** True when one of the entity's titles (folded) ends right before the hit ("Attorney General Sessions"). */
export function precededByTitle(text: string, start: number, titles: readonly string[]): boolean {
  return titles.length > 0 && endsWithAny(before(text, start), titles);
}
