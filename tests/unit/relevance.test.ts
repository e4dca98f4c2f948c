import { describe, expect, test } from 'vitest';
import { quietCounts, shownIndexes, verdict } from '../../data/display-policy';
import { createPageState, Matcher, type Mention, ON_TOPIC, topicWords } from '../../data/matcher';
import { defaultSettings } from '../../data/settings';
import type { MatchEntity } from '../../data/types';

const ENTITIES: MatchEntity[] = [
  {
    id: 'donald-trump',
    category: 'official',
    scope: 'context',
    name: 'Donald Trump',
    aliases: [
      { text: 'Donald Trump' },
      {
        text: 'Trump',
        caseSensitive: true,
        surname: true,
        notPrecededBy: ['Mrs.'],
        notFollowedBy: ['card', 'Tower'],
      },
      { text: 'U.S. president', during: ['2017-01-20', '2021-01-19'] },
    ],
  },
  {
    id: 'enrique-pena-nieto',
    category: 'official',
    scope: 'context',
    name: 'Enrique Peña Nieto',
    aliases: [
      { text: 'Peña Nieto' },
      { text: 'Mexican president', during: ['2012-12-01', '2018-11-29'] },
      { text: 'mandatario mexicano', lang: 'es', during: ['2012-12-01', '2018-11-29'] },
    ],
  },
  {
    id: 'amlo',
    category: 'official',
    scope: 'context',
    name: 'Andrés Manuel López Obrador',
    aliases: [
      { text: 'López Obrador' },
      { text: 'Mexican president', during: ['2018-12-01', '2024-09-29'] },
      { text: 'mandatario mexicano', lang: 'es', during: ['2018-12-01', '2024-09-29'] },
    ],
  },
  {
    id: 'caravan',
    category: 'event',
    scope: 'core',
    name: 'Spring 2018 caravan',
    aliases: [
      { text: 'caravan', context: ['migra', 'asylum'], topic: true, notPrecededBy: ['Dodge'] },
      { text: 'migrant caravan' },
    ],
  },
  {
    id: 'ice',
    category: 'agency',
    scope: 'core',
    name: 'ICE',
    aliases: [{ text: 'ICE', caseSensitive: true, context: ['deport', 'agent'] }],
  },
  {
    id: 'border-patrol',
    category: 'agency',
    scope: 'core',
    name: 'Border Patrol',
    aliases: [{ text: 'Border Patrol' }],
  },
  {
    id: 'cbp',
    category: 'agency',
    scope: 'core',
    name: 'CBP',
    aliases: [{ text: 'CBP', caseSensitive: true }],
  },
  {
    id: 'congress',
    category: 'agency',
    scope: 'context',
    name: 'Congress',
    aliases: [{ text: 'Congress', caseSensitive: true }],
  },
  {
    id: 'usc-8-1325',
    category: 'statute',
    scope: 'core',
    name: '8 U.S.C. § 1325',
    citation: { title: 8, section: '1325', ina: '275' },
    aliases: [{ text: 'improper entry' }],
  },
];
const matcher = new Matcher(ENTITIES);

function run(paragraphs: string[], date: string | null = null, lang: 'en' | 'es' = 'en') {
  const state = createPageState(lang, date);
  const found = paragraphs.map((p) => matcher.find(p, state));
  const text = (m: Mention, i: number) => (paragraphs[i] as string).slice(m.start, m.end);
  return {
    state,
    found: found.flatMap((ms, i) => ms.map((m) => ({ entity: m.entity, text: text(m, i), weak: !!m.weak }))),
    shown: shownIndexes(found, defaultSettings(), { onTopic: state.onTopic, showQuiet: false }).flatMap(
      (idx, i) => idx.map((k) => `${text(found[i]?.[k] as Mention, i)}→${found[i]?.[k]?.entity}`),
    ),
    mentions: found,
  };
}

describe('whether a page is about the story', () => {
  test(`${ON_TOPIC.coreEntities} different core names make a page about the story`, () => {
    expect(run(['ICE agents deported him.']).state.onTopic).toBe(false);
    expect(run(['ICE agents deported him.', 'The Border Patrol agreed.']).state.onTopic).toBe(true);
  });

  test(`one core name needs ${ON_TOPIC.topicWords} topic words around it`, () => {
    expect(run(['The Border Patrol caught smugglers near Yuma.']).state.onTopic).toBe(false);
    expect(
      run(['The Border Patrol said migrants seeking asylum crossed the border near Yuma.']).state.onTopic,
    ).toBe(true);
    expect(topicWords('Immigration, migrants, asylum, the border; deportación y frontera.')).toBe(6);
  });

  test('context names alone never make a page about the story', () => {
    const r = run([
      'Donald Trump met Congress.',
      'Donald Trump met Congress again about immigration and the border.',
    ]);
    expect(r.state.onTopic).toBe(false);
    expect(r.shown).toEqual([]);
  });

  test('navigation and sidebars are not evidence', () => {
    const state = createPageState('en');
    matcher.find('ICE agents deported him.', state, false);
    matcher.find('The Border Patrol agreed.', state, false);
    expect(state.onTopic).toBe(false);
  });
});

