/** Diagnostic (not part of `npm run bench`): raw long tasks, scan chunks and long frames on the 2 MB page. */
import { SCAN_MEASURE } from '../../entrypoints/content/measures';
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { LONG_TASK_PROBE, waitScan } from './browser';
import { NAME_SHIM } from './page-safety';
import { big2mb } from './pages';

interface Probe {
  __bsLong: { start: number; duration: number }[];
  __bsLoaf: { start: number; duration: number; blocking: number; scripts: string[] }[];
}

const server = new TestServer();
await server.start();
const url = server.route('/big.html', { body: big2mb().html });
const b = await ExtensionBrowser.launch();
for (let i = 0; i < 2; i++) {
  const page = await b.context.newPage();
  await page.addInitScript(NAME_SHIM);
  await page.addInitScript(LONG_TASK_PROBE);
  await page.goto(url);
  await waitScan(page);
  const d = await page.evaluate(
    (scan) => ({
      lt: (window as unknown as Probe).__bsLong.map((e) => [Math.round(e.start), Math.round(e.duration)]),
      scans: performance.getEntriesByName(scan).map((e) => [Math.round(e.startTime), Math.round(e.duration)]),
      loaf: (window as unknown as Probe).__bsLoaf
        .filter((f) => f.duration > 50)
        .map((f) => [
          Math.round(f.start),
          Math.round(f.duration),
          Math.round(f.blocking),
          f.scripts.join(';').slice(0, 200),
        ]),
    }),
    SCAN_MEASURE,
  );
  console.log(JSON.stringify(d.lt));
  console.log(JSON.stringify(d.scans));
  for (const l of d.loaf) console.log(JSON.stringify(l));
  await page.close();
}
await b.close();
await server.stop();
