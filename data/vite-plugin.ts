import type { Plugin } from 'vite';
import { datasetMeta, toMatchEntity } from './compile';
import { ENTITIES_DIR, loadDataset } from './load';
import { Matcher } from './matcher';
import { formatError } from './validate';

const MATCH_INDEX = 'virtual:backstory/match-index';
const PROBE = 'virtual:backstory/probe';
const DATASET = 'virtual:backstory/dataset';
const IDS = [MATCH_INDEX, PROBE, DATASET];

/**
 * Serves the validated dataset as two virtual modules, so an invalid entity fails the build
 * with its file and field. The content script imports only the match index (aliases and rules);
 * the background, popup and options import the full dataset.
 */
export function datasetPlugin(dir: string | URL = process.env.BACKSTORY_ENTITIES ?? ENTITIES_DIR): Plugin {
  return {
    name: 'backstory-dataset',
    resolveId(id) {
      if (IDS.includes(id)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (!IDS.some((v) => id === `\0${v}`)) return null;
      this.addWatchFile(typeof dir === 'string' ? dir : dir.pathname);
      const { entities, errors } = loadDataset(dir);
      if (errors.length > 0)
        this.error(
          `Invalid dataset (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
            errors.map(formatError).join('\n'),
        );
      const index = entities.map(toMatchEntity);
      // What the matcher can prepare (every alias folded, the first look's expressions) is done
      // here, once. Large data goes in as JSON.parse of a string, which engines parse faster
      // than the same object literal.
      const json = (v: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(v))})`;
      if (id === `\0${PROBE}`) {
        // Only what the probe needs: the content script every page loads carries this.
        const { firstLook, patterns, caseKeys, triggers, gates, titles } = new Matcher(index).prepare();
        return `export default ${json({ firstLook, patterns, caseKeys, triggers, gates, titles })};`;
      }
      if (id === `\0${MATCH_INDEX}`)
        return `export default ${json(index)};\nexport const prepared = ${json(new Matcher(index).prepare())};`;
      return `export default ${json({ entities, meta: datasetMeta(entities) })};`;
    },
  };
}
