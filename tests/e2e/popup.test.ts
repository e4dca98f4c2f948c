import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArticlePage, ExtensionBrowser, ROOT, TestServer } from './harness';

let browser: ExtensionBrowser;
const server = new TestServer();
const SHOTS = join(ROOT, 'tests/screenshots');

beforeAll(async () => {
  await server.start();
  browser = await ExtensionBrowser.launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server.stop();
});

/**
 * The tab id of the page opened last. The extension has no "tabs" permission, so it cannot query
 * tabs by URL; tab ids grow, and the test has just opened this page.
 */
async function newestTabId(): Promise<number> {
  const id = await browser
    .serviceWorker()
    .evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? -1)));
  if (id < 0) throw new Error('no tab');
  return id;
}

/** Opens the sample article and a popup aimed at its tab. */
async function articleWithPopup(): Promise<{ article: ArticlePage; popup: Page }> {
  const url = `${server.origin}/sample-article.html`;
  const article = await browser.open(url);
  await article.waitForMarks(5);
  await article.settle();
  const popup = await browser.popup(`?tab=${await newestTabId()}`);
  return { article, popup };
}

/**
 * Runs axe-core in the page. Extension pages' CSP (script-src 'self') blocks addScriptTag's inline
 * script, so the source goes in through DevTools evaluation, which CSP does not govern.
 */
async function axe(page: Page): Promise<unknown[]> {
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } };
    const r = await w.axe.run();
    return r.violations.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  });
}

