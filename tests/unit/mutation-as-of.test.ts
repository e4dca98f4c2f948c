import { describe, expect, test } from 'vitest';
import {
  ageUnit,
  asOf,
  dayNumber,
  daysBetween,
  isIsoDate,
  keyFacts,
  MAX_LATER,
  sourcedFacts,
  todayIso,
} from '../../data/as-of';
import type { Entity, Role } from '../../data/types';

/** The card's time context at its boundaries: the day a role starts and ends, the day of a fact. */

const source = {
  id: 'a',
  title: 'T',
  publisher: 'P',
  date: '2018-01-01',
  url: 'https://e.org',
  kind: 'primary' as const,
};

function entity(over: Partial<Entity>): Entity {
  return {
    id: 'e',
    category: 'policy',
    scope: 'core',
    name: 'E',
    aliases: ['E'],
    summary: 'S.',
    facts: [],
    sources: [source],
    related: [],
    updated: '2026-11-23',
    ...over,
  };
}

const fact = (date: string, text = date, sources = ['a']) => ({ text, date, sources });
const role = (title: string, from: string, to?: string): Role => ({
  title,
  from,
  ...(to ? { to } : {}),
  sources: ['a'],
});

const SENATOR = role('Senator', '1997-01-03', '2017-02-08');
const AG = role('Attorney General', '2017-02-09', '2018-11-07');
const person = (roles: Role[], category: Entity['category'] = 'official') => entity({ category, roles });
const rolesAt = (e: Entity, date: string) => asOf(e, date, '2026-11-23');

describe('dates', () => {
  test('day numbers count days since 1970-01-01 and refuse dates that do not exist', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    for (const bad of ['2018-02-29', '2018-04-31', '2018-13-01', '2018-00-10', '2018-1-1', '18-01-01', 'x'])
      expect(dayNumber(bad), bad).toBeNaN();
    expect(dayNumber('2020-02-29')).toBe(dayNumber('2020-03-01') - 1);
  });

  test('days between two dates, negative when the second is earlier', () => {
    expect(daysBetween('2018-05-08', '2018-04-06')).toBe(-32);
    expect(daysBetween('2019-02-28', '2019-03-01')).toBe(1);
    expect(daysBetween('2017-12-31', '2018-01-01')).toBe(1);
    expect(daysBetween('2018-04-06', '2018-04-06')).toBe(0);
  });

  test('today is the UTC date, whatever the hour', () => {
    expect(todayIso(new Date('2020-05-06T23:59:59Z'))).toBe('2020-05-06');
    expect(todayIso(new Date('2020-05-07T00:00:00Z'))).toBe('2020-05-07');
    expect(todayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('isIsoDate takes only strings that are real dates', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(20200229)).toBe(false);
  });
});

describe('which facts the card may state', () => {
  test('only facts with a real date and a source of the entity, oldest first, ties in file order', () => {
    const e = entity({
      facts: [
        fact('2018-06-01', 'second'),
        fact('2018-05-01', 'first'),
        fact('2018-06-01', 'third'),
        fact('2018-02-30', 'bad date'),
        fact('2018-01-01', 'unsourced', ['zz']),
        fact('2018-01-02', 'no sources', []),
        fact('2018-07-01', 'one good source', ['zz', 'a']),
      ],
    });
    expect(sourcedFacts(e).map((f) => [f.fact.text, f.index])).toEqual([
      ['first', 1],
      ['second', 0],
      ['third', 2],
      ['one good source', 6],
    ]);
  });
});