describe('presidents named by surname, by office, and in "the Trump administration"', () => {
  const story = 'The Border Patrol and ICE agents deported migrants seeking asylum at the border.';

  test('"Trump" alone, in "the Trump administration", "Trump-era" and "Trump\'s" is the president', () => {
    const r = run([story, "The Trump administration and Trump-era rules; Trump's tweets. Trump spoke."]);
    expect(r.shown.filter((s) => s.endsWith('donald-trump'))).toEqual([
      'Trump→donald-trump',
      'Trump→donald-trump',
      'Trump→donald-trump',
      'Trump→donald-trump',
    ]);
  });

  test('other Trumps and Trump things are not', () => {
    const r = run([story, 'Melania Trump and Mrs. Trump toured Trump Tower; a trump card.']);
    expect(r.found.filter((m) => m.entity === 'donald-trump')).toEqual([]);
  });

  test("an office's name is its holder at the page's date", () => {
    const text = 'The Mexican president condemned the policy.';
    expect(run([story, text], '2018-06-20').shown).toContain('Mexican president→enrique-pena-nieto');
    expect(run([story, text], '2019-03-01').shown).toContain('Mexican president→amlo');
    expect(run([story, text], '2026-01-01').found.map((m) => m.entity)).not.toContain('amlo');
    expect(run([story, 'El mandatario mexicano habló.'], '2018-12-27', 'es').shown).toContain(
      'mandatario mexicano→amlo',
    );
  });

  test('a title before a name, or another holder, is not the holder', () => {
    for (const text of [
      'The Mexican president, Enrique Peña Nieto, spoke.',
      'Mexican president Peña Nieto spoke.',
      'A former Mexican president criticized him.',
      'Every U.S. president since Reagan tried.',
    ])
      expect(
        run([text], '2018-06-20').found.filter((m) => /president/i.test(m.text)),
        text,
      ).toEqual([]);
  });
});

describe("the story's common-noun names", () => {
  test('"the caravan" counts near its words, or anywhere on a page about the story', () => {
    expect(run(['The caravan of migrants rested.']).shown).toEqual(['caravan→caravan']);
    const alone = run(['The caravan rested in Puebla.']);
    expect(alone.found).toEqual([{ entity: 'caravan', text: 'caravan', weak: true }]);
    expect(alone.shown).toEqual([]);
    const page = run([
      'The caravan rested in Puebla.',
      'ICE agents deported parents.',
      'The Border Patrol agreed.',
    ]);
    expect(page.state.onTopic).toBe(true);
    expect(page.shown).toContain('caravan→caravan');
  });

  test('vetoes still hold on a page about the story', () => {
    const page = run([
      'ICE agents deported parents.',
      'The Border Patrol agreed.',
      'He drove a Dodge Caravan.',
    ]);
    expect(page.found.filter((m) => m.entity === 'caravan')).toEqual([]);
  });

  test('an acronym without its words is dropped, not kept for the page topic', () => {
    const page = run([
      'ICE agents deported parents.',
      'The Border Patrol agreed.',
      'In other news, it rained.',
      'The ICE train left Berlin.',
    ]);
    expect(page.found.filter((m) => m.text === 'ICE')).toHaveLength(1);
  });

  test('a bare "Section 1325" is Title 8 on a page about the story', () => {
    const off = run(['Section 1325 applies.']);
    expect(off.found).toEqual([]);
    const on = run([
      'ICE agents deported parents.',
      'The Border Patrol agreed.',
      'It rained.',
      'Section 1325 applies.',
    ]);
    expect(on.found.map((m) => m.entity)).toContain('usc-8-1325');
  });
});

describe('the display policy', () => {
  const m = (over: Partial<Mention>): Mention => ({
    start: 0,
    end: 1,
    entity: 'x',
    category: 'official',
    scope: 'core',
    ...over,
  });
  const off = { onTopic: false, showQuiet: false };
  const on = { onTopic: true, showQuiet: false };

  test('core names show anywhere; context names and weak mentions wait for a page about the story', () => {
    const s = defaultSettings();
    expect(verdict(m({}), s, off)).toBe('show');
    expect(verdict(m({ scope: 'context' }), s, off)).toBe('quiet');
    expect(verdict(m({ weak: true }), s, off)).toBe('quiet');
    expect(verdict(m({ scope: 'context' }), s, on)).toBe('show');
    expect(verdict(m({ weak: true }), s, on)).toBe('show');
  });

  test('"context names on every page" brings context names back, not weak mentions', () => {
    const s = { ...defaultSettings(), contextEverywhere: true };
    expect(verdict(m({ scope: 'context' }), s, off)).toBe('show');
    expect(verdict(m({ weak: true }), s, off)).toBe('quiet');
  });

  test('"show them on this page" shows everything quiet; categories turned off stay off', () => {
    const s = { ...defaultSettings(), categories: { ...defaultSettings().categories, official: false } };
    const page = { onTopic: false, showQuiet: true };
    expect(verdict(m({ scope: 'context', category: 'agency' }), s, page)).toBe('show');
    expect(verdict(m({ weak: true, category: 'agency' }), s, page)).toBe('show');
    expect(verdict(m({}), s, page)).toBe('off');
  });

  test('first-mention mode keeps the first shown mention of each entity, across records', () => {
    const s = { ...defaultSettings(), mode: 'first' as const };
    const records = [
      [m({ entity: 'a', scope: 'context' }), m({ entity: 'b' })],
      [m({ entity: 'a' }), m({ entity: 'b' }), m({ entity: 'c' })],
    ];
    expect(shownIndexes(records, s, off)).toEqual([[1], [0, 2]]);
    expect(shownIndexes(records, s, on)).toEqual([[0, 1], [2]]);
  });

  test('the quiet count names each entity once, with its count', () => {
    const records = [
      [m({ entity: 'a', scope: 'context' }), m({ entity: 'b' })],
      [m({ entity: 'a', scope: 'context' })],
    ];
    const q = quietCounts(records, defaultSettings(), off);
    expect([...q.entries()].map(([id, v]) => [id, v.count])).toEqual([['a', 2]]);
    expect(quietCounts(records, defaultSettings(), on).size).toBe(0);
  });
});
