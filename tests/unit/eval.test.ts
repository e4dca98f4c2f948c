import { describe, expect, test } from 'vitest';
import { evaluate, loadCorpus, loadNegatives, rates } from '../corpus';

describe('detection over the annotated corpus', () => {
  const score = evaluate();
  const { precision, recall } = rates(score.total);

  test('the corpus is big enough to mean something', () => {
    const articles = loadCorpus();
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.filter((a) => a.lang === 'es').length).toBeGreaterThanOrEqual(2);
    expect(loadNegatives().length).toBeGreaterThanOrEqual(60);
  });

  test(`precision ≥ 0.97 (now ${precision.toFixed(3)})`, () => {
    expect(precision, score.falseAlarms.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  test(`recall ≥ 0.93 (now ${recall.toFixed(3)})`, () => {
    expect(recall, score.misses.join('\n')).toBeGreaterThanOrEqual(0.93);
  });
});
