import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createPageState, Matcher, type Mention } from '../../data/matcher';
import type { MatchEntity } from '../../data/types';

const ENTITIES: MatchEntity[] = [
  {
    id: 'jeff-sessions',
    category: 'official',
    scope: 'core',
    name: 'Jeff Sessions',
    titles: ['Attorney General', 'Sen.'],
    aliases: [
      { text: 'Jeff Sessions' },
      { text: 'Sessions', caseSensitive: true, requires: 'coreference', notPrecededBy: ['Pete', 'Rep.'] },
    ],
  },
  {
    id: 'kirstjen-nielsen',
    category: 'official',
    scope: 'core',
    name: 'Kirstjen Nielsen',
    titles: ['Secretary'],
    aliases: [
      { text: 'Kirstjen Nielsen' },
      {
        text: 'Nielsen',
        caseSensitive: true,
        requires: 'coreference',
        notPrecededBy: ['Leslie'],
        notFollowedBy: ['ratings'],
      },
    ],
  },
  {
    id: 'enrique-pena-nieto',
    category: 'official',
    scope: 'core',
    name: 'Enrique Peña Nieto',
    aliases: [{ text: 'Enrique Peña Nieto' }, { text: 'Peña Nieto' }],
  },
  {
    id: 'ice',
    category: 'agency',
    scope: 'core',
    name: 'ICE',
    aliases: [{ text: 'ICE', caseSensitive: true }, { text: 'Immigration and Customs Enforcement' }],
  },
  {
    id: 'border-patrol',
    category: 'agency',
    scope: 'core',
    name: 'U.S. Border Patrol',
    aliases: [{ text: 'Border Patrol' }, { text: 'Patrulla Fronteriza', lang: 'es' }],
  },
  {
    id: 'fdsd',
    category: 'organization',
    scope: 'core',
    name: 'Federal Defenders of San Diego',
    aliases: [{ text: "Federal Defenders' office" }, { text: 'Federal Defenders of San Diego' }],
  },
  {
    id: 'zero-tolerance-policy',
    category: 'policy',
    scope: 'core',
    name: 'Zero tolerance',
    aliases: [
      { text: 'zero-tolerance policy', context: ['border', 'immigra'] },
      { text: 'zero tolerance', context: ['border', 'immigra'] },
    ],
  },
  {
    id: 'usc-8-1325',
    category: 'statute',
    scope: 'core',
    name: '8 U.S.C. § 1325',
    citation: { title: 8, section: '1325', ina: '275' },
    aliases: [{ text: 'illegal entry', context: ['border'] }],
  },
  {
    id: 'usc-8-1326',
    category: 'statute',
    scope: 'core',
    name: '8 U.S.C. § 1326',
    citation: { title: 8, section: '1326', ina: '276' },
    aliases: [{ text: 'illegal reentry' }],
  },
  {
    id: 'usc-8-1158',
    category: 'statute',
    scope: 'core',
    name: '8 U.S.C. § 1158',
    citation: { title: 8, section: '1158', ina: '208' },
    aliases: [{ text: 'asylum statute' }],
  },
];
const matcher = new Matcher(ENTITIES);

function find(text: string, lang: 'en' | 'es' | 'unknown' = 'en') {
  return matcher
    .find(text, createPageState(lang))
    .map((m) => ({ text: text.slice(m.start, m.end), entity: m.entity, detail: m.detail }));
}

