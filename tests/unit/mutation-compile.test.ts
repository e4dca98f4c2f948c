import { describe, expect, test } from 'vitest';
import { datasetMeta, dayBefore, toMatchEntity } from '../../data/compile';
import { type Entity, OPEN_END } from '../../data/types';

/** What the build hands the content script: aliases with their rules, and the About counts. */

const source = (id: string) => ({
  id,
  title: 'T',
  publisher: 'P',
  date: '2018-01-01',
  url: `https://e.org/${id}`,
  kind: 'primary' as const,
});

function entity(over: Partial<Entity>): Entity {
  return {
    id: 'e',
    category: 'official',
    scope: 'context',
    name: 'E',
    aliases: ['E'],
    summary: 'S.',
    facts: [],
    sources: [source('a')],
    related: [],
    updated: '2026-11-23',
    ...over,
  };
}

describe('dayBefore', () => {
  test.each([
    ['2018-12-01', '2018-11-30'],
    ['2018-01-01', '2017-12-31'],
    ['2020-03-01', '2020-02-29'],
    ['2019-03-01', '2019-02-28'],
    ['2018-06-15', '2018-06-14'],
  ])('%s → %s', (iso, expected) => {
    expect(dayBefore(iso)).toBe(expected);
  });
});

describe('toMatchEntity', () => {
  test('keeps what matching needs and turns plain aliases into rules', () => {
    const m = toMatchEntity(
      entity({
        aliases: ['Enrique Peña Nieto', { text: 'Peña Nieto', caseSensitive: true }],
        titles: ['President'],
        citation: { title: 8, section: '1325' },
      }),
    );
    expect(m).toEqual({
      id: 'e',
      category: 'official',
      scope: 'context',
      name: 'E',
      aliases: [{ text: 'Enrique Peña Nieto' }, { text: 'Peña Nieto', caseSensitive: true }],
      titles: ['President'],
      citation: { title: 8, section: '1325' },
    });
  });

  test('no titles or citation: no such keys', () => {
    const m = toMatchEntity(entity({}));
    expect(m).not.toHaveProperty('titles');
    expect(m).not.toHaveProperty('citation');
  });

  test("an office's names count from the first day of the role to the day before it changed hands", () => {
    const m = toMatchEntity(
      entity({
        roles: [
          {
            title: 'President',
            from: '2012-12-01',
            to: '2018-12-01',
            sources: ['a'],
            aliases: ['Mexican president'],
          },
          {
            title: 'Senator',
            from: '2019-01-03',
            sources: ['a'],
            aliases: [{ text: 'the senator', lang: 'en' }],
          },
          { title: 'Adviser', from: '2000-01-01', to: '2001-01-01', sources: ['a'] },
        ],
      }),
    );
    expect(m.aliases).toEqual([
      { text: 'E' },
      { text: 'Mexican president', during: ['2012-12-01', '2018-11-30'] },
      { text: 'the senator', lang: 'en', during: ['2019-01-03', OPEN_END] },
    ]);
  });
});

describe('datasetMeta', () => {
  test('the newest edit date, the entity count and the source count', () => {
    const meta = datasetMeta([
      entity({ updated: '2026-01-05', sources: [source('a'), source('b')] }),
      entity({ updated: '2026-11-23', sources: [source('c')] }),
      entity({ updated: '2025-12-31', sources: [source('d')] }),
    ]);
    expect(meta).toEqual({ updated: '2026-11-23', entities: 3, sources: 4 });
  });

  test('an empty dataset has no date', () => {
    expect(datasetMeta([])).toEqual({ updated: '0000-00-00', entities: 0, sources: 0 });
  });
});
