/** Opens the sample article with the built extension, hovers a mention, saves a screenshot and a report. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtensionBrowser, ROOT, TestServer } from '../e2e/harness';

const out = join(ROOT, 'artifacts');
mkdirSync(out, { recursive: true });
const server = new TestServer();
await server.start();
const headless = !process.env.DISPLAY;
const browser = await ExtensionBrowser.launch({ headless });
try {
  const article = await browser.open(`${server.origin}/sample-article.html`);
  await article.waitForMarks(1);
  await article.settle();
  const marks = await article.marks();
  try {
    await article.hover('jeff-sessions');
    await article.page.waitForTimeout(500); // let the card's fade-in finish
  } catch {
    console.warn('(no card opened on hover)');
  }
  const shot = join(out, 'demo.png');
  await article.page.screenshot({ path: shot, fullPage: true });
  const byEntity = new Map<string, { category: string; texts: string[] }>();
  for (const m of marks) {
    const row = byEntity.get(m.entity) ?? { category: m.category, texts: [] };
    row.texts.push(m.text);
    byEntity.set(m.entity, row);
  }
  const lines = [
    '# Backstory demo report',
    '',
    `Page: ${server.origin}/sample-article.html (${headless ? 'headless' : 'headed'} Chromium)`,
    `Highlights: ${marks.length} marks, ${byEntity.size} entities`,
    '',
    '| entity | category | highlighted text |',
    '|---|---|---|',
    ...[...byEntity].map(([id, r]) => `| ${id} | ${r.category} | ${r.texts.join(' · ')} |`),
    '',
    `Screenshot: ${shot}`,
  ];
  writeFileSync(join(out, 'demo-report.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
  console.log(`\nReport: ${join(out, 'demo-report.md')}`);
} finally {
  await browser.close();
  await server.stop();
}
