/** Diagnostic: compile cost of the first-look expressions in a fresh page (isolated world). */
import { Matcher } from '../../data/matcher';
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { isolatedWorld } from './browser';
import { noMentions200k, realEntities } from './pages';

const src = new Matcher(realEntities()).prepare().firstLook;
console.log('main source length', src.main?.length, 'triggers', src.triggers.length);
const server = new TestServer();
await server.start();
const url = server.route('/e.html', { body: noMentions200k().html });
const b = await ExtensionBrowser.launch({ extension: false });
const variants: Record<string, string> = {
  main: src.main as string,
  mainNoSep: (src.main as string).replaceAll(
    '[\\t-\\r \\-\\u00a0\\u2000-\\u200a\\u2010-\\u2015\\u202f\\u205f\\u3000\\u2212]+',
    ' ',
  ),
  small: '\\b(?:sessi|niels|trump)',
};
for (const [name, s] of Object.entries(variants)) {
  const xs: string[] = [];
  for (let run = 0; run < 5; run++) {
    const p = await b.context.newPage();
    await p.goto(url, { waitUntil: 'load' });
    const { cdp, contextId: executionContextId } = await isolatedWorld(p);
    const fn = (s: string) => {
      const text = document.body.textContent ?? '';
      const t0 = performance.now();
      const re = new RegExp(s, 'gi');
      const t1 = performance.now();
      re.exec('warm up: Jeff_1a');
      const t2 = performance.now();
      re.lastIndex = 0;
      re.exec('warm up: Jeff_1a');
      const t3 = performance.now();
      re.lastIndex = 0;
      let n = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        n++;
        re.lastIndex = m.index + 1;
      }
      const t4 = performance.now();
      return `new ${(t1 - t0).toFixed(2)} exec1 ${(t2 - t1).toFixed(2)} exec2 ${(t3 - t2).toFixed(2)} scan ${(t4 - t3).toFixed(2)} (${n})`;
    };
    const r = (await cdp.send('Runtime.evaluate', {
      expression: `globalThis.__name=(f)=>f;(${fn.toString()})(${JSON.stringify(s)})`,
      contextId: executionContextId,
      returnByValue: true,
    })) as { result: { value: string } };
    xs.push(r.result.value);
    await p.close();
  }
  console.log(name.padEnd(10), xs.join(' | '));
}
await b.close();
await server.stop();