describe("a person's roles at a date", () => {
  test('a role is held from its first day through its last', () => {
    const e = person([SENATOR, AG]);
    expect(rolesAt(e, '2017-02-08').roles).toEqual([
      { title: 'Senator', from: '1997-01-03', to: '2017-02-08', status: 'held' },
    ]);
    expect(rolesAt(e, '2017-02-09').roles).toEqual([
      { title: 'Attorney General', from: '2017-02-09', to: '2018-11-07', status: 'held' },
    ]);
    expect(rolesAt(e, '1997-01-03').roles.map((r) => r.status)).toEqual(['held']);
    expect(rolesAt(e, '2018-11-08').roles).toEqual([
      { title: 'Attorney General', from: '2017-02-09', to: '2018-11-07', status: 'ended' },
    ]);
  });

  test('a role still held has no end and stays held', () => {
    const a = rolesAt(person([role('Senator', '2021-01-03')]), '2026-01-01');
    expect(a.roles).toEqual([{ title: 'Senator', from: '2021-01-03', status: 'held' }]);
    expect(a.roles[0]).not.toHaveProperty('to');
  });

  test('every role held at the date is listed, in file order', () => {
    const e = person([role('Senator', '2010-01-01', '2020-01-01'), role('Chair', '2015-01-01')]);
    expect(rolesAt(e, '2016-01-01').roles.map((r) => r.title)).toEqual(['Senator', 'Chair']);
  });

  test('between roles: the one that ended last, whatever the file order', () => {
    const early = role('Early', '2000-01-01', '2001-01-01');
    const late = role('Late', '2002-01-01', '2003-01-01');
    const mid = role('Mid', '2001-06-01', '2002-06-01');
    for (const roles of [
      [early, mid, late],
      [late, mid, early],
      [mid, late, early],
    ]) {
      const a = rolesAt(person(roles), '2010-01-01');
      expect(a.roles.map((r) => r.title)).toEqual(['Late']);
      expect(a.beforeRoles).toBe(false);
    }
    // In a gap, the role before the gap, and the date is not before every role.
    const gap = rolesAt(person([early, late]), '2001-06-01');
    expect(gap.roles).toEqual([{ title: 'Early', from: '2000-01-01', to: '2001-01-01', status: 'ended' }]);
    expect(gap.beforeRoles).toBe(false);
  });

  test('before the first role: no role, and the card says so', () => {
    const before = rolesAt(person([SENATOR, AG]), '1997-01-02');
    expect(before.roles).toEqual([]);
    expect(before.beforeRoles).toBe(true);
    expect(rolesAt(person([SENATOR, AG]), '1997-01-03').beforeRoles).toBe(false);
  });

  test('roles with dates that do not exist are ignored', () => {
    const broken = [role('Bad start', 'soon'), role('Bad end', '2000-01-01', '2001-02-30')];
    const a = rolesAt(person(broken), '2000-06-01');
    expect(a.roles).toEqual([]);
    // No valid role: nothing to be before.
    expect(a.beforeRoles).toBe(false);
    expect(rolesAt(person([...broken, SENATOR]), '2000-06-01').roles.map((r) => r.title)).toEqual([
      'Senator',
    ]);
  });

  test('a person (not only an official) has roles; other categories never do', () => {
    expect(rolesAt(person([SENATOR], 'person'), '2000-01-01').roles.map((r) => r.title)).toEqual(['Senator']);
    const agency = rolesAt(person([SENATOR], 'agency'), '1990-01-01');
    expect(agency.roles).toEqual([]);
    expect(agency.beforeRoles).toBe(false);
    expect(rolesAt(entity({ category: 'official' }), '2000-01-01').roles).toEqual([]);
  });
});

