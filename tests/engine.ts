import type { Matcher } from '../data/matcher';
import type { ScanEngine } from '../entrypoints/content/scan/engine';
import { wrapMany } from '../entrypoints/content/scan/wrap';

/** A scan engine over a matcher, ready at once (what match-engine.js hands the content script). */
export function engineFor(matcher: Matcher): ScanEngine {
  return { matcher, wrapMany, names: new Map(matcher.entities.map((e) => [e.id, e.name])) };
}
