/**
 * The popup, opened in a tab (it behaves the same as in the toolbar), in real Chromium and real
 * Firefox: search, the entity view, "on this page", per-site pause, axe and screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, DRIVERS, type Session, type Tab } from './drivers';
import { ROOT, TestServer } from './harness';
import { settle, waitForMarks } from './support/probe';
import { SETTINGS_PROPAGATION_MS, SLACK_MS } from './timing';

const server = new TestServer();
const SHOTS = join(ROOT, 'tests/screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  await server.start();
  server.route('/favicon.ico', { body: '', type: 'image/x-icon' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await server.stop();
});

/** Runs axe-core in the page (its source goes in past the extension page's CSP). */
async function axe(page: Tab): Promise<unknown[]> {
  await page.evaluateScript(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } };
    const r = await w.axe.run();
    return r.violations.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  });
}

/** An attribute of the first match, or null. */
const attr = (t: Tab, sel: string, name: string) => t.$eval(sel, (el, n) => el.getAttribute(n), name);
/** How many elements match. */
const count = (t: Tab, sel: string) => t.evaluate((s) => document.querySelectorAll(s).length, sel);
/** The text of the first match. */
const text = (t: Tab, sel: string) => t.$eval(sel, (el) => el.textContent);
/** The value of an input. */
const value = (t: Tab, sel: string) => t.$eval(sel, (el) => (el as HTMLInputElement).value);
/** The entity of the first search result, or null before there is one. */
const firstResult = (t: Tab) =>
  t.evaluate(
    () => document.querySelector('[role=listbox] [role=option]')?.getAttribute('data-entity') ?? null,
  );