describe('age and later facts', () => {
  const memo = entity({
    facts: [
      fact('2018-04-06', 'Issued.'),
      fact('2021-01-14', 'IG report.'),
      fact('2021-01-26', 'Rescinded.'),
    ],
  });

  test("on the first fact's day the age is 0 days; the day before, the start is 1 day away", () => {
    const on = rolesAt(memo, '2018-04-06');
    expect(on.start).toBe('2018-04-06');
    expect(on.ageDays).toBe(0);
    expect(on.daysUntilStart).toBeNull();
    const before = rolesAt(memo, '2018-04-05');
    expect(before.ageDays).toBeNull();
    expect(before.daysUntilStart).toBe(1);
  });

  test('a fact dated on the reference day is not "later"', () => {
    const a = rolesAt(memo, '2021-01-14');
    expect(a.later.map((f) => f.text)).toEqual(['Rescinded.']);
    expect(a.laterCount).toBe(1);
    expect(a.later[0]).toEqual({ index: 2, date: '2021-01-26', text: 'Rescinded.' });
  });

  test(`at most ${MAX_LATER} later facts are listed, the count says how many there are`, () => {
    const a = rolesAt(memo, '2018-01-01');
    expect(a.later.map((f) => f.date)).toEqual(['2018-04-06', '2021-01-14']);
    expect(a.laterCount).toBe(3);
    expect(rolesAt(memo, '2030-01-01').later).toEqual([]);
    expect(rolesAt(memo, '2030-01-01').laterCount).toBe(0);
  });

  test('people have no start or age; an entity with no sourced fact has none either', () => {
    const p = rolesAt(entity({ category: 'official', roles: [SENATOR], facts: memo.facts }), '2019-01-01');
    expect([p.start, p.ageDays, p.daysUntilStart]).toEqual([null, null, null]);
    const empty = rolesAt(entity({}), '2019-01-01');
    expect([empty.start, empty.ageDays, empty.daysUntilStart]).toEqual([null, null, null]);
  });

  test('no page date: the reference is today, given or real', () => {
    expect(asOf(memo, null, '2021-01-20').reference).toBe('2021-01-20');
    expect(asOf(memo, null).reference).toBe(todayIso());
    expect(asOf(memo, '2018-02-30', '2021-01-20')).toMatchObject({ pageDate: null, reference: '2021-01-20' });
  });

  test('ages read in days under 60, months under 730 days, then years', () => {
    expect(ageUnit(0)).toEqual({ unit: 'days', value: 0 });
    expect(ageUnit(59)).toEqual({ unit: 'days', value: 59 });
    expect(ageUnit(60)).toEqual({ unit: 'months', value: 1 });
    expect(ageUnit(729)).toEqual({ unit: 'months', value: 23 });
    expect(ageUnit(730)).toEqual({ unit: 'years', value: 1 });
    expect(ageUnit(3652)).toEqual({ unit: 'years', value: 9 });
    expect(ageUnit(3653)).toEqual({ unit: 'years', value: 10 });
  });
});

describe('key facts', () => {
  const months = ['01', '02', '03', '04', '05', '06', '07'];
  const seven = entity({ facts: months.map((m) => fact(`2018-${m}-01`)) });
  const picked = (ref: string | null, max?: number) =>
    keyFacts(seven, ref, max).map((f) => f.fact.date.slice(5, 7));

  test('no more facts than the maximum: all of them', () => {
    expect(keyFacts(entity({ facts: [fact('2018-01-01'), fact('2018-02-01')] }), '2018-01-15')).toHaveLength(
      2,
    );
    expect(picked(null, 7)).toEqual(months);
  });

  test('around the reference: two up to it (its own day included) and two after', () => {
    expect(picked('2018-03-01')).toEqual(['02', '03', '04', '05']);
    expect(picked('2018-03-02')).toEqual(['02', '03', '04', '05']);
  });

  test('when one side runs short the other fills the four', () => {
    expect(picked('2018-06-15')).toEqual(['04', '05', '06', '07']);
    expect(picked('2018-12-01')).toEqual(['04', '05', '06', '07']);
    expect(picked('2018-01-15')).toEqual(['01', '02', '03', '04']);
    expect(picked('2017-01-01')).toEqual(['01', '02', '03', '04']);
  });

  test('no reference: the first fact and the latest ones', () => {
    expect(picked(null)).toEqual(['01', '05', '06', '07']);
    expect(picked(null, 3)).toEqual(['01', '06', '07']);
  });
});
