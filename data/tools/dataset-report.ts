/**
 * Prints the dataset's coverage: size against the bar, by category, scope and language, primary vs
 * secondary sources against the bar, role coverage of people, the gaps in their roles, thin entities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ENTITIES_DIR, loadDataset } from '../load';
import { CATEGORIES, type Entity, SCOPES } from '../types';
import { formatError } from '../validate';

/** The bars the dataset is held to. */
const ENTITY_BAR = 170;
const PRIMARY_BAR = 60;
/** Role gaps are reported from this day to today. */
const SPAN_START = '2017-01-01';
const TODAY = new Date().toISOString().slice(0, 10);

const { entities, errors } = loadDataset();
if (errors.length) {
  for (const e of errors) console.error(formatError(e));
  console.error(`${errors.length} problems; the report covers the ${entities.length} valid entities`);
}
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const rpad = (s: string | number, n: number) => String(s).padStart(n);

const passFail = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
console.log(
  `Backstory dataset: ${entities.length} entities (bar ${ENTITY_BAR}: ${passFail(entities.length >= ENTITY_BAR)})\n`,
);
console.log('By category');
for (const c of CATEGORIES) {
  const list = entities.filter((e) => e.category === c);
  console.log(`  ${pad(c, 14)}${rpad(list.length, 4)}   ${list.filter((e) => e.es).length} with Spanish`);
}

const aliasLang = { en: 0, es: 0, both: 0 };
for (const e of entities)
  for (const a of e.aliases) {
    const lang = typeof a === 'string' ? undefined : a.lang;
    if (lang === 'en') aliasLang.en++;
    else if (lang === 'es') aliasLang.es++;
    else aliasLang.both++;
  }
console.log('\nBy scope');
for (const sc of SCOPES)
  console.log(`  ${pad(sc, 14)}${rpad(entities.filter((e) => e.scope === sc).length, 4)}`);

console.log('\nBy language');
console.log(`  entity texts in English        ${rpad(entities.length, 4)}`);
console.log(`  entity texts in Spanish (es)   ${rpad(entities.filter((e) => e.es).length, 4)}`);
console.log(`  aliases for any language       ${rpad(aliasLang.both, 4)}`);
console.log(`  aliases for English pages only ${rpad(aliasLang.en, 4)}`);
console.log(`  aliases for Spanish pages only ${rpad(aliasLang.es, 4)}`);

const sources = entities.flatMap((e) => e.sources);
const primary = sources.filter((s) => s.kind === 'primary').length;
console.log('\nSources');
const share = (100 * primary) / Math.max(1, sources.length);
console.log(
  `  primary    ${rpad(primary, 5)}  (${share.toFixed(1)}%; bar ${PRIMARY_BAR}%: ${passFail(share >= PRIMARY_BAR)})`,
);
console.log(`  secondary  ${rpad(sources.length - primary, 5)}`);
console.log(`  total      ${rpad(sources.length, 5)}`);
const facts = entities.reduce((n, e) => n + e.facts.length, 0);
const roles = entities.reduce((n, e) => n + (e.roles?.length ?? 0), 0);
console.log(`  facts ${facts}, roles ${roles}`);

const thin = entities.filter((e) => e.sources.length < 2);
console.log(`\nEntities with fewer than two sources: ${thin.length}`);
for (const e of thin) console.log(`  ${e.id} (${e.sources.length})`);

const officials = entities.filter((e) => e.category === 'official');
const persons = entities.filter((e) => e.category === 'person');
// Coverage counts every file, valid or not: an official with no role is itself a validation error.
const raw = readdirSync(ENTITIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(new URL(f, ENTITIES_DIR), 'utf8')) as Partial<Entity>];
    } catch {
      return [];
    }
  });
const coverage = (category: string) => {
  const list = raw.filter((e) => e.category === category);
  const covered = list.filter((e) => Array.isArray(e.roles) && e.roles.length > 0).length;
  return `${rpad(covered, 4)} / ${list.length}`;
};
console.log('\nRoles (all files)');
console.log(`  officials with roles  ${coverage('official')}`);
console.log(`  persons with roles    ${coverage('person')}`);

/** ISO day arithmetic in UTC. */
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

/** The day ranges in [SPAN_START, TODAY] that no role covers (`to` is inclusive; no `to` means still held). */
function roleGaps(e: Entity): [string, string][] {
  const spans = (e.roles ?? [])
    .map((r) => [r.from < SPAN_START ? SPAN_START : r.from, r.to && r.to < TODAY ? r.to : TODAY] as const)
    .filter(([from, to]) => from <= to)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const gaps: [string, string][] = [];
  let next = SPAN_START; // first day not yet covered
  for (const [from, to] of spans) {
    if (from > next) gaps.push([next, addDays(from, -1)]);
    if (to >= next) next = addDays(to, 1);
  }
  if (next <= TODAY) gaps.push([next, TODAY]);
  return gaps;
}

const people = [...officials, ...persons].sort((a, b) => a.id.localeCompare(b.id));
const noRoles = raw
  .filter((e) => (e.category === 'official' || e.category === 'person') && !e.roles?.length)
  .sort((a, b) => String(a.id).localeCompare(String(b.id)));
const gapped = people.filter((e) => e.roles?.length && roleGaps(e).length > 0);
console.log(`\nRole gaps between ${SPAN_START} and ${TODAY} (days no role covers)`);
const width = Math.max(0, ...gapped.map((e) => e.id.length)) + 2;
for (const e of gapped) {
  const ranges = roleGaps(e).map(([a, b]) => `${a} → ${b} (${daysBetween(a, b)} d)`);
  console.log(`  ${pad(e.id, width)}${ranges.join('; ')}`);
}
console.log(`  ${gapped.length} of ${people.length} people with roles have gaps`);
if (noRoles.length) {
  console.log(`  No roles at all (the whole span is a gap): ${noRoles.length}`);
  for (const e of noRoles) console.log(`    ${e.id} (${e.category})`);
}
