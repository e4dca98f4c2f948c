import { describe, expect, test } from 'vitest';
import {
  aliasKey,
  aliasText,
  type DatasetError,
  formatError,
  isIsoDate,
  urlKey,
  validateDataset,
  validateEntity,
} from '../../data/validate';

/**
 * The validator field by field: each rule an author can break gives one error that names the
 * file and the field, and a file that keeps the rule gives none. (tests/unit/dataset.test.ts
 * runs it over the real dataset and a broken folder; this file pins each rule on its own.)
 */

const FILE = 'data/entities/sample-entity.json';

/** A valid entity; `over` replaces fields (undefined removes one). */
function entity(over: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: 'sample-entity',
    category: 'policy',
    scope: 'core',
    name: 'Sample',
    aliases: ['Sample Policy'],
    summary: 'A sample.',
    facts: [{ text: 'Began.', date: '2018-04-06', sources: ['s1'] }],
    sources: [
      {
        id: 's1',
        title: 'Report',
        publisher: 'Paper',
        date: '2018-04-06',
        url: 'https://example.org/report',
        kind: 'primary',
      },
    ],
    related: [],
    updated: '2026-11-23',
  };
  const out = { ...base, ...over };
  for (const [k, v] of Object.entries(over)) if (v === undefined) delete out[k];
  return out;
}

const fields = (errors: DatasetError[]) => errors.map((e) => `${e.field}: ${e.message}`);
const check = (over: Record<string, unknown>) => fields(validateEntity(entity(over), FILE));
const alias = (a: unknown) => check({ aliases: [a] });

describe('an entity file on its own', () => {
  test('a valid entity has no errors', () => {
    expect(check({})).toEqual([]);
  });

  test('an error prints as file: field: message', () => {
    expect(formatError({ file: 'a.json', field: 'id', message: 'bad' })).toBe('a.json: id: bad');
  });

  test('a file that is not an object is one error at the root', () => {
    for (const raw of [null, [], 'x', 3])
      expect(fields(validateEntity(raw, FILE))).toEqual(['(root): must be a JSON object']);
  });

  test('unknown fields are named', () => {
    expect(check({ colour: 'red' })).toEqual(['colour: unknown field']);
  });

  test('the id is kebab-case and equals the file name', () => {
    for (const id of ['Sample', 'sample_entity', 'sample--entity', '-sample', '', 7])
      expect(check({ id }), String(id)).toEqual(['id: must be kebab-case']);
    expect(check({ id: 'other-entity' })).toEqual(['id: must equal the file name "sample-entity"']);
    expect(fields(validateEntity(entity({ id: 'x2' }), 'x2.json'))).toEqual([]);
  });

  test('category and scope come from their lists', () => {
    expect(check({ category: 'wizard' })).toEqual([
      'category: must be one of policy, official, person, statute, case, agency, organization, event',
    ]);
    expect(check({ scope: 'global' })).toEqual(['scope: must be one of core, context']);
    expect(check({ scope: 'context', category: 'agency' })).toEqual([]);
  });

  test('name and summary are non-empty; a summary holds at most 400 characters', () => {
    expect(check({ name: '  ' })).toEqual(['name: must be a non-empty string']);
    expect(check({ summary: undefined })).toEqual(['summary: must be a non-empty string']);
    expect(check({ summary: 'x'.repeat(400) })).toEqual([]);
    expect(check({ summary: 'x'.repeat(401) })).toEqual(['summary: must be at most 400 characters']);
  });

  test('updated is a real calendar date', () => {
    expect(check({ updated: '2026-02-30' })).toEqual(['updated: must be an ISO date (YYYY-MM-DD)']);
    expect(check({ updated: '2026-2-3' })).toEqual(['updated: must be an ISO date (YYYY-MM-DD)']);
  });

  test('titles, when present, are a list of non-empty strings', () => {
    expect(check({ titles: ['Secretary'] })).toEqual([]);
    expect(check({ titles: 'Secretary' })).toEqual(['titles: must be a list of strings']);
    expect(check({ titles: ['Secretary', ' '] })).toEqual(['titles: must be a list of strings']);
  });

  test('related is a list of ids', () => {
    expect(check({ related: undefined })).toEqual(['related: must be a list of entity ids']);
    expect(check({ related: ['a', ''] })).toEqual(['related: must be a list of entity ids']);
  });
});

