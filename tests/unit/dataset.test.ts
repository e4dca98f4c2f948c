import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toMatchEntity } from '../../data/compile';
import { loadDataset } from '../../data/load';
import { createPageState, Matcher } from '../../data/matcher';
import { type AliasRule, CATEGORIES, type Entity } from '../../data/types';
import { formatError, urlKey } from '../../data/validate';
import { datasetPlugin } from '../../data/vite-plugin';

const { entities, errors } = loadDataset();
const BROKEN = join(import.meta.dirname, '../fixtures/entities-broken');

describe('the real dataset', () => {
  test('is valid: every file, field, reference, source and alias rule', () => {
    expect(errors.map(formatError)).toEqual([]);
  });

  test('covers the story: at least 110 entities, every category, 40+ in Spanish', () => {
    expect(entities.length).toBeGreaterThanOrEqual(110);
    for (const c of CATEGORIES)
      expect(
        entities.some((e) => e.category === c),
        c,
      ).toBe(true);
    expect(entities.filter((e) => e.es).length).toBeGreaterThanOrEqual(40);
  });

  test('every official has a dated role; every fact has a source dated on or after it (or is an announcement)', () => {
    for (const e of entities) {
      if (e.category === 'official') expect(e.roles?.length ?? 0, e.id).toBeGreaterThan(0);
      const dates = new Map(e.sources.map((s) => [s.id, s.date]));
      for (const f of e.facts)
        if (!f.announcement)
          expect(
            f.sources.some((id) => (dates.get(id) ?? '') >= f.date),
            `${e.id}: ${f.text}`,
          ).toBe(true);
    }
  });

  test('each URL carries one date across the dataset', () => {
    const dates = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of entities)
      for (const s of e.sources) {
        const key = urlKey(s.url);
        const seen = dates.get(key);
        if (seen && seen !== s.date) clashes.push(`${e.id}: ${s.url} ${s.date} vs ${seen}`);
        if (!seen) dates.set(key, s.date);
      }
    expect(clashes).toEqual([]);
  });

  test('every fact and role cites a source of its own entity, with an https URL', () => {
    for (const e of entities) {
      const ids = new Set(e.sources.map((s) => s.id));
      for (const f of [...e.facts, ...(e.roles ?? [])])
        for (const s of f.sources) expect(ids.has(s), `${e.id}: ${s}`).toBe(true);
      for (const s of e.sources) expect(s.url, e.id).toMatch(/^https:\/\//);
    }
  });

  test('includes the entities the issue names', () => {
    const ids = new Set(entities.map((e) => e.id));
    for (const id of [
      'zero-tolerance-policy',
      'doj-zero-tolerance-memo',
      'family-separation',
      'operation-streamline',
      'jeff-sessions',
      'kirstjen-nielsen',
      'thomas-homan',
      'donald-trump',
      'dana-sabraw',
      'usc-8-1325',
      'usc-8-1326',
      'usc-8-1324',
      'usc-8-1158',
      'usc-8-1225',
      'flores-settlement',
      'ms-l-v-ice',
      'al-otro-lado-v-nielsen',
      'dhs',
      'doj',
      'cbp',
      'ice',
      'border-patrol',
      'migrant-caravan-2018',
      'june-2018-reversal',
      'doj-oig-report-2021',
      'memo-rescission-2021',
    ])
      expect(ids.has(id), id).toBe(true);
  });
});

