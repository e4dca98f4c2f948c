/** Prints precision and recall of the matcher over the annotated corpus, by category. */
import { CATEGORIES } from '../../data/types';
import { evaluate, rates } from '../corpus';

const s = evaluate();
const f = (x: number) => x.toFixed(3);
console.log('category       tp    fp    fn   precision  recall');
for (const c of CATEGORIES) {
  const row = s.byCategory.get(c);
  if (!row) continue;
  const r = rates(row);
  console.log(
    `${c.padEnd(13)}${String(row.tp).padStart(4)}${String(row.fp).padStart(6)}${String(row.fn).padStart(6)}   ${f(r.precision)}     ${f(r.recall)}`,
  );
}
const t = rates(s.total);
console.log(
  `${'ALL'.padEnd(13)}${String(s.total.tp).padStart(4)}${String(s.total.fp).padStart(6)}${String(s.total.fn).padStart(6)}   ${f(t.precision)}     ${f(t.recall)}`,
);
console.log(
  `\nBars: precision ≥ 0.97 ${t.precision >= 0.97 ? 'PASS' : 'FAIL'}, recall ≥ 0.93 ${t.recall >= 0.93 ? 'PASS' : 'FAIL'}`,
);
if (process.argv.includes('--details')) {
  console.log(`\nMissed (${s.misses.length}):`);
  for (const m of s.misses) console.log(`  ${m}`);
  console.log(`\nFalse alarms (${s.falseAlarms.length}):`);
  for (const m of s.falseAlarms) console.log(`  ${m}`);
}
