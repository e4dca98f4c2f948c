import matchIndex, { prepared } from 'virtual:backstory/match-index';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { Matcher } from '../data/matcher';
import { wrapMany } from './content/scan/wrap';

/**
 * The scan engine (see content/scan/engine.ts), loaded by the content script with a dynamic
 * import only when a page's text may hold a mention. It runs in the content script's isolated
 * world and hands over the matcher, the names and the wrapper.
 */
export default defineUnlistedScript(() => {
  globalThis.__backstoryEngine = {
    matcher: new Matcher(matchIndex, { prepared }),
    wrapMany,
    names: new Map(matchIndex.map((e) => [e.id, e.name])),
  };
});
