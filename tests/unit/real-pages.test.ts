import { describe, expect, test } from 'vitest';
import { realMatchIndex } from '../eval/corpus';
import { pageMatcher, scanPage } from '../eval/real-page-scan';
import { loadRealPages, ON_TOPIC } from '../real-pages';

/**
 * The extension's real scan (happy-dom, page scripts off) over 169 saved pages from news sites,
 * blogs and reference sites that are not about the story: names there are right but the pages
 * are wrong, so the bar is at most one highlight per ten pages.
 */
describe('unrelated real pages stay quiet', () => {
  const pages = loadRealPages().filter((p) => !ON_TOPIC.has(p.name));
  const matcher = pageMatcher(realMatchIndex());
  const results = pages.map((p) => ({ name: p.name, ...scanPage(p.html, matcher) }));

  test('the corpus is big enough to mean something', () => {
    expect(pages.length).toBeGreaterThanOrEqual(100);
  });

  test('at most 1 highlight per 10 pages', () => {
    const noisy = results.filter((r) => r.marks.length > 0);
    const total = noisy.reduce((n, r) => n + r.marks.length, 0);
    expect(
      total,
      noisy.map((r) => `${r.name}: ${r.marks.map((m) => `${m.text}→${m.entity}`).join(', ')}`).join('\n'),
    ).toBeLessThanOrEqual(pages.length / 10);
  });

  test('none of them is taken for a page about the story', () => {
    expect(results.filter((r) => r.onTopic).map((r) => r.name)).toEqual([]);
  });

  test('their context names are found but kept quiet (what the popup offers to show)', () => {
    expect(results.reduce((n, r) => n + r.quiet, 0)).toBeGreaterThan(100);
  });
});