describe('normalisation', () => {
  test.each([
    ['Enrique Pena Nieto visited.', 'Enrique Pena Nieto'],
    ['ENRIQUE PEÑA NIETO visited.', 'ENRIQUE PEÑA NIETO'],
    ['Enrique Pen\u0303a Nieto visited.', 'Enrique Pen\u0303a Nieto'],
    ['the zero‑tolerance policy at the border', 'zero‑tolerance policy'],
    ['the zero tolerance\npolicy at the border', 'zero tolerance\npolicy'],
    ['the zero\u00a0\u00a0tolerance policy at the border', 'zero\u00a0\u00a0tolerance policy'],
    ['the Federal Defenders’ office said', 'Federal Defenders’ office'],
    ['Jeff Sessions’s memo', 'Jeff Sessions'],
    ["Jeff Sessions's memo", 'Jeff Sessions'],
    ['(Jeff Sessions)', 'Jeff Sessions'],
    ['«Jeff Sessions»', 'Jeff Sessions'],
  ])('%j finds %j', (text, expected) => {
    expect(find(text)[0]?.text).toBe(expected);
  });

  test('word boundaries hold next to letters and digits, in any script', () => {
    expect(find('NICE work, ICEberg, ICE2, 2ICE, ÉICE')).toEqual([]);
    expect(find('ICE, ICE. (ICE) ICE-led “ICE”').map((m) => m.text)).toEqual([
      'ICE',
      'ICE',
      'ICE',
      'ICE',
      'ICE',
    ]);
  });

  test('case-sensitive aliases keep their case', () => {
    expect(find('ice on the roads and Ice cream')).toEqual([]);
  });
});

describe('ambiguous names', () => {
  test('a surname counts only after the full name or a title', () => {
    expect(find('Sessions said the policy would continue.')).toEqual([]);
    const state = createPageState('en');
    expect(matcher.find('Later, Sessions spoke.', state)).toEqual([]);
    matcher.find('Jeff Sessions arrived.', state);
    expect(matcher.find('Later, Sessions spoke.', state).map((m) => m.coref)).toEqual([true]);
    expect(find('Attorney General Sessions spoke; Sessions left.').map((m) => m.text)).toEqual([
      'Sessions',
      'Sessions',
    ]);
  });

  test('rules on the alias keep out other people and ordinary words', () => {
    const state = createPageState('en');
    matcher.find('Jeff Sessions and Kirstjen Nielsen spoke.', state);
    for (const s of [
      'Rep. Pete Sessions spoke.',
      'Leslie Nielsen starred.',
      'The Nielsen ratings rose.',
      'Two training sessions ran.',
    ])
      expect(matcher.find(s, state), s).toEqual([]);
  });

  test('context words decide common phrases', () => {
    expect(find('The school has zero tolerance for bullying.')).toEqual([]);
    expect(find('Officials at the border applied zero tolerance.').map((m) => m.entity)).toEqual([
      'zero-tolerance-policy',
    ]);
  });

  test('an unambiguous mention nearby is context enough', () => {
    expect(find('Under zero tolerance, ICE agents detained parents.').map((m) => m.entity)).toEqual([
      'zero-tolerance-policy',
      'ice',
    ]);
  });

  test('longest match wins and matches never overlap', () => {
    expect(find('U.S. Immigration and Customs Enforcement (ICE)').map((m) => m.text)).toEqual([
      'Immigration and Customs Enforcement',
      'ICE',
    ]);
  });
});

describe('language', () => {
  test('Spanish aliases match on Spanish pages and on pages of unknown language', () => {
    expect(find('La Patrulla Fronteriza llegó.', 'es')).toHaveLength(1);
    expect(find('La Patrulla Fronteriza llegó.', 'unknown')).toHaveLength(1);
    expect(find('La Patrulla Fronteriza llegó.', 'en')).toEqual([]);
  });
});

