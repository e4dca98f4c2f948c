import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toMatchEntity } from '../../data/compile';
import { loadDataset } from '../../data/load';
import { createPageState, Matcher } from '../../data/matcher';
import { type AliasRule, CATEGORIES, type Entity } from '../../data/types';
import { formatError } from '../../data/validate';
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
    expect(broken.entities).toEqual([]);
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
        const found = matcher.find(text, createPageState(rule.lang ?? 'unknown'));
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
