import { describe, expect, test } from 'vitest';
import { ageUnit, asOf, daysBetween, keyFacts, sourcedFacts } from '../../data/as-of';
import type { Entity } from '../../data/types';

const src = (id: string) => ({
  id,
  title: 'T',
  publisher: 'P',
  date: '2018-01-01',
  url: 'https://e.org',
  kind: 'primary' as const,
});

const sessions: Entity = {
  id: 'jeff-sessions',
  category: 'official',
  scope: 'core',
  name: 'Jeff Sessions',
  aliases: ['Jeff Sessions'],
  summary: 'S.',
  roles: [
    { title: 'U.S. Senator from Alabama', from: '1997-01-03', to: '2017-02-08', sources: ['a'] },
    { title: 'U.S. Attorney General', from: '2017-02-09', to: '2018-11-07', sources: ['a'] },
  ],
  facts: [
    { text: 'Memo.', date: '2018-04-06', sources: ['a'] },
    { text: 'Resigned.', date: '2018-11-07', sources: ['a'] },
    { text: 'Lost runoff.', date: '2020-07-14', sources: ['a'] },
  ],
  sources: [src('a')],
  related: [],
  updated: '2026-11-23',
};

const memo: Entity = {
  id: 'doj-zero-tolerance-memo',
  category: 'policy',
  scope: 'core',
  name: 'Memo',
  aliases: ['memo'],
  summary: 'S.',
  facts: [
    { text: 'Issued.', date: '2018-04-06', sources: ['a'] },
    { text: 'Unsourced claim.', date: '2018-05-01', sources: ['missing'] },
    { text: 'IG report.', date: '2021-01-14', sources: ['a'] },
    { text: 'Rescinded.', date: '2021-01-26', sources: ['a'] },
    { text: 'Later still.', date: '2022-01-01', sources: ['a'] },
  ],
  sources: [src('a')],
  related: [],
  updated: '2026-11-23',
};

describe('asOf', () => {
  test('a person: the role held at the article date, with its end', () => {
    const a = asOf(sessions, '2018-05-08', '2026-11-23');
    expect(a.pageDate).toBe('2018-05-08');
    expect(a.roles).toEqual([
      { title: 'U.S. Attorney General', from: '2017-02-09', to: '2018-11-07', status: 'held' },
    ]);
    expect(a.ageDays).toBeNull();
    expect(a.later.map((f) => f.date)).toEqual(['2018-11-07', '2020-07-14']);
  });

  test('a person between roles: the last role that ended', () => {
    const a = asOf(sessions, '2019-03-01', '2026-11-23');
    expect(a.roles).toEqual([
      { title: 'U.S. Attorney General', from: '2017-02-09', to: '2018-11-07', status: 'ended' },
    ]);
    expect(a.later.map((f) => f.text)).toEqual(['Lost runoff.']);
  });

  test('a person before any role', () => {
    const a = asOf(sessions, '1995-01-01', '2026-11-23');
    expect(a.roles).toEqual([]);
    expect(a.beforeRoles).toBe(true);
  });

  test('a role held on its last day still counts as held', () => {
    expect(asOf(sessions, '2018-11-07', '2026-11-23').roles[0]?.status).toBe('held');
  });

  test('a policy: its age at the date and the sourced facts after it', () => {
    const a = asOf(memo, '2018-05-08', '2026-11-23');
    expect(a.ageDays).toBe(32);
    expect(a.start).toBe('2018-04-06');
    expect(a.later.map((f) => f.text)).toEqual(['IG report.', 'Rescinded.']);
    expect(a.laterCount).toBe(3);
    expect(a.later[1]?.index).toBe(3);
  });

  test('a date before the policy began', () => {
    const a = asOf(memo, '2018-04-01', '2026-11-23');
    expect(a.ageDays).toBeNull();
    expect(a.daysUntilStart).toBe(5);
  });

  test('no page date: as of today', () => {
    const a = asOf(sessions, null, '2026-11-23');
    expect(a.pageDate).toBeNull();
    expect(a.reference).toBe('2026-11-23');
    expect(a.roles[0]?.status).toBe('ended');
    expect(a.later).toEqual([]);
  });

  test('a malformed page date is treated as no date', () => {
    expect(asOf(memo, '2018-02-30', '2026-11-23').pageDate).toBeNull();
    expect(asOf(memo, 'yesterday', '2026-11-23').reference).toBe('2026-11-23');
  });
});

describe('helpers', () => {
  test('daysBetween and ageUnit', () => {
    expect(daysBetween('2018-04-06', '2018-05-08')).toBe(32);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(ageUnit(32)).toEqual({ unit: 'days', value: 32 });
    expect(ageUnit(100)).toEqual({ unit: 'months', value: 3 });
    expect(ageUnit(365 * 74)).toEqual({ unit: 'years', value: 73 });
  });

  test('unsourced facts are never used', () => {
    expect(sourcedFacts(memo).map((f) => f.fact.text)).not.toContain('Unsourced claim.');
  });

  test('keyFacts picks around the date, at most four', () => {
    expect(keyFacts(memo, '2021-01-20').map((f) => f.fact.date)).toEqual([
      '2018-04-06',
      '2021-01-14',
      '2021-01-26',
      '2022-01-01',
    ]);
    expect(keyFacts(memo, '2018-05-08', 3).map((f) => f.fact.date)).toEqual([
      '2018-04-06',
      '2021-01-14',
      '2021-01-26',
    ]);
    expect(keyFacts(memo, null).length).toBe(4);
  });
});
