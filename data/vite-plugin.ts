import type { Plugin } from 'vite';
import { datasetMeta, toMatchEntity } from './compile';
import { ENTITIES_DIR, loadDataset } from './load';
import { Matcher } from './matcher';
import { formatError } from './validate';

const MATCH_INDEX = 'virtual:backstory/match-index';
const DATASET = 'virtual:backstory/dataset';

/**
 * Serves the validated dataset as two virtual modules, so an invalid entity fails the build
 * with its file and field. The content script imports only the match index (aliases and rules);
 * the background, popup and options import the full dataset.
 */
export function datasetPlugin(dir: string | URL = process.env.BACKSTORY_ENTITIES ?? ENTITIES_DIR): Plugin {
  return {
    name: 'backstory-dataset',
    resolveId(id) {
      if (id === MATCH_INDEX || id === DATASET) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id !== `\0${MATCH_INDEX}` && id !== `\0${DATASET}`) return null;
      this.addWatchFile(typeof dir === 'string' ? dir : dir.pathname);
      const { entities, errors } = loadDataset(dir);
      if (errors.length > 0)
        this.error(
          `Invalid dataset (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
            errors.map(formatError).join('\n'),
        );
      if (id === `\0${MATCH_INDEX}`) {
        const index = entities.map(toMatchEntity);
        // What the matcher can prepare (the first look's expressions) is done here, once.
        return (
          `export default ${JSON.stringify(index)};\n` +
          `export const prepared = ${JSON.stringify(new Matcher(index).prepare())};`
        );
      }
      return `export default ${JSON.stringify({ entities, meta: datasetMeta(entities) })};`;
    },
  };
}