describe('statute citations by grammar', () => {
  test.each([
    ['charged under 8 U.S.C. § 1325(a)(1) last week', '8 U.S.C. § 1325(a)(1)', 'usc-8-1325', '§ 1325(a)(1)'],
    ['charged under 8 USC 1325 last week', '8 USC 1325', 'usc-8-1325', '§ 1325'],
    ['charged under 8 U.S.C.A. §1325 last week', '8 U.S.C.A. §1325', 'usc-8-1325', '§ 1325'],
    ['see Title 8, Section 1326(b)(2).', 'Title 8, Section 1326(b)(2)', 'usc-8-1326', '§ 1326(b)(2)'],
    ['under section 1325 of title 8, a misdemeanor', 'section 1325 of title 8', 'usc-8-1325', '§ 1325'],
    ['INA § 275(a) makes it a crime', 'INA § 275(a)', 'usc-8-1325', '§ 1325(a)'],
    [
      'section 276 of the Immigration and Nationality Act applies',
      'section 276 of the Immigration and Nationality Act',
      'usc-8-1326',
      '§ 1326',
    ],
    ['INA section 208 governs asylum', 'INA section 208', 'usc-8-1158', '§ 1158'],
    ['según la sección 1325 del título 8', 'sección 1325 del título 8', 'usc-8-1325', '§ 1325'],
  ])('%j', (text, surface, entity, detail) => {
    expect(find(text)).toContainEqual({ text: surface, entity, detail });
  });

  test('ranges and lists give one mention per section', () => {
    expect(find('under 8 U.S.C. §§ 1325–1326 and 1158.').map((m) => [m.text, m.entity])).toEqual([
      ['8 U.S.C. §§ 1325', 'usc-8-1325'],
      ['1326', 'usc-8-1326'],
      ['1158', 'usc-8-1158'],
    ]);
    expect(find('8 U.S.C. § 1325 and 8 USC 1326').map((m) => m.text)).toEqual([
      '8 U.S.C. § 1325',
      '8 USC 1326',
    ]);
  });

  test('a bare section needs Title 8 to be clear', () => {
    expect(find('Section 1325 was cited.')).toEqual([]);
    expect(find('Immigration prosecutors used Section 1325 widely.').map((m) => m.entity)).toEqual([
      'usc-8-1325',
    ]);
    const state = createPageState('en');
    matcher.find('They were charged under 8 U.S.C. § 1326.', state);
    expect(matcher.find('Section 1325 is the misdemeanor.', state).map((m) => m.entity)).toEqual([
      'usc-8-1325',
    ]);
  });

  test('other titles and codes never match', () => {
    expect(find('Under section 1325 of the vehicle code, border towns fine drivers.')).toEqual([]);
    expect(find('A border case under 18 U.S.C. § 1325 and section 1325 of title 18.')).toEqual([]);
    expect(find('8 U.S.C. § 1101 defines terms at the border.')).toEqual([]);
  });
});

