/**
 * Diagnostic (not part of `npm run bench`): only the scan figures (floor, scan cost, first chunk)
 * of the 2 MB and no-mention pages, for quick before/after checks. `RUNS` sets the run count.
 */
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { coldFloor, fmt, median, waitScan } from './browser';
import { article20k, big2mb, noMentions200k } from './pages';

const runs = Number(process.env.RUNS ?? 5);
const server = new TestServer();
await server.start();
const urls = {
  big: server.route('/bench/big.html', { body: big2mb().html }),
  empty: server.route('/bench/empty.html', { body: noMentions200k().html }),
  article: server.route('/bench/article.html', { body: article20k().html }),
};
const clean = await ExtensionBrowser.launch({ extension: false });
const ext = await ExtensionBrowser.launch();
for (const [k, url] of Object.entries(urls).filter(
  ([k]) => !process.env.PAGES || process.env.PAGES.split(',').includes(k),
)) {
  const floor: number[] = [];
  const scan: number[] = [];
  const first: number[] = [];
  const chunks: number[] = [];
  let marks = 0;
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const a = await clean.context.newPage();
    await a.goto(url, { waitUntil: 'load' });
    floor.push(await coldFloor(a));
    await a.close();
    const b = await ext.context.newPage();
    await b.goto(url, { waitUntil: 'load' });
    const r = await waitScan(b);
    for (const [p, v] of Object.entries(r.phases)) {
      phases[p] = phases[p] ?? [];
      phases[p]?.push(v);
    }
    phases.startToIdle = [...(phases.startToIdle ?? []), r.startToIdle];
    scan.push(r.scanMs);
    first.push(r.firstChunkMs);
    chunks.push(r.chunks);
    marks = r.marks;
    await b.close();
  }
  console.log(
    `${k}: floor ${fmt(floor)}; scan ${fmt(scan)} = ${(median(scan) / median(floor)).toFixed(2)}× floor; first chunk ${fmt(first)}; chunks ${median(chunks)}; marks ${marks}\n   phases: ${Object.entries(
      phases,
    )
      .map(([p, v]) => `${p} ${fmt(v)}`)
      .join('; ')}`,
  );
}
await clean.close();
await ext.close();
await server.stop();
