/** Diagnostic (not part of `npm run bench`): what an orphaned content script does after the extension reloads. */
import { ExtensionBrowser, TestServer } from '../e2e/harness';
import { NAME_SHIM } from './page-safety';

const server = new TestServer();
await server.start();
const url = server.route('/r.html', {
  body: '<!doctype html><html lang="en"><body><p>Attorney General Jeff Sessions spoke.</p><p>Agents of U.S. Customs and Border Protection.</p></body></html>',
});
const b = await ExtensionBrowser.launch();
const page = await b.context.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.stack));
page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
await page.addInitScript(NAME_SHIM);
await page.goto(url);
await page.waitForSelector('backstory-mark');
const count = () => page.$$eval('backstory-mark', (e) => e.length);
console.log('marks before', await count());
await b
  .serviceWorker()
  .evaluate(() => chrome.runtime.reload())
  .catch((e) => console.log('reload call', String(e).slice(0, 80)));
await page.waitForTimeout(3000);
console.log('marks 3 s after reload', await count());
await page.evaluate(() => {
  const p = document.createElement('p');
  p.id = 'n';
  p.textContent = 'Kirstjen Nielsen spoke.';
  document.body.appendChild(p);
});
await page.waitForTimeout(200);
console.log('marks 200 ms after adding a paragraph', await count());
await page.waitForTimeout(1300);
console.log('marks 1.5 s after adding a paragraph', await count());
await page
  .locator('backstory-mark')
  .first()
  .hover()
  .catch(() => console.log('no mark to hover'));
await page.waitForTimeout(1000);
console.log('marks after hover', await count());
const pop = await b.context.newPage();
const popOk = await pop.goto(b.url('popup.html')).then(
  (r) => `status ${r?.status()}`,
  (e) => String(e).split('\n')[0],
);
console.log('popup after reload:', popOk, 'workers', b.context.serviceWorkers().length);
const p2 = await b.context.newPage();
await p2.goto(url);
console.log(
  'new tab marks',
  await p2.waitForSelector('backstory-mark', { timeout: 8000 }).then(
    () => 'yes',
    () => 'no',
  ),
);
await b.close();
await server.stop();