describe('the validator on a deliberately broken folder', () => {
  const broken = loadDataset(BROKEN);
  const lines = broken.errors.map(formatError);

  test('names the file and the field of each problem', () => {
    expect(lines).toContain(
      'data/entities/bad-fields.json: category: must be one of policy, official, person, statute, case, agency, organization, event',
    );
    expect(lines).toContain('data/entities/bad-fields.json: facts[0].date: must be an ISO date (YYYY-MM-DD)');
    expect(lines).toContain('data/entities/bad-fields.json: facts[0].sources: cites unknown source "nope"');
    expect(lines).toContain('data/entities/bad-fields.json: sources[0].url: must be an https URL');
    expect(lines.some((l) => l.startsWith('data/entities/not-json.json: (file): not valid JSON'))).toBe(true);
    // Only the file whose one problem is cross-file (a URL's date) passes on its own.
    expect(broken.entities.map((e) => e.id)).toEqual(['url-date-clash']);
  });

  test('requires a dated role of every official', () => {
    expect(lines).toContain(
      'data/entities/official-no-roles.json: roles: an official needs at least one dated role',
    );
    expect(lines.filter((l) => l.includes('url-date-clash.json: roles'))).toEqual([]);
  });

  test('rejects a fact whose every source predates it, unless it is an advance announcement', () => {
    expect(lines).toContain(
      'data/entities/official-no-roles.json: facts[0].sources: every cited source is dated before the fact (2018-06-01); cite one dated on or after it, or mark an advance announcement "announcement": true',
    );
    expect(lines.filter((l) => l.includes('official-no-roles.json: facts[1]'))).toEqual([]);
    // facts[2] is dated before its source, which is fine.
    expect(lines.filter((l) => l.includes('official-no-roles.json: facts[2].sources'))).toEqual([]);
  });

  test('rejects unknown fields in a fact and a non-boolean announcement', () => {
    expect(lines).toContain('data/entities/official-no-roles.json: facts[2].note: unknown field');
    expect(lines).toContain(
      'data/entities/official-no-roles.json: facts[2].announcement: must be true or false',
    );
  });

  test('gives each URL one date and one kind across the dataset, naming both files', () => {
    expect(lines).toContain(
      'data/entities/url-date-clash.json: sources[0].date: 2019-05-05 differs from 2018-01-01 for the same URL in data/entities/official-no-roles.json (sources[0]); give each URL one date',
    );
    expect(lines).toContain(
      'data/entities/url-date-clash.json: sources[0].kind: secondary differs from primary for the same URL in data/entities/official-no-roles.json (sources[0]); give each URL one kind',
    );
  });

  test('fails the build with the same messages', () => {
    const plugin = datasetPlugin(BROKEN);
    const ctx = {
      addWatchFile() {},
      error(message: string): never {
        throw new Error(message);
      },
    };
    const load = plugin.load as unknown as (this: typeof ctx, id: string) => unknown;
    expect(() => load.call(ctx, '\0virtual:backstory/dataset')).toThrow(/bad-fields\.json: facts\[0\]\.date/);
  });
});

/** A sentence that satisfies an alias's rules, so the alias alone decides whether it is found. */
function sentenceFor(e: Entity, rule: AliasRule): { text: string; start: number } {
  // Coreference needs the entity named in full first, by an alias with no rules of its own.
  const full = toMatchEntity(e).aliases.find((a) => !a.requires && !a.context && !a.lang && !a.caseSensitive);
  const intro = rule.requires === 'coreference' ? `${full?.text ?? e.name} spoke first. ` : '';
  const context = rule.context ? ` near ${rule.context[0]}` : '';
  const prefix = `${intro}Reporters wrote that `;
  return { text: `${prefix}${rule.text} was discussed${context} today.`, start: prefix.length };
}

describe('every alias of every entity', () => {
  const index = entities.map(toMatchEntity);
  const matcher = new Matcher(index);

  test('is found by the matcher in a sentence of its own', () => {
    const missed: string[] = [];
    for (const e of entities) {
      for (const rule of toMatchEntity(e).aliases) {
        const { text, start } = sentenceFor(e, rule);
        // An alias that counts only between two dates is tried on a page dated within them.
        const found = matcher.find(text, createPageState(rule.lang ?? 'unknown', rule.during?.[0] ?? null));
        const hit = found.find((m) => m.start <= start && m.end >= start + rule.text.length);
        if (!hit || (hit.entity !== e.id && !isLongerAliasOf(hit.entity, rule.text)))
          missed.push(`${e.id}: "${rule.text}" → ${hit?.entity ?? 'nothing'}`);
      }
    }
    expect(missed).toEqual([]);
  });

  function isLongerAliasOf(entity: string, text: string): boolean {
    // Another entity may own a longer alias that contains this one ("Al Otro Lado v. Nielsen").
    return index.some(
      (e) => e.id === entity && e.aliases.some((a) => a.text.length > text.length && a.text.includes(text)),
    );
  }
});