describe('popup', () => {
  test('search box has focus on open; "sesions" lists jeff-sessions first', async () => {
    const popup = await browser.popup();
    const box = popup.locator('input[type=search]');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.type('sesions');
    const first = popup.locator('[role=listbox] [role=option]').first();
    await expect.poll(() => first.getAttribute('data-entity')).toBe('jeff-sessions');
    expect(await box.getAttribute('aria-activedescendant')).toBe('result-jeff-sessions');
    await popup.close();
  });

  test('accents, numbers and the category filter', async () => {
    const popup = await browser.popup();
    const box = popup.locator('input[type=search]');
    const first = popup.locator('[role=option]').first();
    await box.fill('pena nieto');
    await expect.poll(() => first.getAttribute('data-entity')).toBe('enrique-pena-nieto');
    await box.fill('1325');
    await expect.poll(() => first.getAttribute('data-entity')).toBe('usc-8-1325');
    await box.fill('border');
    await popup.locator('button.chip[data-category=agency]').click();
    expect(await popup.locator('button.chip[data-category=agency]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    const cats = await popup
      .locator('[role=option]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
    expect(cats.length).toBeGreaterThan(0);
    expect(new Set(cats)).toEqual(new Set(['agency']));
    await box.fill('xqzzvvkj');
    await expect(popup.locator('[role=status]').first().textContent()).resolves.toMatch(/xqzzvvkj/);
    await popup.close();
  });

  test('arrows, Enter open the entity view; Esc closes it and then clears the query', async () => {
    const popup = await browser.popup();
    // Keys typed before the popup has mounted and focused its box would be lost.
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.matches('input[type=search]')))
      .toBe(true);
    await popup.keyboard.type('nielsen');
    await expect.poll(() => popup.locator('[role=option]').count()).toBeGreaterThan(1);
    await popup.keyboard.press('ArrowDown');
    const second = await popup.locator('[role=option]').nth(1).getAttribute('data-entity');
    expect(await popup.locator('[role=option][aria-selected=true]').getAttribute('data-entity')).toBe(second);
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('Enter');
    const view = popup.locator('article.entity');
    await expect.poll(() => view.getAttribute('data-entity')).toBe('kirstjen-nielsen');
    expect(popup.url()).toContain('#entity=kirstjen-nielsen');
    await popup.keyboard.press('Escape');
    await expect.poll(() => view.count()).toBe(0);
    const box = popup.locator('input[type=search]');
    expect(await box.inputValue()).toBe('nielsen');
    await box.focus();
    await popup.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
    await popup.close();
  });

  test('popup.html#entity=ID opens the full entity view with facts, roles, sources and related links', async () => {
    const popup = await browser.popup('#entity=jeff-sessions');
    const view = popup.locator('article.entity[data-entity=jeff-sessions]');
    await view.waitFor();
    expect(await view.locator('h2').textContent()).toBe('Jeff Sessions');
    expect(await view.locator('.facts li').count()).toBeGreaterThanOrEqual(2);
    expect(await view.locator('.roles li').count()).toBeGreaterThanOrEqual(1);
    const links = view.locator('.sources a');
    expect(await links.count()).toBeGreaterThanOrEqual(1);
    for (const a of await links.all()) {
      expect(await a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(await a.getAttribute('target')).toBe('_blank');
      expect(await a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    const related = view.locator('.related a').first();
    const relatedId = await related.getAttribute('data-entity');
    await related.click();
    await expect.poll(() => popup.locator('article.entity').getAttribute('data-entity')).toBe(relatedId);
    await popup.close();
  });

  test('"on this page" lists the article\'s entities by category and jumps to a mention', async () => {
    const { article, popup } = await articleWithPopup();
    const jump = popup.locator('button.jump[data-entity=jeff-sessions]');
    await jump.waitFor();
    expect(await popup.locator('.page-group').count()).toBeGreaterThan(1);
    expect(await jump.locator('.count').textContent()).toMatch(/^\d+$/);
    await article.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await jump.click();
    await article.page.waitForSelector('backstory-mark[data-entity=jeff-sessions][data-flash]', {
      timeout: 5000,
    });
    await popup.close();
    await article.page.close();
  });

  test('pause on this site removes the marks at once; resume brings them back', async () => {
    const { article, popup } = await articleWithPopup();
    const pause = popup.locator('button.pause');
    await pause.waitFor();
    expect(await pause.getAttribute('aria-pressed')).toBe('false');
    await pause.click();
    await article.page.waitForFunction(() => document.querySelectorAll('backstory-mark').length === 0, null, {
      timeout: 2000,
    });
    expect(((await browser.storedSettings()) as { pausedSites: string[] }).pausedSites).toContain(
      '127.0.0.1',
    );
    await expect.poll(() => pause.getAttribute('aria-pressed')).toBe('true');
    await pause.click();
    await article.waitForMarks(5, 3000);
    expect(((await browser.storedSettings()) as { pausedSites: string[] }).pausedSites).toEqual([]);
    await popup.close();
    await article.page.close();
  });

  test('a page where content scripts cannot run shows a clear message', async () => {
    const other = await browser.open('about:blank');
    const popup = await browser.popup(`?tab=${await newestTabId()}`);
    await popup.locator('[data-state=restricted]').waitFor();
    await popup.close();
    await other.page.close();
  });

  test('axe finds no violations; screenshots in English and Spanish', async () => {
    const { article, popup } = await articleWithPopup();
    await popup.locator('button.jump').first().waitFor();
    await popup.setViewportSize({ width: 400, height: 600 });
    expect(await axe(popup)).toEqual([]);
    await popup.screenshot({ path: join(SHOTS, 'popup-en.png'), fullPage: true });
    await popup.locator('input[type=search]').fill('sesions');
    expect(await axe(popup)).toEqual([]);
    await popup.locator('[role=option]').first().click();
    await popup.locator('article.entity').waitFor();
    expect(await axe(popup)).toEqual([]);

    const settings = (await browser.storedSettings()) as Record<string, unknown>;
    await browser.writeStoredSettings({ ...settings, language: 'es' });
    const es = await browser.popup(
      popup
        .url()
        .replace(/^.*popup\.html/, '')
        .replace(/#.*$/, ''),
    );
    await expect.poll(() => es.locator('html').getAttribute('lang')).toBe('es');
    await es.locator('button.jump').first().waitFor();
    await es.setViewportSize({ width: 400, height: 600 });
    expect(await axe(es)).toEqual([]);
    await es.screenshot({ path: join(SHOTS, 'popup-es.png'), fullPage: true });
    await browser.writeStoredSettings({ ...settings, language: 'auto' });
    await es.close();
    await popup.close();
    await article.page.close();
  });
});
