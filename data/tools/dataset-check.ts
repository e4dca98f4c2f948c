/** Validates every entity file; prints each problem as "file: field: message" and exits 1 on any. */
import { loadDataset } from '../load';
import { formatError } from '../validate';

const dir = process.argv[2];
const { entities, errors } = loadDataset(dir ?? undefined);
for (const e of errors) console.error(formatError(e));
console.log(`${entities.length} valid entities, ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
process.exit(errors.length ? 1 : 0);