describe('aliases', () => {
  test('the list is there and not empty', () => {
    expect(check({ aliases: [] })).toEqual(['aliases: must be a non-empty list']);
    expect(check({ aliases: 'Sample' })).toEqual(['aliases: must be a non-empty list']);
  });

  test('a plain alias is a non-empty string; anything else is an object with text', () => {
    expect(alias(' ')).toEqual(['aliases[0]: must not be empty']);
    expect(alias(7)).toEqual(['aliases[0]: must be a string or an object with "text"']);
    expect(alias({ text: '' })).toEqual(['aliases[0].text: must be a non-empty string']);
    expect(check({ aliases: ['Ok', { text: 'Fine', colour: 1 }] })).toEqual([
      'aliases[1].colour: unknown rule',
    ]);
  });

  test('every known rule is accepted in its valid form', () => {
    expect(
      alias({
        text: 'Sample',
        caseSensitive: true,
        lang: 'es',
        requires: 'coreference',
        surname: false,
        during: ['2018-01-01', '2018-01-01'],
        context: ['border'],
        topic: true,
        notPrecededBy: ['Mr.'],
        notFollowedBy: ['Tower'],
      }),
    ).toEqual([]);
  });

  test('flags are true or false', () => {
    for (const k of ['caseSensitive', 'surname', 'topic'])
      expect(alias({ text: 'S', context: ['x'], [k]: 'yes' })).toEqual([
        `aliases[0].${k}: must be true or false`,
      ]);
  });

  test('lang is en or es, requires is coreference', () => {
    expect(alias({ text: 'S', lang: 'en' })).toEqual([]);
    expect(alias({ text: 'S', lang: 'fr' })).toEqual(['aliases[0].lang: must be "en" or "es"']);
    expect(alias({ text: 'S', requires: 'context' })).toEqual(['aliases[0].requires: must be "coreference"']);
  });

  test('during is two real dates, from not after to', () => {
    const message = ['aliases[0].during: must be [from, to]: two ISO dates, from not after to'];
    expect(alias({ text: 'S', during: ['2018-01-02', '2018-01-01'] })).toEqual(message);
    expect(alias({ text: 'S', during: ['2018-01-01'] })).toEqual(message);
    expect(alias({ text: 'S', during: ['2018-01-01', '2018-01-02', '2018-01-03'] })).toEqual(message);
    expect(alias({ text: 'S', during: ['2018-02-30', '2018-03-01'] })).toEqual(message);
    expect(alias({ text: 'S', during: ['2018-01-01', '2018-13-01'] })).toEqual(message);
    expect(alias({ text: 'S', during: '2018-01-01' })).toEqual(message);
    expect(alias({ text: 'S', during: ['2018-01-01', '2019-01-01'] })).toEqual([]);
  });

  test('word lists are non-empty lists of strings', () => {
    for (const k of ['context', 'notPrecededBy', 'notFollowedBy']) {
      const message = [`aliases[0].${k}: must be a non-empty list of strings`];
      expect(alias({ text: 'S', [k]: [] }), k).toEqual(message);
      expect(alias({ text: 'S', [k]: 'border' }), k).toEqual(message);
      expect(alias({ text: 'S', [k]: ['border', ''] }), k).toEqual(message);
    }
  });

  test('topic only relaxes a context rule', () => {
    expect(alias({ text: 'S', topic: true })).toEqual(['aliases[0].topic: needs a "context" rule to relax']);
  });
});

