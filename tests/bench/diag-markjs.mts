/**
 * Diagnostic (not part of `npm run bench`): mark.js `markRanges` per mark in an isolated world on
 * the 2 MB page, called the way highlighter.ts calls it, against the bare DOM operations it does.
 */
import { readFileSync } from 'node:fs';
import { ExtensionBrowser, ROOT, TestServer } from '../e2e/harness';
import { isolatedWorld } from './browser';
import { big2mb } from './pages';

const markjs = readFileSync(`${ROOT}/node_modules/mark.js/dist/mark.js`, 'utf8');
const server = new TestServer();
await server.start();
const url = server.route('/b.html', { body: big2mb().html });
const b = await ExtensionBrowser.launch({ extension: false });
for (const [mode, batch] of (process.env.PROFILE
  ? [['markjs', 24]]
  : [
      ['markjs', 24],
      ['bare', 1],
      ['bare-iter', 1],
      ['bare-walker', 1],
      ['markjs-walker', 24],
    ]) as [string, number][]) {
  const p = await b.context.newPage();
  await p.goto(url, { waitUntil: 'load' });
  const { cdp, contextId: executionContextId } = await isolatedWorld(p);
  await cdp.send('Runtime.evaluate', { expression: markjs, contextId: executionContextId });
  const fn = (mode: string, batch: number) => {
    const ps = [...document.querySelectorAll('p')].filter((_, i) => i % 7 === 0).slice(0, 2000);
    const nodes = ps.map((q) => q.firstChild as Text).filter((t) => t && t.nodeType === 3 && t.length > 30);
    if (mode === 'markjs-walker') {
      // mark.js walks with live NodeIterators; hand it TreeWalkers, which the DOM does not update on removal.
      const d = document as unknown as { createNodeIterator: unknown };
      d.createNodeIterator = (root: Node, what: number, filter: NodeFilter) => {
        const w = document.createTreeWalker(root, what, filter);
        let started = false;
        return {
          previousNode: () => null,
          nextNode: () => {
            if (!started) {
              started = true;
              if (root.nodeType === 3) return root;
            }
            return w.nextNode();
          },
        };
      };
    }
    const t0 = performance.now();
    const attrs = { 'data-entity': 'jeff-sessions', 'data-category': 'official', 'data-style': 'underline' };
    for (let i = 0; i < nodes.length; i += batch) {
      const group = nodes.slice(i, i + batch);
      if (mode.startsWith('bare')) {
        for (const n of group) {
          if (mode === 'bare-iter') document.createNodeIterator(n, NodeFilter.SHOW_TEXT).nextNode();
          if (mode === 'bare-walker') document.createTreeWalker(n, NodeFilter.SHOW_TEXT).nextNode();
          const mid = n.splitText(10);
          mid.splitText(10);
          const el = document.createElement('backstory-mark');
          for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
          el.textContent = mid.textContent;
          mid.parentNode?.replaceChild(el, mid);
        }
      } else {
        // biome-ignore lint/suspicious/noExplicitAny: the UMD global
        new (globalThis as any).Mark(group).markRanges(
          group.map((_, j) => ({
            start: j * 0 + 10 + group.slice(0, j).reduce((a, x) => a + x.length, 0),
            length: 10,
          })),
          {
            element: 'backstory-mark',
            each: (el: Element) => {
              el.removeAttribute('data-markjs');
              for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
            },
          },
        );
      }
    }
    const ms = performance.now() - t0;
    return `${mode} batch ${batch}: ${nodes.length} marks, ${ms.toFixed(1)} ms, ${((ms / nodes.length) * 1000).toFixed(1)} µs/mark, marks in page ${document.querySelectorAll('backstory-mark').length}`;
  };
  if (process.env.PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
  }
  const r = (await cdp.send('Runtime.evaluate', {
    expression: `globalThis.__name=(f)=>f;(${fn.toString()})(${JSON.stringify(mode)}, ${batch})`,
    contextId: executionContextId,
    returnByValue: true,
  })) as { result: { value: string } };
  console.log(r.result.value ?? JSON.stringify(r));
  if (process.env.PROFILE) {
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: {
        nodes: { id: number; callFrame: { functionName: string; lineNumber: number } }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, k) => {
      const n = byId.get(id);
      const key = `${n?.callFrame.functionName || '(anon)'}:${n?.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${v.toFixed(1).padStart(7)} ${k}`)
        .join('\n'),
    );
  }
  await p.close();
}
await b.close();
await server.stop();
