import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DatasetResult, validateDataset } from './validate';

/** Where the entity files live. */
export const ENTITIES_DIR = new URL('./entities/', import.meta.url);

/**
 * Reads and validates every entity file in a folder (node only: the build, scripts and tests).
 * A file that is not JSON becomes an error that names it, like any other problem.
 */
export function loadDataset(dir: string | URL = ENTITIES_DIR): DatasetResult {
  const path = typeof dir === 'string' ? dir : dir.pathname;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = `data/entities/${name}`;
      try {
        return { file, json: JSON.parse(readFileSync(join(path, name), 'utf8')) as unknown };
      } catch (e) {
        return { file, json: undefined, parseError: (e as Error).message };
      }
    });
  const parsed = files.filter((f) => !('parseError' in f));
  const result = validateDataset(parsed);
  for (const f of files)
    if ('parseError' in f)
      result.errors.unshift({ file: f.file, field: '(file)', message: `not valid JSON: ${f.parseError}` });
  return result;
}
