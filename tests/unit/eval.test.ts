import { describe, expect, test } from 'vitest';
import { createPageState, Matcher } from '../../data/matcher';
import {
  evaluate,
  evaluateCorpus,
  loadCorpus,
  loadNegatives,
  parseParagraph,
  rates,
  realMatchIndex,
} from '../eval/corpus';

const index = realMatchIndex();

describe('detection over the annotated corpora', () => {
  test('the corpora are big enough to mean something', () => {
    for (const corpus of ['dev', 'blind'] as const) {
      const articles = loadCorpus(corpus);
      expect(articles.length, corpus).toBeGreaterThanOrEqual(8);
      expect(articles.filter((a) => a.lang === 'es').length, corpus).toBeGreaterThanOrEqual(2);
    }
    expect(loadNegatives().length).toBeGreaterThanOrEqual(60);
  });

  // Scored inside the tests, not while the file loads: mutation testing credits a test only with
  // the code that runs inside it.
  test.each([
    ['dev corpus and negatives', () => evaluate(index)],
    ['blind corpus', () => evaluateCorpus('blind', index)],
  ] as const)('%s: precision ≥ 0.97 and recall ≥ 0.93', (_name, score) => {
    const { total, falseAlarms, misses } = score();
    const { precision, recall } = rates(total);
    expect.soft(precision, falseAlarms.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect.soft(recall, misses.join('\n')).toBeGreaterThanOrEqual(0.93);
  });
});

/**
 * Every negative sentence, one test each, so that no rule (a veto, the other-name rule, a
 * context rule) can be dropped without a named failure: alone, and after a paragraph that names
 * every person (coreference on, and a page about the story).
 */
describe('negative sentences never highlight a look-alike', () => {
  const matcher = new Matcher(index);
  const primer = index
    .filter((e) => e.category === 'official' || e.category === 'person')
    .map((e) => e.name)
    .join('. ');
  const onTopic = createPageState('unknown');
  matcher.find(primer, onTopic);
  test('the primer makes a page about the story', () => expect(onTopic.onTopic).toBe(true));

  test.each(loadNegatives())('%s', (sentence) => {
    const p = parseParagraph(sentence);
    const allowed = (m: { start: number; end: number; entity: string }) =>
      p.gold.some((g) => g.entity === m.entity && g.start < m.end && m.start < g.end);
    const alone = createPageState('unknown');
    const found = matcher
      .find(p.text, alone)
      .filter((m) => !m.weak && !(m.scope === 'context' && !alone.onTopic));
    const after = createPageState('unknown');
    matcher.find(primer, after);
    matcher.find('The weather was mild and the trains ran on time.', after);
    const foundAfter = matcher.find(p.text, after);
    const wrong = [...found, ...foundAfter]
      .filter((m) => !allowed(m))
      .map((m) => `"${p.text.slice(m.start, m.end)}" → ${m.entity}`);
    expect(wrong).toEqual([]);
  });
});
