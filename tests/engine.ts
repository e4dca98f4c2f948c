import { createPageState, type Matcher, type PageState } from '../data/matcher';
import { defaultSettings } from '../data/settings';
import type { ScanEngine } from '../entrypoints/content/scan/engine';
import { Scanner, type ScannerOptions } from '../entrypoints/content/scan/scanner';
import { wrapMany } from '../entrypoints/content/scan/wrap';

/** A scan engine over a matcher, ready at once (what match-engine.js hands the content script). */
export function engineFor(matcher: Matcher): ScanEngine {
  return { matcher, wrapMany, names: new Map(matcher.entities.map((e) => [e.id, e.name])) };
}

/**
 * A scanner over a matcher as the content script builds one: default settings, active, its
 * engine ready and every chunk run at once, so a scan finishes synchronously. `options`
 * replaces any of these.
 */
export function scannerFor(
  matcher: Matcher,
  options: Partial<ScannerOptions> = {},
  state: PageState = createPageState('en'),
): Scanner {
  return new Scanner(state, {
    probe: matcher.probe,
    engine: engineFor(matcher),
    settings: () => defaultSettings(),
    active: () => true,
    schedule: (fn) => fn(),
    ...options,
  });
}