describe('sources and facts', () => {
  const source = (over: Record<string, unknown>) => ({
    id: 's1',
    title: 'Report',
    publisher: 'Paper',
    date: '2018-04-06',
    url: 'https://example.org/report',
    kind: 'secondary',
    ...over,
  });

  test('the sources list is there and not empty', () => {
    expect(check({ sources: [] })).toContain('sources: must be a non-empty list');
    expect(check({ sources: undefined })).toContain('sources: must be a non-empty list');
  });

  test('each source names its id, title, publisher, date, https URL and kind', () => {
    expect(check({ sources: [source({})] })).toEqual([]);
    expect(check({ sources: [source({}), 'x'] })).toEqual(['sources[1]: must be an object']);
    expect(check({ sources: [source({}), source({ id: 'Bad Id' })] })).toEqual([
      'sources[1].id: must be kebab-case',
    ]);
    expect(check({ sources: [source({ title: '' })] })).toEqual([
      'sources[0].title: must be a non-empty string',
    ]);
    expect(check({ sources: [source({ publisher: ' ' })] })).toEqual([
      'sources[0].publisher: must be a non-empty string',
    ]);
    expect(check({ sources: [source({ kind: 'tertiary' })] })).toEqual([
      'sources[0].kind: must be "primary" or "secondary"',
    ]);
    expect(check({ sources: [source({ kind: 'primary' })] })).toEqual([]);
  });

  test('a source URL is https with a host that has a dot, and no spaces', () => {
    for (const url of ['http://example.org', 'https://localhost', 'https://exa mple.org', 'ftp://x.org', 7])
      expect(check({ sources: [source({ url })] }), String(url)).toEqual([
        'sources[0].url: must be an https URL',
      ]);
    expect(check({ sources: [source({ url: 'https://x.org' })] })).toEqual([]);
  });

  test('a source date is a real date', () => {
    expect(check({ sources: [source({ date: '2018-04-31' })] })).toContain(
      'sources[0].date: must be an ISO date (YYYY-MM-DD)',
    );
  });

  test('a duplicate source id is named, and the first one still counts', () => {
    expect(check({ sources: [source({}), source({ title: 'Again' })] })).toEqual([
      'sources[1].id: duplicate source id "s1"',
    ]);
  });

  test('facts: a non-empty list of objects with known fields, text, a real date and sources', () => {
    expect(check({ facts: [] })).toEqual(['facts: must be a non-empty list']);
    expect(check({ facts: undefined })).toEqual(['facts: must be a non-empty list']);
    expect(check({ facts: ['x'] })).toEqual(['facts[0]: must be an object']);
    const fact = (over: Record<string, unknown>) => ({
      facts: [{ text: 'T', date: '2018-04-06', sources: ['s1'], ...over }],
    });
    expect(check(fact({ note: 1 }))).toEqual(['facts[0].note: unknown field']);
    expect(check(fact({ text: '' }))).toEqual(['facts[0].text: must be a non-empty string']);
    expect(check(fact({ date: '2018-04-6' }))).toEqual(['facts[0].date: must be an ISO date (YYYY-MM-DD)']);
    expect(check(fact({ announcement: 'yes' }))).toEqual(['facts[0].announcement: must be true or false']);
    // (An empty list also draws the "dated before the fact" message: every one of no sources is.)
    expect(check(fact({ sources: [] }))).toContain('facts[0].sources: must cite at least one source id');
    expect(check(fact({ sources: 's1' }))).toEqual(['facts[0].sources: must cite at least one source id']);
    expect(check(fact({ sources: ['s1', 'nope'] }))).toEqual([
      'facts[0].sources: cites unknown source "nope"',
    ]);
  });

  test('a fact needs a source dated on or after it, unless it is an advance announcement', () => {
    const fact = (date: string, over: Record<string, unknown> = {}) => ({
      facts: [{ text: 'T', date, sources: ['s1'], ...over }],
    });
    // The source is dated 2018-04-06: a fact that day or earlier is fine, a day later is not.
    expect(check(fact('2018-04-06'))).toEqual([]);
    expect(check(fact('2018-04-05'))).toEqual([]);
    expect(check(fact('2018-04-07'))).toEqual([
      'facts[0].sources: every cited source is dated before the fact (2018-04-07); cite one dated on or after it, or mark an advance announcement "announcement": true',
    ]);
    expect(check(fact('2018-04-07', { announcement: true }))).toEqual([]);
    expect(check(fact('2018-04-07', { announcement: false }))).toHaveLength(1);
    // One later source is enough.
    const later = {
      id: 's2',
      title: 'R',
      publisher: 'P',
      date: '2018-05-01',
      url: 'https://e.org/2',
      kind: 'primary',
    };
    const sources = [entity().sources, later].flat();
    expect(check({ sources, facts: [{ text: 'T', date: '2018-04-07', sources: ['s1', 's2'] }] })).toEqual([]);
    // A source whose date is unknown (invalid) is not held against the fact.
    const undated = [{ ...(entity().sources as object[])[0], date: 'soon' }];
    expect(check({ sources: undated, facts: [{ text: 'T', date: '2018-04-07', sources: ['s1'] }] })).toEqual([
      'sources[0].date: must be an ISO date (YYYY-MM-DD)',
    ]);
  });
});

