/**
 * The highlighter hands mark.js snapshot iterators instead of live NodeIterators (see
 * `snapshotIterator` in scan/wrap.ts). They must answer exactly like each browser's own
 * NodeIterator, for the way mark.js reads and for plain forward reads, on random trees.
 */
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, DRIVERS, type Session } from './drivers';
import { ROOT, TestServer } from './harness';

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

const server = new TestServer();
let bundle: string;
beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: "export { snapshotIterator } from './entrypoints/content/scan/wrap';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'Backstory',
    write: false,
  });
  bundle = out.outputFiles[0]?.text ?? '';
  await server.start();
  server.route('/blank.html', { body: '<!doctype html><body></body>' });
});
afterAll(async () => {
  await server.stop();
});

describe.each(BROWSERS)('in %s', (name) => {
  let b: Session;
  beforeAll(async () => {
    b = await DRIVERS[name].launch({ extension: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  test(`snapshot iterators answer like NodeIterators in ${name}`, async () => {
    const page = await b.open(`${server.origin}/blank.html`);
    await page.evaluateScript(bundle);
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
    await page.close();
  });
});
