import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, DRIVERS, type Session } from './drivers';
import { TestServer } from './harness';
import { settle, waitForMarks } from './support/probe';

const server = new TestServer();

beforeAll(async () => {
  await server.start();
  server.route('/favicon.ico', { body: '', type: 'image/x-icon' });
});
afterAll(async () => {
  await server.stop();
});

describe.each(BROWSERS)('the built extension in real %s', (name) => {
  let b: Session;
  beforeAll(async () => {
    b = await DRIVERS[name].launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  test('highlights a static article without changing its text', async () => {
    const clean = await DRIVERS[name].launch({ extension: false });
    const plain = await clean.open(`${server.origin}/sample-article.html`);
    const before = await plain.evaluate(() => document.body.innerText);
    await clean.close();

    const article = await b.open(`${server.origin}/sample-article.html`);
    await waitForMarks(article, 5);
    await settle(article);
    const marks = await article.evaluate(() =>
      [...document.querySelectorAll('backstory-mark')].map((e) => ({
        entity: e.getAttribute('data-entity') ?? '',
        category: e.getAttribute('data-category') ?? '',
        text: e.textContent ?? '',
      })),
    );
    const ids = new Set(marks.map((m) => m.entity));
    expect(ids).toContain('jeff-sessions');
    expect(ids).toContain('usc-8-1325');
    expect(marks.find((m) => m.text === '8 U.S.C. § 1325(a)')?.entity).toBe('usc-8-1325');
    expect(marks.some((m) => /training sessions|fish tacos/i.test(m.text))).toBe(false);
    // innerText on purpose: the text as rendered, which is what must never change.
    expect(await article.evaluate(() => document.body.innerText)).toBe(before);
    expect(article.errors).toEqual([]);
  });

  test('opens the popup and the options page', async () => {
    const popup = await b.openExtensionPage('popup.html');
    expect(await popup.evaluate(() => document.title)).toMatch(/Backstory/);
    const options = await b.openExtensionPage('options.html');
    expect(await options.evaluate(() => document.title)).toMatch(/Backstory/);
  });
});
