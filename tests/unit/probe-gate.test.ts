import { describe, expect, test } from 'vitest';
import { type CandidateGate, indexData, Probe } from '../../data/match/probe';
import type { MatchEntity } from '../../data/types';
import { BORDER_PATROL, GEE, ICE, TRUMP } from '../match-entities';

const ENTITIES: MatchEntity[] = [
  TRUMP,
  {
    id: 'white-house',
    category: 'agency',
    scope: 'context',
    name: 'White House',
    aliases: [{ text: 'White House' }],
  },
  {
    id: 'jonathan-white',
    category: 'official',
    scope: 'core',
    name: 'Jonathan White',
    titles: ['Commander', 'Cmdr.'],
    aliases: [{ text: 'Jonathan White' }, { text: 'White', caseSensitive: true, requires: 'coreference' }],
  },
  // The same folded pattern twice for one person: named once in the gate.
  { ...GEE, aliases: [...GEE.aliases, { text: 'GEE', caseSensitive: true, requires: 'coreference' }] },
  // A surname with no title to look for.
  {
    id: 'scott-lloyd',
    category: 'official',
    scope: 'core',
    name: 'Scott Lloyd',
    aliases: [{ text: 'Scott Lloyd' }, { text: 'Lloyd', caseSensitive: true, requires: 'coreference' }],
  },
  // An alias that starts with no word character is found by the citation grammar, not the probe.
  {
    id: 'usc-8-1325',
    category: 'statute',
    scope: 'core',
    name: '§ 1325',
    aliases: [{ text: '§ 1325' }],
  },
  ICE,
  // A context name written like a core name listed before it: the pattern still counts at once.
  {
    id: 'ice-hockey',
    category: 'organization',
    scope: 'context',
    name: 'ICE',
    aliases: [{ text: 'ICE', caseSensitive: true }],
  },
  // A context name and a core name written alike: the pattern counts at once.
  {
    id: 'senate',
    category: 'agency',
    scope: 'context',
    name: 'Senate',
    aliases: [{ text: 'Border Patrol' }],
  },
  BORDER_PATROL,
];
// Built inside each test, not while the file loads, so mutation testing credits these tests.
const build = () => {
  const data = indexData(ENTITIES);
  return { data, probe: new Probe(data) };
};
const gateOf = (pattern: string) => {
  const { data } = build();
  return data.gates[data.patterns.indexOf(pattern)];
};

/** The probe over `text` with a fresh gate: its candidates, and whether any can count now. */
function look(text: string, contextShown = false) {
  const { probe } = build();
  const gate: CandidateGate = { contextShown, live: false };
  const found = probe.candidates(text, Number.POSITIVE_INFINITY, 0, text.length, null, gate);
  return { found, live: gate.live };
}

describe('pattern gates, built with the probe data', () => {
  test('context names and coreference surnames are gated; every other pattern counts at once', () => {
    expect(gateOf('donald trump')).toEqual({ context: true, coref: [] });
    expect(gateOf('trump')).toEqual({ context: true, coref: [] });
    expect(gateOf('white house')).toEqual({ context: true, coref: [] });
    expect(gateOf('white')).toEqual({ context: false, coref: ['jonathan-white'] });
    expect(gateOf('gee')).toEqual({ context: false, coref: ['dolly-gee'] });
    expect(gateOf('jonathan white')).toBeNull();
    expect(gateOf('ice')).toBeNull();
    expect(gateOf('border patrol')).toBeNull();
    expect(gateOf('lloyd')).toEqual({ context: false, coref: ['scott-lloyd'] });
    // Citation triggers have no alias behind them.
    const { data } = build();
    expect(data.triggers.length).toBeGreaterThan(5);
    for (const t of data.triggers) expect(data.gates[t]).toBeNull();
    expect(data.gates).toHaveLength(data.patterns.length);
    expect(data.patterns.some((p) => p.includes('1325'))).toBe(false);
    expect(build().data.titles).toEqual({
      'jonathan-white': ['commander', 'cmdr.'],
      'dolly-gee': ['judge'],
      'scott-lloyd': [],
    });
  });
});

describe('the probe with a gate', () => {
  test('finds the same candidates as without one', () => {
    const text = 'Donald Trump spoke at the White House; Judge Gee and ICE. Section 1325 of Title 8.';
    expect(look(text).found).toEqual(build().probe.candidates(text));
    expect(look(text).found.length).toBeGreaterThanOrEqual(5);
  });

  test('a page naming only context names and untitled surnames has nothing that can count', () => {
    expect(look('Donald Trump spoke at the White House. Trump said so.').live).toBe(false);
    expect(look('Betty White and Gee whiz: the White House said.').live).toBe(false);
  });

  test('a title right before a surname makes it count', () => {
    expect(look('Later, Judge Gee ruled.').live).toBe(true);
    expect(look('Cmdr. White testified.').live).toBe(true);
    expect(look('Commander  White testified.').live).toBe(true);
    // Another person's title does not, nor a title glued to another word.
    expect(look('Judge White ruled.').live).toBe(false);
    expect(look('AJudge Gee ruled.').live).toBe(false);
    expect(look('Mr. Lloyd spoke.').live).toBe(false);
  });

  test('context names count when the reader shows them everywhere', () => {
    expect(look('Donald Trump spoke.', true).live).toBe(true);
    // That setting is about context names, not surnames.
    expect(look('Gee whiz.', true).live).toBe(false);
  });

  test('any core name counts, wherever it stands among gated ones', () => {
    expect(look('Trump and the White House. Later, ICE agents came.').live).toBe(true);
    expect(look('ICE agents came. Trump spoke.').live).toBe(true);
    expect(look('Border Patrol agents came.').live).toBe(true);
  });

  test('a citation counts at once, by its section sign or by a trigger word near a number', () => {
    expect(look('Charges under § 1325 followed.').live).toBe(true);
    expect(look('Charges under section 1325 followed.').live).toBe(true);
    expect(look('Charges under 8 USC 1325 followed.').live).toBe(true);
    // Without a number nearby, neither is a citation.
    expect(look('See the section on markets; § marks it.').live).toBe(false);
  });
});
