import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExtensionBrowser, TestServer } from './harness';

let browser: ExtensionBrowser;
const server = new TestServer();

beforeAll(async () => {
  await server.start();
  browser = await ExtensionBrowser.launch();
});
afterAll(async () => {
  await browser?.close();
  await server.stop();
});

describe('the built extension in real Chromium', () => {
  test('highlights a static article without changing its text', async () => {
    const clean = await ExtensionBrowser.launch({ extension: false });
    const plainPage = await clean.open(`${server.origin}/sample-article.html`);
    const before = await plainPage.text();
    await clean.close();

    const article = await browser.open(`${server.origin}/sample-article.html`);
    await article.waitForMarks(5);
    await article.settle();
    const marks = await article.marks();
    const ids = new Set(marks.map((m) => m.entity));
    expect(ids).toContain('jeff-sessions');
    expect(ids).toContain('usc-8-1325');
    expect(marks.find((m) => m.text === '8 U.S.C. § 1325(a)')?.entity).toBe('usc-8-1325');
    expect(marks.some((m) => /training sessions|fish tacos/i.test(m.text))).toBe(false);
    expect(await article.text()).toBe(before);
    expect(article.errors).toEqual([]);
  });

  test('opens the popup and the options page', async () => {
    const popup = await browser.popup();
    await expect(popup.title()).resolves.toMatch(/Backstory/);
    const options = await browser.options();
    await expect(options.title()).resolves.toMatch(/Backstory/);
  });
});