describe.each(BROWSERS)('popup in %s', (name) => {
  let b: Session;
  beforeAll(async () => {
    b = await DRIVERS[name].launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  /**
   * The tab id of the page opened last. The extension has no "tabs" permission, so it cannot query
   * tabs by URL; tab ids grow, and the test has just opened this page.
   */
  async function newestTabId(): Promise<number> {
    const id = await b.inExtension(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return Math.max(...(await api.tabs.query({})).map((t) => t.id ?? -1));
    });
    if (id < 0) throw new Error('no tab');
    return id;
  }

  /** Opens the sample article and a popup aimed at its tab. */
  async function articleWithPopup(): Promise<{ article: Tab; popup: Tab }> {
    const article = await b.open(`${server.origin}/sample-article.html`);
    await waitForMarks(article, 5);
    await settle(article);
    const popup = await b.openExtensionPage(`popup.html?tab=${await newestTabId()}`);
    return { article, popup };
  }

  test('search box has focus on open; "sesions" lists jeff-sessions first', async () => {
    const popup = await b.openExtensionPage('popup.html');
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.matches('input[type=search]') ?? false))
      .toBe(true);
    await popup.type('sesions');
    await expect.poll(() => firstResult(popup)).toBe('jeff-sessions');
    expect(await attr(popup, 'input[type=search]', 'aria-activedescendant')).toBe('result-jeff-sessions');
    await popup.close();
  });

  test('accents, numbers and the category filter', async () => {
    const popup = await b.openExtensionPage('popup.html');
    const box = 'input[type=search]';
    await popup.fill(box, 'pena nieto');
    await expect.poll(() => firstResult(popup)).toBe('enrique-pena-nieto');
    await popup.fill(box, '1325');
    await expect.poll(() => firstResult(popup)).toBe('usc-8-1325');
    await popup.fill(box, 'border');
    await popup.click('button.chip[data-category=agency]');
    expect(await attr(popup, 'button.chip[data-category=agency]', 'aria-pressed')).toBe('true');
    const cats = await popup.evaluate(() =>
      [...document.querySelectorAll('[role=option]')].map((e) => e.getAttribute('data-category')),
    );
    expect(cats.length).toBeGreaterThan(0);
    expect(new Set(cats)).toEqual(new Set(['agency']));
    await popup.fill(box, 'xqzzvvkj');
    await expect.poll(() => text(popup, '[role=status]')).toMatch(/xqzzvvkj/);
    await popup.close();
  });

  test('arrows, Enter open the entity view; Esc closes it and then clears the query', async () => {
    const popup = await b.openExtensionPage('popup.html');
    // Keys typed before the popup has mounted and focused its box would be lost.
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.matches('input[type=search]') ?? false))
      .toBe(true);
    await popup.type('nielsen');
    await expect.poll(() => count(popup, '[role=option]')).toBeGreaterThan(1);
    await popup.press('ArrowDown');
    const second = await popup.evaluate(
      () => document.querySelectorAll('[role=option]')[1]?.getAttribute('data-entity') ?? null,
    );
    expect(await attr(popup, '[role=option][aria-selected=true]', 'data-entity')).toBe(second);
    await popup.press('ArrowUp');
    await popup.press('Enter');
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('article.entity')?.getAttribute('data-entity')))
      .toBe('kirstjen-nielsen');
    expect(await popup.url()).toContain('#entity=kirstjen-nielsen');
    await popup.press('Escape');
    await expect.poll(() => count(popup, 'article.entity')).toBe(0);
    expect(await value(popup, 'input[type=search]')).toBe('nielsen');
    await popup.$eval('input[type=search]', (el) => (el as HTMLInputElement).focus());
    await popup.press('Escape');
    expect(await value(popup, 'input[type=search]')).toBe('');
    await popup.close();
  });

  test('popup.html#entity=ID opens the full entity view with facts, roles, sources and related links', async () => {
    const popup = await b.openExtensionPage('popup.html#entity=jeff-sessions');
    const view = 'article.entity[data-entity=jeff-sessions]';
    await popup.waitForVisible(view);
    expect(await text(popup, `${view} h2`)).toBe('Jeff Sessions');
    expect(await count(popup, `${view} .facts li`)).toBeGreaterThanOrEqual(2);
    expect(await count(popup, `${view} .roles li`)).toBeGreaterThanOrEqual(1);
    const links = await popup.$$eval(`${view} .sources a`, (ls) =>
      ls.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]),
    );
    expect(links.length).toBeGreaterThanOrEqual(1);
    for (const [href, target, rel] of links) {
      expect(href).toMatch(/^https:\/\//);
      expect(target).toBe('_blank');
      expect(rel).toBe('noopener noreferrer');
    }
    const relatedId = await attr(popup, `${view} .related a`, 'data-entity');
    await popup.click(`${view} .related a`);
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('article.entity')?.getAttribute('data-entity')))
      .toBe(relatedId);
    await popup.close();
  });

  test('"on this page" lists the article\'s entities by category and jumps to a mention', async () => {
    const { article, popup } = await articleWithPopup();
    const jump = 'button.jump[data-entity=jeff-sessions]';
    await popup.waitForVisible(jump);
    expect(await count(popup, '.page-group')).toBeGreaterThan(1);
    expect(await text(popup, `${jump} .count`)).toMatch(/^\d+$/);
    await article.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await popup.click(jump);
    await article.waitForFunction(
      () => document.querySelector('backstory-mark[data-entity=jeff-sessions][data-flash]') !== null,
    );
    await popup.close();
    await article.close();
  });

  test('pause on this site removes the marks at once; resume brings them back', async () => {
    const { article, popup } = await articleWithPopup();
    const pause = 'button.pause';
    await popup.waitForVisible(pause);
    expect(await attr(popup, pause, 'aria-pressed')).toBe('false');
    await popup.click(pause);
    await article.waitForFunction(() => document.querySelectorAll('backstory-mark').length === 0, undefined, {
      timeout: SETTINGS_PROPAGATION_MS + SLACK_MS,
    });
    expect(((await b.storedSettings()) as { pausedSites: string[] }).pausedSites).toContain('127.0.0.1');
    await expect.poll(() => attr(popup, pause, 'aria-pressed')).toBe('true');
    await popup.click(pause);
    await waitForMarks(article, 5, SETTINGS_PROPAGATION_MS + SLACK_MS);
    expect(((await b.storedSettings()) as { pausedSites: string[] }).pausedSites).toEqual([]);
    await popup.close();
    await article.close();
  });

  test('a page about something else: its context names are held back unread (no engine), counted when the popup opens, and shown on request', async () => {
    const url = server.route('/elsewhere.html', {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Markets</title></head><body>
<h1>Stocks close higher</h1>
<p>Shares rose on Friday after Donald Trump spoke about tariffs at the White House.</p>
<p>Analysts said the White House had signalled the move. ${'Trading was calm through the afternoon. '.repeat(20)}</p>
</body></html>`,
    });
    const page = await b.open(url);
    await page.waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0);
    await settle(page);
    // Nothing can show on this page, so the scan engine never ran: no block was read or matched.
    expect(await page.evaluate(() => performance.getEntriesByName('backstory:scan:blocks').length)).toBe(0);
    expect(await count(page, 'backstory-mark')).toBe(0);
    const popup = await b.openExtensionPage(`popup.html?tab=${await newestTabId()}`);
    await popup.waitForVisible('[data-state=quiet] .show-quiet');
    expect(await text(popup, '[data-state=quiet] .notice')).toMatch(/\b3\b/);
    expect(
      await page.evaluate(() => performance.getEntriesByName('backstory:scan:blocks').length),
    ).toBeGreaterThan(0);
    await popup.click('[data-state=quiet] .show-quiet');
    await waitForMarks(page, 3, SETTINGS_PROPAGATION_MS + SLACK_MS);
    expect(await count(page, 'backstory-mark[data-entity=donald-trump]')).toBe(1);
    await popup.close();
    await page.close();
  });

  test('a page where content scripts cannot run shows a clear message', async () => {
    const other = await b.open('about:blank');
    const popup = await b.openExtensionPage(`popup.html?tab=${await newestTabId()}`);
    await popup.waitForFunction(() => document.querySelector('[data-state=restricted]') !== null);
    await popup.close();
    await other.close();
  });

  test('axe finds no violations; screenshots in English and Spanish', async () => {
    // The screenshots are Chromium's (tests/screenshots/popup-*.png); Firefox runs the same checks.
    const shoot = async (t: Tab, file: string) => {
      if (name === 'chromium') await t.screenshot(join(SHOTS, file), { fullPage: true });
    };
    const { article, popup } = await articleWithPopup();
    await popup.waitForVisible('button.jump');
    await popup.setViewport({ width: 400, height: 600 });
    expect(await axe(popup)).toEqual([]);
    await shoot(popup, 'popup-en.png');
    await popup.fill('input[type=search]', 'sesions');
    expect(await axe(popup)).toEqual([]);
    await popup.click('[role=option]');
    await popup.waitForVisible('article.entity');
    expect(await axe(popup)).toEqual([]);

    const settings = (await b.storedSettings()) as Record<string, unknown>;
    await b.writeStoredSettings({ ...settings, language: 'es' });
    const query = (await popup.url()).replace(/^.*popup\.html/, '').replace(/#.*$/, '');
    const es = await b.openExtensionPage(`popup.html${query}`);
    await expect.poll(() => es.evaluate(() => document.documentElement.getAttribute('lang'))).toBe('es');
    await es.waitForVisible('button.jump');
    await es.setViewport({ width: 400, height: 600 });
    expect(await axe(es)).toEqual([]);
    await shoot(es, 'popup-es.png');
    await b.writeStoredSettings({ ...settings, language: 'auto' });
    await es.close();
    await popup.close();
    await article.close();
  });
});