describe('roles', () => {
  const role = (over: Record<string, unknown>) => ({
    title: 'Secretary',
    from: '2017-12-06',
    sources: ['s1'],
    ...over,
  });

  test('an official needs at least one dated role', () => {
    expect(check({ category: 'official' })).toEqual(['roles: an official needs at least one dated role']);
    expect(check({ category: 'official', roles: [] })).toEqual([
      'roles: an official needs at least one dated role',
    ]);
    expect(check({ category: 'official', roles: [role({})] })).toEqual([]);
    // A person who held no office needs none.
    expect(check({ category: 'person' })).toEqual([]);
  });

  test('roles are a list of objects with a title, a real from, and sources', () => {
    expect(check({ roles: 'Secretary' })).toEqual(['roles: must be a list']);
    expect(check({ roles: ['x'] })).toEqual(['roles[0]: must be an object']);
    expect(check({ roles: [role({ title: '' })] })).toEqual(['roles[0].title: must be a non-empty string']);
    expect(check({ roles: [role({ from: '2017-13-01' })] })).toEqual([
      'roles[0].from: must be an ISO date (YYYY-MM-DD)',
    ]);
    expect(check({ roles: [role({ sources: ['zz'] })] })).toEqual([
      'roles[0].sources: cites unknown source "zz"',
    ]);
    expect(check({ roles: [role({ sources: undefined })] })).toEqual([
      'roles[0].sources: must cite at least one source id',
    ]);
  });

  test('to, when present, is a real date not before from (the same day is a one-day role)', () => {
    expect(check({ roles: [role({ to: '2017-12-06' })] })).toEqual([]);
    expect(check({ roles: [role({ to: '2017-12-05' })] })).toEqual([
      'roles[0].to: must not be before "from"',
    ]);
    expect(check({ roles: [role({ to: 'later' })] })).toEqual([
      'roles[0].to: must be an ISO date (YYYY-MM-DD)',
    ]);
    // With no valid from, only from is reported.
    expect(check({ roles: [role({ from: 'x', to: '2001-01-01' })] })).toEqual([
      'roles[0].from: must be an ISO date (YYYY-MM-DD)',
    ]);
  });

  test("a role's aliases are a list checked like the entity's", () => {
    expect(check({ roles: [role({ aliases: ['the secretary'] })] })).toEqual([]);
    expect(check({ roles: [role({ aliases: 'the secretary' })] })).toEqual([
      'roles[0].aliases: must be a list',
    ]);
    expect(check({ roles: [role({ aliases: ['ok', { text: 'x', lang: 'de' }] })] })).toEqual([
      'roles[0].aliases[1].lang: must be "en" or "es"',
    ]);
  });
});

describe('citation and Spanish text', () => {
  test('a citation has a whole title, a section number and an optional INA section', () => {
    expect(check({ citation: { title: 8, section: '1325', ina: '275' } })).toEqual([]);
    expect(check({ citation: { title: 8, section: '1325a' } })).toEqual([]);
    expect(check({ citation: '8 USC 1325' })).toEqual(['citation: must be an object']);
    expect(check({ citation: { title: 8.5, section: '1325' } })).toEqual([
      'citation.title: must be a whole number',
    ]);
    expect(check({ citation: { title: '8', section: '1325' } })).toEqual([
      'citation.title: must be a whole number',
    ]);
    for (const section of ['§1325', '1325A', '', 1325])
      expect(check({ citation: { title: 8, section } }), String(section)).toEqual([
        'citation.section: must be a section number such as "1325"',
      ]);
    expect(check({ citation: { title: 8, section: '1325', ina: '208A' } })).toEqual([]);
    for (const ina of ['208a', 'INA 208', 208])
      expect(check({ citation: { title: 8, section: '1325', ina } }), String(ina)).toEqual([
        'citation.ina: must be an INA section number such as "275"',
      ]);
  });

  test('the Spanish text has a summary and one fact per fact', () => {
    expect(check({ es: { summary: 'Una muestra.', facts: ['Empezó.'] } })).toEqual([]);
    expect(check({ es: 'Una muestra.' })).toEqual(['es: must be an object']);
    expect(check({ es: { summary: '', facts: ['Empezó.'] } })).toEqual([
      'es.summary: must be a non-empty string',
    ]);
    expect(check({ es: { summary: 'S', facts: 'Empezó.' } })).toEqual([
      'es.facts: must be a list of strings',
    ]);
    expect(check({ es: { summary: 'S', facts: ['Uno.', 'Dos.'] } })).toEqual([
      'es.facts: must have 1 items, one per fact',
    ]);
  });
});

