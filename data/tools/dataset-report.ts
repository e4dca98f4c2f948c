/** Prints the dataset's coverage: by category, by language, primary vs secondary sources, thin entities. */
import { loadDataset } from '../load';
import { CATEGORIES } from '../types';
import { formatError } from '../validate';

const { entities, errors } = loadDataset();
if (errors.length) {
  for (const e of errors) console.error(formatError(e));
  console.error(`${errors.length} problems; the report covers the ${entities.length} valid entities`);
}
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const rpad = (s: string | number, n: number) => String(s).padStart(n);

console.log(`Backstory dataset: ${entities.length} entities\n`);
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
console.log('\nBy language');
console.log(`  entity texts in English        ${rpad(entities.length, 4)}`);
console.log(`  entity texts in Spanish (es)   ${rpad(entities.filter((e) => e.es).length, 4)}`);
console.log(`  aliases for any language       ${rpad(aliasLang.both, 4)}`);
console.log(`  aliases for English pages only ${rpad(aliasLang.en, 4)}`);
console.log(`  aliases for Spanish pages only ${rpad(aliasLang.es, 4)}`);

const sources = entities.flatMap((e) => e.sources);
const primary = sources.filter((s) => s.kind === 'primary').length;
console.log('\nSources');
console.log(
  `  primary    ${rpad(primary, 5)}  (${Math.round((100 * primary) / Math.max(1, sources.length))}%)`,
);
console.log(`  secondary  ${rpad(sources.length - primary, 5)}`);
console.log(`  total      ${rpad(sources.length, 5)}`);
const facts = entities.reduce((n, e) => n + e.facts.length, 0);
const roles = entities.reduce((n, e) => n + (e.roles?.length ?? 0), 0);
console.log(`  facts ${facts}, roles ${roles}`);

const thin = entities.filter((e) => e.sources.length < 2);
console.log(`\nEntities with fewer than two sources: ${thin.length}`);
for (const e of thin) console.log(`  ${e.id} (${e.sources.length})`);