describe('properties', () => {
  const words = fc.constantFrom(
    'Jeff',
    'Sessions',
    'Nielsen',
    'Kirstjen',
    'ICE',
    'ice',
    'border',
    'zero',
    'tolerance',
    'policy',
    '8',
    'U.S.C.',
    '§',
    '1325',
    '1326',
    '(a)',
    'and',
    'the',
    'Peña',
    'Nieto',
    'Enrique',
    'Patrulla',
    'Fronteriza',
    '-',
    '’s',
    ',',
    '.',
    '\n',
  );
  const text = fc.array(words, { maxLength: 60 }).map((w) => w.join(' '));

  test('mentions are in order, inside the text, never overlapping, and stable across runs', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = matcher.find(t, createPageState('unknown'));
        const b = matcher.find(t, createPageState('unknown'));
        expect(a).toEqual(b);
        let last = 0;
        for (const m of a as Mention[]) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(t.length);
          last = m.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the first look never misses what find would find', () => {
    fc.assert(
      fc.property(text, (t) => {
        const found = matcher.find(t, createPageState('unknown'));
        if (found.length > 0) expect(matcher.mayContain(t)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('the native first look finds exactly what the JavaScript loop finds, on hostile text', () => {
    const reference = new Matcher(ENTITIES, { firstLook: 'js' });
    // Case, accents (precomposed and combining), soft hyphens, zero-width marks, every kind of
    // separator, curly quotes, digits glued to letters and words glued across blocks.
    const piece = fc.constantFrom(
      ...['Jeff', 'SESSIONS', 'sessions', 'Ses\u00adsions', 'Nie\u200blsen', 'Pe\u0301na', 'PEÑA', 'Peña'],
      ...['Nieto', 'Nıeto', 'İCE', 'ICE', 'Ice', 'Zero', 'tolerance', 'ZERO\u2011TOLERANCE', 'policy'],
      ...['Border', 'Patrol', 'Patrulla', 'Fronteriza', 'Federal', 'Defenders', 'Defenders’', "'", 'office'],
      ...['illegal', 'entry', 'reentry', 'asylum', 'statute', '8', 'U.S.C.', 'USC', '§', '1325', '(a)'],
      ...[' ', '  ', '\n\n   ', '\u00a0', '\u2009', '\u3000', '-', '\u2014', '\u2212', '', '', '', '_', 'x'],
      ...['.', ',', '2018', 'endJeff', 'é', 'ß', 'Ω', '\ufeff', '\u0301', '\u2060', '😀'],
    );
    const text = fc.array(piece, { maxLength: 40 }).map((w) => w.join(''));
    const native = new Matcher(ENTITIES, { firstLook: 'native' });
    fc.assert(
      fc.property(text, fc.nat(40), (t, cut) => {
        expect(native.candidates(t)).toEqual(reference.candidates(t));
        const from = Math.min(cut, t.length);
        expect(native.candidates(t, Number.POSITIVE_INFINITY, from, t.length)).toEqual(
          reference.candidates(t, Number.POSITIVE_INFINITY, from, t.length),
        );
        expect(native.candidates(t, Number.POSITIVE_INFINITY, 0, from)).toEqual(
          reference.candidates(t, Number.POSITIVE_INFINITY, 0, from),
        );
        // The scanner's way: the first look in two pieces, then probing its starts in two others.
        const starts = [...(native.firstLook(t, 0, from) ?? []), ...(native.firstLook(t, from) ?? [])];
        const mid = Math.floor(t.length / 2);
        expect([
          ...native.candidates(t, Number.POSITIVE_INFINITY, 0, mid, starts),
          ...native.candidates(t, Number.POSITIVE_INFINITY, mid, t.length, starts),
        ]).toEqual(reference.candidates(t));
        expect(native.find(t, createPageState('unknown'))).toEqual(
          reference.find(t, createPageState('unknown')),
        );
      }),
      { numRuns: 2000 },
    );
  });

  test('a matcher prepared at build time finds what a fresh one finds', () => {
    const prepared = new Matcher(ENTITIES).prepare();
    expect(new RegExp(prepared.firstLook.main ?? '', 'i').test(' Sessions')).toBe(true);
    const t = `${'Filler text about nothing. '.repeat(30)}Attorney General Jeff Sessions met ICE and Peña Nieto under 8 U.S.C. § 1325.`;
    const fresh = matcher.find(t, createPageState('en'));
    expect(fresh.length).toBeGreaterThan(3);
    expect(new Matcher(ENTITIES, { prepared }).find(t, createPageState('en'))).toEqual(fresh);
    // Every alias is folded once, at build time: the patterns are the folded aliases and triggers.
    expect(prepared.aliasCount).toBe(ENTITIES.reduce((n, e) => n + e.aliases.length, 0));
    expect(prepared.patterns).toContain('jeff sessions');
    expect(prepared.caseKeys[prepared.patterns.indexOf('ice')]).toEqual(['ICE']);
    expect(prepared.caseKeys[prepared.patterns.indexOf('jeff sessions')]).toBeNull();
    // A preparation for other entities (another alias count) is ignored, not trusted.
    const stale = { ...prepared, patterns: prepared.patterns.slice(1), aliasCount: prepared.aliasCount - 1 };
    expect(new Matcher(ENTITIES, { prepared: stale }).find(t, createPageState('en'))).toEqual(fresh);
  });

  test('a single pass: matching a text with many more aliases finds the same mentions', () => {
    const extra: MatchEntity[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `synthetic-${i}`,
      category: 'event',
      scope: 'core',
      name: `Synthetic ${i}`,
      aliases: [{ text: `Qwx${i} Zorblat ${i % 97}` }],
    }));
    const big = new Matcher([...ENTITIES, ...extra]);
    const t = 'Attorney General Jeff Sessions cited 8 U.S.C. § 1325 at the border; ICE agreed.';
    expect(big.find(t, createPageState('en'))).toEqual(matcher.find(t, createPageState('en')));
  });
});
