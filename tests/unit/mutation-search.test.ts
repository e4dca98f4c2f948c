import { describe, expect, test } from 'vitest';
import { createSearch, foldTerm } from '../../data/search';
import type { Entity } from '../../data/types';

/**
 * The popup's search on a small dataset whose every ranking can be worked out by hand: field
 * weights, exact names first, typo tolerance only for longer words, prefixes, and the filter.
 */

function entity(over: Partial<Entity> & Pick<Entity, 'id' | 'name'>): Entity {
  return {
    category: 'agency',
    scope: 'core',
    aliases: [],
    summary: 'Nothing to see.',
    facts: [],
    sources: [],
    related: [],
    updated: '2026-11-23',
    ...over,
  };
}

const ENTITIES: Entity[] = [
  entity({
    id: 'jeff-sessions',
    category: 'official',
    name: 'Jeff Sessions',
    aliases: ['Attorney General Sessions', { text: 'Sessions', requires: 'coreference' }],
    summary: 'Attorney general.',
    facts: [{ text: 'Signed a memo.', date: '2018-04-06', sources: [] }],
    es: { summary: 'Fiscal general.', facts: ['Firmó un memorando.'] },
  }),
  entity({
    id: 'memo',
    category: 'policy',
    name: 'Zero tolerance memo',
    aliases: ['the memo'],
    summary: 'Signed by Jeff Sessions; cites section 1325 of title 8.',
  }),
  entity({
    id: 'usc-8-1325',
    category: 'statute',
    name: 'Improper entry',
    aliases: ['illegal entry'],
    citation: { title: 8, section: '1325', ina: '275' },
    summary: 'A misdemeanor.',
  }),
  entity({
    id: 'border-patrol',
    name: 'U.S. Border Patrol',
    aliases: ['Border Patrol'],
    summary: 'An agency.',
  }),
  entity({
    id: 'station',
    name: 'El Paso Station',
    aliases: ['Border Patrol El Paso Station', 'Border Patrol station'],
    summary: 'A Border Patrol station of the Border Patrol.',
  }),
  // Its name and prose repeat the words, so by score alone it outranks the agency for "border patrol".
  entity({
    id: 'sector',
    name: 'Border Patrol sector',
    aliases: ['Border Patrol El Paso'],
    summary: 'Border Patrol agents of the Border Patrol in a Border Patrol sector.',
  }),
  entity({ id: 'ice', name: 'ICE', aliases: ['Immigration and Customs Enforcement'] }),
  // Several aliases and facts, without end punctuation: each must stay a word of its own.
  entity({
    id: 'caravan',
    category: 'event',
    name: 'The 2018 caravan',
    aliases: ['the caravan', 'Viacrucis Migrante'],
    facts: [
      { text: 'Left Tapachula', date: '2018-03-25', sources: [] },
      { text: 'Reached Tijuana', date: '2018-04-29', sources: [] },
    ],
    es: { summary: 'Una caravana.', facts: ['Salió de Tapachula', 'Llegó a Tijuana'] },
  }),
  entity({
    id: 'pena-nieto',
    category: 'official',
    name: 'Enrique Peña Nieto',
    summary: 'President of Mexico.',
    es: { summary: 'Presidente de México; habló de la frontera.', facts: [] },
  }),
];

// A fresh search for every query, built inside the test that asks: mutation testing credits a
// test only with the code that runs inside it, and the index is built on the first query.
const search = () => createSearch(ENTITIES);
const ids = (query: string, categories?: Parameters<ReturnType<typeof search>['search']>[1]) =>
  search()
    .search(query, categories)
    .map((h) => h.id);

describe('what a query finds', () => {
  test('no query, no hits', () => {
    expect(ids('')).toEqual([]);
    expect(ids(' \t ')).toEqual([]);
  });

  test('every field is searched: name, aliases, citation, summaries and facts in both languages', () => {
    expect(ids('improper')).toEqual(['usc-8-1325']);
    expect(ids('illegal')).toEqual(['usc-8-1325']);
    expect(ids('misdemeanor')).toEqual(['usc-8-1325']);
    expect(ids('signed')).toEqual(expect.arrayContaining(['memo', 'jeff-sessions']));
    expect(ids('fiscal')).toEqual(['jeff-sessions']);
    expect(ids('memorando')).toEqual(['jeff-sessions']);
    expect(ids('INA 275')).toEqual(['usc-8-1325']);
    expect(ids('8 USC 1325')).toEqual(['usc-8-1325']);
  });

  test('joined aliases and facts stay separate words', () => {
    expect(ids('viacrucis')).toEqual(['caravan']);
    expect(ids('reached')).toEqual(['caravan']);
    expect(ids('llego')).toEqual(['caravan']);
  });

  test('accents and case fold both ways', () => {
    expect(ids('PENA')).toEqual(['pena-nieto']);
    expect(ids('mexico')).toEqual(['pena-nieto']);
    expect(ids('peña')).toEqual(['pena-nieto']);
    expect(foldTerm('Ñandú ÉXITO')).toBe('nandu exito');
  });

  test('every word must match when some entity has them all; otherwise any word does', () => {
    expect(ids('border station')).toEqual(['station']);
    expect(new Set(ids('sessions customs'))).toEqual(new Set(['jeff-sessions', 'memo', 'ice']));
  });

  test('a word of two letters or more matches as a prefix; a single letter does not', () => {
    expect(ids('ic')).toEqual(['ice']);
    expect(ids('sessio')[0]).toBe('jeff-sessions');
    expect(ids('j')).toEqual([]);
  });

  test('typos are forgiven in words of four letters or more, never in shorter ones', () => {
    expect(ids('sesions')[0]).toBe('jeff-sessions');
    expect(ids('meno')).toEqual(expect.arrayContaining(['memo']));
    expect(ids('icf')).toEqual([]);
  });
});

describe('ranking', () => {
  test('the statute whose citation it is ranks above a text that cites it', () => {
    expect(ids('1325')).toEqual(['usc-8-1325', 'memo']);
  });

  test("a name outranks the same word in another entity's prose", () => {
    expect(ids('sessions')).toEqual(['jeff-sessions', 'memo']);
    const [first, second] = search().search('sessions');
    expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY);
  });

  test('a query that is exactly a name or alias puts that entity first, punctuation aside', () => {
    expect(ids('border patrol')[0]).toBe('border-patrol');
    expect(ids('U.S. Border-Patrol')[0]).toBe('border-patrol');
    expect(ids('border patrol station')[0]).toBe('station');
    // Hits are otherwise in score order.
    const scores = search()
      .search('patrol')
      .map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('the category filter', () => {
  test('keeps only the categories asked for; none asked for keeps all', () => {
    expect(ids('sessions', ['policy'])).toEqual(['memo']);
    expect(ids('sessions', ['policy', 'official'])).toEqual(['jeff-sessions', 'memo']);
    expect(ids('sessions', [])).toEqual(ids('sessions'));
    expect(ids('border patrol', ['statute'])).toEqual([]);
  });
});
