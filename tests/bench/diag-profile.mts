/**
 * Diagnostic (not part of `npm run bench`): where the scan's time goes, from a CPU profile of the
 * content script on a bench page in real Chromium. Build unminified first:
 *   BACKSTORY_NO_MINIFY=1 BACKSTORY_OUT_DIR=.output-prof npx wxt build
 *   BACKSTORY_OUT_DIR=.output-prof npx tsx tests/bench/diag-profile.mts [big|empty|article|huge]
 */
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { waitScan } from './browser';
import { article20k, big2mb, huge20mb, noMentions200k } from './pages';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const which = (process.argv[2] ?? 'big') as 'big' | 'empty' | 'article' | 'huge';
const page = { big: big2mb, empty: noMentions200k, article: article20k, huge: huge20mb }[which]();
const server = new TestServer();
await server.start();
const url = server.route(`/bench/${which}.html`, { body: page.html });
const b = await ExtensionBrowser.launch();
const runs = Number(process.env.RUNS ?? 3);
const self = new Map<string, number>();
const total = new Map<string, number>();
let scanSum = 0;
for (let i = 0; i < runs; i++) {
  const p = await b.context.newPage();
  const cdp = await b.context.newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await p.goto(url, { waitUntil: 'load' });
  const r = await waitScan(p);
  scanSum += r.scanMs;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
  profile.samples.forEach((id, k) => {
    const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const n = byId.get(id) as ProfileNode;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const l = label(byId.get(x) as ProfileNode);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  await p.close();
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .filter(([k]) => /content\.js|\(program\)|\(garbage|\(anon\) :/.test(k) || !k.includes('.js'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / runs).toFixed(2).padStart(8)} ms  ${k}`)
    .join('\n');
console.log(`${which}: scan sum per run ${(scanSum / runs).toFixed(1)} ms`);
console.log('--- self time (per run) ---');
console.log(top(self, 40));
console.log('--- total time (per run) ---');
console.log(top(total, 40));
await b.close();
await server.stop();
