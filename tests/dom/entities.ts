import type { Entity } from '../../data/types';

/** A small statute entity the DOM tests of the card share. */
export const statute: Entity = {
  id: 'usc-8-1325',
  category: 'statute',
  scope: 'core',
  name: '8 U.S.C. § 1325',
  aliases: [],
  citation: { title: 8, section: '1325', ina: '275' },
  summary: 'Improper entry.',
  facts: [{ text: 'Enacted.', date: '1952-06-27', sources: ['lii'] }],
  sources: [
    {
      id: 'lii',
      title: '8 U.S. Code § 1325',
      publisher: 'LII',
      date: '1952-06-27',
      url: 'https://www.law.cornell.edu/uscode/text/8/1325',
      kind: 'primary',
    },
  ],
  related: [],
  updated: '2026-11-23',
};