describe('helpers', () => {
  test('isIsoDate accepts real calendar dates only', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    for (const v of [
      '2019-02-29',
      '2018-00-10',
      '2018-1-10',
      ' 2018-01-10',
      '2018-01-10T00:00',
      20180110,
      null,
    ])
      expect(isIsoDate(v), String(v)).toBe(false);
  });

  test('aliasText reads both alias forms', () => {
    expect(aliasText('ICE')).toBe('ICE');
    expect(aliasText({ text: 'ICE', caseSensitive: true })).toBe('ICE');
  });

  test('aliasKey folds case, accents, dashes and spaces', () => {
    expect(aliasKey('  Peña\u2013Nieto  ')).toBe('pena nieto');
    expect(aliasKey('Zero-Tolerance   Policy')).toBe('zero tolerance policy');
    expect(aliasKey('Pen\u0303a')).toBe('pena');
  });

  test('urlKey drops the fragment and trailing slashes, nothing else', () => {
    expect(urlKey('https://e.org/a/#top')).toBe('https://e.org/a');
    expect(urlKey('https://e.org/a//')).toBe('https://e.org/a');
    expect(urlKey('https://e.org/a?q=1')).toBe('https://e.org/a?q=1');
  });
});

describe('the dataset as a whole', () => {
  const file = (id: string, over: Record<string, unknown> = {}) => ({
    file: `data/entities/${id}.json`,
    json: entity({ id, ...over }),
  });
  const messages = (files: { file: string; json: unknown }[]) =>
    validateDataset(files).errors.map(formatError);

  test('valid files come back as entities; a file with errors is left out', () => {
    const r = validateDataset([file('one'), file('two', { name: '' })]);
    expect(r.entities.map((e) => e.id)).toEqual(['one']);
    expect(r.errors.map(formatError)).toEqual(['data/entities/two.json: name: must be a non-empty string']);
  });

  test('two files with the same id are named', () => {
    const a = { file: 'data/entities/dup.json', json: entity({ id: 'dup', aliases: ['A one'] }) };
    const b = { file: 'x/dup.json', json: entity({ id: 'dup', aliases: ['B two'] }) };
    expect(messages([a, b])).toEqual(['x/dup.json: id: duplicate id, also in data/entities/dup.json']);
  });

  test('related ids must exist and not be the entity itself', () => {
    expect(
      messages([
        file('one', { aliases: ['One'], related: ['two', 'ghost', 'one'] }),
        file('two', { aliases: ['Two'] }),
      ]),
    ).toEqual([
      'data/entities/one.json: related[1]: unknown entity "ghost"',
      'data/entities/one.json: related[2]: refers to itself',
    ]);
    // An entity whose own file is broken still exists for references.
    expect(
      messages([
        file('one', { aliases: ['One'], related: ['two'] }),
        file('two', { aliases: ['Two'], name: '' }),
      ]),
    ).toEqual(['data/entities/two.json: name: must be a non-empty string']);
  });

  test('an alias two entities share needs a rule on both sides', () => {
    const clash = messages([
      file('one', { aliases: ['Same Name'] }),
      file('two', { aliases: ['same  name'] }),
    ]);
    expect(clash).toEqual([
      'data/entities/two.json: aliases[0]: "same  name" is also an alias of one; give both a rule that tells them apart',
    ]);
    const oneRuled = messages([
      file('one', { aliases: [{ text: 'Same Name', context: ['x'] }] }),
      file('two', { aliases: ['Same Name'] }),
    ]);
    expect(oneRuled).toHaveLength(1);
    for (const rule of [
      { context: ['x'] },
      { requires: 'coreference' },
      { notFollowedBy: ['x'] },
      { notPrecededBy: ['x'] },
      { lang: 'es' },
      { surname: true },
      { during: ['2018-01-01', '2018-12-31'] },
    ])
      expect(
        messages([
          file('one', { aliases: [{ text: 'Same Name', ...rule }] }),
          file('two', { aliases: [{ text: 'Same Name', context: ['y'] }] }),
        ]),
        JSON.stringify(rule),
      ).toEqual([]);
    // caseSensitive alone is not a rule that tells two entities apart.
    expect(
      messages([
        file('one', { aliases: [{ text: 'Same Name', caseSensitive: true }] }),
        file('two', { aliases: [{ text: 'Same Name', context: ['y'] }] }),
      ]),
    ).toHaveLength(1);
    // The same alias twice in one entity is not a clash.
    expect(messages([file('one', { aliases: ['Same', 'same'] })])).toEqual([]);
  });

  test('names of an office may be shared by its holders at dates that touch but do not overlap', () => {
    const holder = (id: string, from: string, to?: string) =>
      file(id, {
        category: 'official',
        aliases: [`${id} name`],
        roles: [
          { title: 'President', from, ...(to ? { to } : {}), sources: ['s1'], aliases: ['the president'] },
        ],
      });
    expect(
      messages([holder('one', '2012-12-01', '2018-12-01'), holder('two', '2018-12-01', '2024-09-30')]),
    ).toEqual([]);
    expect(messages([holder('one', '2012-12-01', '2018-12-02'), holder('two', '2018-12-01')])).toEqual([
      'data/entities/two.json: roles[0].aliases[0]: "the president" also names one at overlapping dates (2012-12-01 to 2018-12-02)',
    ]);
    // A role still held runs to the open end.
    expect(messages([holder('one', '2012-12-01'), holder('two', '2030-01-01', '2031-01-01')])).toEqual([
      'data/entities/two.json: roles[0].aliases[0]: "the president" also names one at overlapping dates (2012-12-01 to 9999-12-31)',
    ]);
    // An alias with its own `during` is dated like a role's.
    expect(
      messages([
        file('one', { aliases: [{ text: 'The Boss', during: ['2010-01-01', '2012-01-01'] }] }),
        file('two', { aliases: [{ text: 'the boss', during: ['2011-06-01', '2013-01-01'] }] }),
      ]),
    ).toEqual([
      'data/entities/two.json: aliases[0]: "the boss" also names one at overlapping dates (2010-01-01 to 2012-01-01)',
    ]);
    // A dated alias and an undated one need a rule on both sides like any other.
    expect(
      messages([
        file('one', { aliases: [{ text: 'The Boss', during: ['2010-01-01', '2012-01-01'] }] }),
        file('two', { aliases: ['the boss'] }),
      ]),
    ).toHaveLength(1);
  });

  test('one date and one kind per URL, ignoring fragments and trailing slashes, across every file', () => {
    const withSource = (id: string, over: Record<string, unknown>) =>
      file(id, {
        aliases: [`${id} name`],
        sources: [{ ...(entity().sources as object[])[0], ...over }],
      });
    expect(
      messages([
        withSource('one', {}),
        withSource('two', { url: 'https://example.org/report/#part', date: '2018-05-01', kind: 'secondary' }),
      ]),
    ).toEqual([
      'data/entities/two.json: sources[0].date: 2018-05-01 differs from 2018-04-06 for the same URL in data/entities/one.json (sources[0]); give each URL one date',
      'data/entities/two.json: sources[0].kind: secondary differs from primary for the same URL in data/entities/one.json (sources[0]); give each URL one kind',
    ]);
    expect(
      messages([withSource('one', {}), withSource('two', { url: 'https://example.org/report/' })]),
    ).toEqual([]);
    // A file with other errors still takes part.
    expect(
      messages([
        withSource('one', {}),
        {
          ...withSource('two', { date: '2019-01-01' }),
          json: { ...withSource('two', { date: '2019-01-01' }).json, name: '' },
        },
      ]),
    ).toContain(
      'data/entities/two.json: sources[0].date: 2019-01-01 differs from 2018-04-06 for the same URL in data/entities/one.json (sources[0]); give each URL one date',
    );
    // Sources without a URL or a valid date are not compared.
    expect(
      validateDataset([withSource('one', {}), withSource('two', { date: 'soon' })]).errors.map(
        (e) => e.field,
      ),
    ).toEqual(['sources[0].date']);
  });
});
