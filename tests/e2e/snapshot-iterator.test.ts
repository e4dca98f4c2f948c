/**
 * The highlighter hands mark.js snapshot iterators instead of live NodeIterators (see
 * `snapshotIterator` in highlighter.ts). They must answer exactly like Chromium's own
 * NodeIterator, for the way mark.js reads and for plain forward reads, on random trees.
 */
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ExtensionBrowser, ROOT } from './harness';

type Spec = { kind: 'text'; t: string } | { kind: 'el'; tag: string; kids: Spec[] };
const tree: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 4 }).map((t) => ({ kind: 'text' as const, t })),
    fc
      .tuple(fc.constantFrom('p', 'b', 'script', 'div'), fc.array(tie('node'), { maxLength: 4 }))
      .map(([tag, kids]) => ({ kind: 'el' as const, tag, kids })),
  ),
})).node;

let browser: ExtensionBrowser;
let bundle: string;
beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: "export { snapshotIterator } from './entrypoints/content/highlighter';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'Backstory',
    write: false,
  });
  bundle = out.outputFiles[0]?.text ?? '';
  browser = await ExtensionBrowser.launch({ extension: false });
});
afterAll(async () => {
  await browser?.close();
});

test('snapshot iterators answer like NodeIterators in Chromium', async () => {
  const page = await browser.context.newPage();
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: bundle });
  const cases = fc.sample(fc.tuple(tree, fc.boolean(), fc.boolean()), { numRuns: 400, seed: 7 });
  const mismatches = await page.evaluate((cases) => {
    const make = (s: Spec): Node => {
      if (s.kind === 'text') return document.createTextNode(s.t);
      const el = document.createElement(s.tag);
      for (const k of s.kids) el.appendChild(make(k));
      return el;
    };
    const snapshot = (
      window as unknown as { Backstory: { snapshotIterator: typeof document.createNodeIterator } }
    ).Backstory.snapshotIterator;
    const noScript = (n: Node) =>
      n.parentElement?.tagName === 'SCRIPT' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    const bad: string[] = [];
    for (const [spec, filtered, all] of cases) {
      const root = make(spec);
      document.body.appendChild(root);
      const nodes: Node[] = [];
      const index = (n: Node | null) => {
        if (!n) return -1;
        if (!nodes.includes(n)) nodes.push(n);
        return nodes.indexOf(n);
      };
      const show = all ? NodeFilter.SHOW_ALL : NodeFilter.SHOW_TEXT;
      const filter = filtered ? noScript : null;
      const markjs = (itr: NodeIterator) => {
        const out: number[] = [];
        for (let guard = 0; guard < 500; guard++) {
          const prev = itr.previousNode();
          const node = prev === null ? itr.nextNode() : itr.nextNode() && itr.nextNode();
          out.push(index(prev), index(node));
          if (!node) break;
        }
        return out.join(',');
      };
      const forward = (itr: NodeIterator) => {
        const out: number[] = [];
        for (let n = itr.nextNode(); n; n = itr.nextNode()) out.push(index(n));
        return out.join(',');
      };
      const a = `${markjs(document.createNodeIterator(root, show, filter))} | ${forward(document.createNodeIterator(root, show, filter))}`;
      const b = `${markjs(snapshot(root, show, filter))} | ${forward(snapshot(root, show, filter))}`;
      if (a !== b)
        bad.push(`${JSON.stringify(spec)} filtered=${filtered} all=${all}: native ${a}, snapshot ${b}`);
      root.parentNode?.removeChild(root);
    }
    return bad;
  }, cases);
  expect(mismatches.slice(0, 3)).toEqual([]);
  expect(cases.length).toBe(400);
});
