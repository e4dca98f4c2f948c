import dataset from 'virtual:backstory/dataset';
import { describe, expect, test } from 'vitest';
import { createSearch, foldTerm } from '../../data/search';

const search = createSearch(dataset.entities);
const ids = new Set(dataset.entities.map((e) => e.id));

/** Query → the entity that must rank first. Typos, accents, Spanish names and numbers included. */
const RANKING: [string, string][] = [
  ['sesions', 'jeff-sessions'],
  ['Jeff Sessions', 'jeff-sessions'],
  ['sessions', 'jeff-sessions'],
  ['pena nieto', 'enrique-pena-nieto'],
  ['Peña Nieto', 'enrique-pena-nieto'],
  ['PEÑA', 'enrique-pena-nieto'],
  ['1325', 'usc-8-1325'],
  ['1326', 'usc-8-1326'],
  ['nielsen', 'kirstjen-nielsen'],
  ['kirstjen', 'kirstjen-nielsen'],
  ['nielson', 'kirstjen-nielsen'],
  ['flores', 'flores-settlement'],
  ['patrulla fronteriza', 'border-patrol'],
  ['border patrol', 'border-patrol'],
  ['aclu', 'aclu'],
  ['sabraw', 'dana-sabraw'],
  ['ms. l', 'ms-l-v-ice'],
  ['streamline', 'operation-streamline'],
  ['stephen miller', 'stephen-miller'],
  ['mcaleenan', 'kevin-mcaleenan'],
  ['zero tolerance', 'zero-tolerance-policy'],
  ['tolerancia cero', 'zero-tolerance-policy'],
  ['raices', 'raices'],
  ['lopez obrador', 'andres-manuel-lopez-obrador'],
];

describe('search ranking', () => {
  test('every expected id exists in the dataset', () => {
    for (const [, id] of RANKING) expect(ids, id).toContain(id);
  });

  test.each(RANKING)('%s → %s first', (query, id) => {
    expect(search.search(query)[0]?.id).toBe(id);
  });

  test('names rank above mentions in other entities', () => {
    const hits = search.search('nielsen');
    expect(hits.length).toBeGreaterThan(1);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
  });

  test('an empty or blank query gives no hits', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
  });

  test('a query with no match gives no hits', () => {
    expect(search.search('xqzzvvkj')).toEqual([]);
  });

  test('the category filter keeps only those categories', () => {
    const byId = new Map(dataset.entities.map((e) => [e.id, e]));
    const hits = search.search('border', ['agency']);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(byId.get(h.id)?.category).toBe('agency');
    expect(search.search('sessions', ['statute']).some((h) => h.id === 'jeff-sessions')).toBe(false);
  });

  test('folds accents and case', () => {
    expect(foldTerm('PEÑA')).toBe('pena');
    expect(foldTerm('Unión')).toBe('union');
  });
});
