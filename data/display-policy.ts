/**
 * Which found mentions a page shows: the reader's categories, first-mention mode, and relevance
 * (context names and mentions that lean on the page's topic show only on pages about the story).
 * Pure: the scanner asks it, and the popup's "kept quiet" count comes from the same answers.
 */
import type { Mention } from './matcher';
import { isCategoryEnabled, type Settings } from './settings';

/** What the page itself says about relevance. */
export interface Relevance {
  /** The page has shown it is about the story (see PageState.onTopic). */
  onTopic: boolean;
  /** The reader asked to show the names kept quiet on this page (from the popup). */
  showQuiet: boolean;
}

/** A mention's fate: shown, kept quiet because the page is not about the story, or hidden by settings. */
export type Verdict = 'show' | 'quiet' | 'off';

/** The verdict for one mention, before first-mention mode. */
export function verdict(m: Mention, settings: Settings, page: Relevance): Verdict {
  if (!isCategoryEnabled(settings, m.category)) return 'off';
  if (page.onTopic || page.showQuiet) return 'show';
  // A mention that only the page's topic supports needs the topic, whatever the settings say.
  if (m.weak) return 'quiet';
  if (m.scope === 'context' && !settings.contextEverywhere) return 'quiet';
  return 'show';
}

/**
 * The mentions to show, by record: indexes into each record's mentions. In first-mention mode
 * only the first shown mention of each entity on the page (in record order) is kept.
 */
export function shownIndexes(
  records: readonly (readonly Mention[])[],
  settings: Settings,
  page: Relevance,
): number[][] {
  const seen = new Set<string>();
  return records.map((mentions) =>
    mentions.flatMap((m, i) => {
      if (verdict(m, settings, page) !== 'show') return [];
      if (settings.mode === 'first') {
        if (seen.has(m.entity)) return [];
        seen.add(m.entity);
      }
      return [i];
    }),
  );
}

/** How many mentions of each entity are kept quiet, in order of first appearance. */
export function quietCounts(
  records: readonly (readonly Mention[])[],
  settings: Settings,
  page: Relevance,
): Map<string, { mention: Mention; count: number }> {
  const out = new Map<string, { mention: Mention; count: number }>();
  for (const mentions of records)
    for (const m of mentions) {
      if (verdict(m, settings, page) !== 'quiet') continue;
      const q = out.get(m.entity);
      if (q) q.count++;
      else out.set(m.entity, { mention: m, count: 1 });
    }
  return out;
}
