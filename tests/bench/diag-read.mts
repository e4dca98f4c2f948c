/** Diagnostic: cold reads of a page's text, by method and world, in Chromium. */
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { isolatedWorld } from './browser';
import { big2mb, noMentions200k } from './pages';

const server = new TestServer();
await server.start();
const urls = {
  empty: server.route('/bench/empty.html', { body: noMentions200k().html }),
  big: server.route('/bench/big.html', { body: big2mb().html }),
};
const b = await ExtensionBrowser.launch({ extension: false });
const fns: Record<string, string> = {
  walker: `(() => { const t = performance.now(); const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; for (let x = w.nextNode(); x; x = w.nextNode()) n += x.data.length; return performance.now() - t; })()`,
  textContent: `(() => { const t = performance.now(); const s = document.body.textContent; return performance.now() - t + (s.length < 0 ? 1 : 0); })()`,
  textContentCharAt: `(() => { const t = performance.now(); const s = document.body.textContent; s.charCodeAt(s.length >> 1); return performance.now() - t; })()`,
};
for (const [k, url] of Object.entries(urls))
  for (const world of ['main', 'isolated'])
    for (const [name, expr] of Object.entries(fns)) {
      const xs: number[] = [];
      for (let run = 0; run < 5; run++) {
        const p = await b.context.newPage();
        await p.goto(url, { waitUntil: 'load' });
        const { cdp, contextId: isolated } = await isolatedWorld(p);
        const contextId = world === 'isolated' ? isolated : undefined;
        const res = (await cdp.send('Runtime.evaluate', {
          expression: expr,
          contextId,
          returnByValue: true,
        })) as { result: { value: number } };
        xs.push(res.result.value);
        await p.close();
      }
      xs.sort((a, b) => a - b);
      console.log(
        k.padEnd(6),
        world.padEnd(9),
        name.padEnd(18),
        'median',
        xs[2]?.toFixed(2),
        'all',
        xs.map((x) => x.toFixed(1)).join(' '),
      );
    }
await b.close();
await server.stop();
