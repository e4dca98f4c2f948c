import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CATEGORIES } from '../../data/types';
import { ExtensionBrowser, ROOT, TestServer } from './harness';

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

type Stored = Record<string, unknown> & { categories: Record<string, boolean>; pausedSites: string[] };
const stored = async () => (await browser.storedSettings()) as Stored;

/** Runs axe-core (via DevTools evaluation: extension CSP blocks addScriptTag's inline script). */
async function axe(page: Page): Promise<unknown[]> {
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } };
    return (await w.axe.run()).violations.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  });
}

async function resetStorage(): Promise<void> {
  await browser.serviceWorker().evaluate(async () => chrome.storage.sync.clear());
}

describe('options page', () => {
  test('has a labelled checkbox and a preview for every category', async () => {
    const page = await browser.options();
    for (const c of CATEGORIES) {
      const box = page.locator(`input[type=checkbox][name="category-${c}"]`);
      await expect(box.isChecked()).resolves.toBe(true);
      expect((await page.locator(`#preview-${c} .sample-mark`).textContent())?.length).toBeGreaterThan(0);
    }
    await page.close();
  });

  test('unchecking a category removes its marks from an open tab within 1 s; re-checking brings them back', async () => {
    const article = await browser.open(`${server.origin}/sample-article.html`);
    await article.waitForMarks(5);
    await article.settle();
    expect(await article.page.locator('backstory-mark[data-category=official]').count()).toBeGreaterThan(0);
    const options = await browser.options();
    const box = options.locator('input[name="category-official"]');
    await box.uncheck();
    await article.page.waitForFunction(
      () => document.querySelectorAll('backstory-mark[data-category=official]').length === 0,
      null,
      { timeout: 1000 },
    );
    expect((await stored()).categories.official).toBe(false);
    await box.check();
    await article.page.waitForFunction(
      () => document.querySelectorAll('backstory-mark[data-category=official]').length > 0,
      null,
      { timeout: 1000 },
    );
    await options.close();
    await article.page.close();
  });

  test('every setting saves at once, without a Save button', async () => {
    await resetStorage();
    const page = await browser.options();
    expect(await page.locator('button', { hasText: /^save$/i }).count()).toBe(0);
    await page.locator('input[name=mode][value=first]').check();
    await page.locator('input[name=style][value=tint]').check();
    await page.locator('input[name=theme][value=dark]').check();
    await page.locator('#hover-delay').fill('800');
    await page.locator('input[name=badge]').uncheck();
    await expect
      .poll(async () => {
        const s = await stored();
        return [s.mode, s.style, s.theme, s.hoverDelay, s.badge];
      })
      .toEqual(['first', 'tint', 'dark', 800, false]);
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.locator('.sample-mark[data-category=policy]').getAttribute('data-style')).toBe('tint');
    await page.close();
    await resetStorage();
  });

  test('paused sites: invalid hosts show an error; valid ones are added and removed', async () => {
    await resetStorage();
    const page = await browser.options();
    const field = page.locator('#add-site');
    await field.fill('not a host!');
    await field.press('Enter');
    await page.locator('#add-site-error').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('add-site-error');
    await field.fill('https://www.Example.com/news');
    await page.locator('form.add-site button[type=submit]').click();
    await page.locator('li[data-site="www.example.com"]').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(async () => (await stored()).pausedSites).toEqual(['www.example.com']);
    await page.locator('li[data-site="www.example.com"] button').click();
    await expect.poll(async () => (await stored()).pausedSites).toEqual([]);
    await page.close();
  });

  test('changing the language re-renders the page in Spanish at once', async () => {
    await resetStorage();
    const page = await browser.options();
    await page.locator('select[name=language]').selectOption('es');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Opciones de Backstory');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.locator('select[name=language]').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Backstory options');
    await page.close();
  });

  test('shows the keyboard shortcut and the About section', async () => {
    const page = await browser.options();
    // Headless Chromium does not always assign suggested keys; then the page says "not set".
    await expect
      .poll(() => page.locator('fieldset', { hasText: 'Keyboard shortcut' }).textContent())
      .toMatch(/Keyboard mode \(move between highlights\): (Alt\+Shift\+B|not set)/);
    const about = page.locator('.about');
    expect(await about.locator('[data-about=version]').textContent()).toMatch(/\d+\.\d+\.\d+/);
    expect(await about.locator('[data-about=dataset]').textContent()).toMatch(
      /\d{4}-\d{2}-\d{2}: \d+ entries, \d+ sources/,
    );
    expect(await about.locator('[data-about=privacy]').textContent()).toMatch(/no network requests/);
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page', { timeout: 5000 }).catch(() => null),
      page.locator('button', { hasText: 'Change keyboard shortcuts' }).click(),
    ]);
    if (tab) {
      expect(tab.url()).toMatch(/^chrome:\/\/extensions\/shortcuts/);
      await tab.close();
    }
    await page.close();
  });

  test('a corrupted stored value is repaired: the page shows defaults and storage is fixed', async () => {
    await browser.writeStoredSettings({ mode: 42, categories: 'x' });
    const page = await browser.options();
    await page.locator('input[name=mode][value=all]').waitFor();
    expect(await page.locator('input[name=mode][value=all]').isChecked()).toBe(true);
    for (const c of CATEGORIES)
      expect(await page.locator(`input[name="category-${c}"]`).isChecked()).toBe(true);
    await expect.poll(async () => (await stored())?.mode).toBe('all');
    expect((await stored()).categories.official).toBe(true);
    await page.close();
  });

  test('export then import round-trips settings; a bad import reports its problems', async () => {
    await resetStorage();
    const page = await browser.options();
    await page.locator('input[name=mode][value=first]').check();
    await page.locator('input[name="category-event"]').uncheck();
    await expect.poll(async () => (await stored()).mode).toBe('first');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-settings').click(),
    ]);
    expect(download.suggestedFilename()).toBe('backstory-settings.json');
    const dir = mkdtempSync(join(tmpdir(), 'backstory-export-'));
    const file = join(dir, 'settings.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.mode).toBe('first');
    expect(exported.categories.event).toBe(false);

    await page.locator('#reset-settings').click();
    await expect.poll(async () => (await stored()).mode).toBe('all');
    expect(await page.locator('input[name="category-event"]').isChecked()).toBe(true);

    await page.locator('#import-settings').setInputFiles(file);
    await expect.poll(async () => (await stored()).mode).toBe('first');
    expect(await page.locator('input[name="category-event"]').isChecked()).toBe(false);
    expect(await page.locator('.transfer-status').textContent()).toMatch(/imported/i);

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ mode: 'sometimes', hoverDelay: -5, pausedSites: ['ok.example', '!!'] }),
    );
    await page.locator('#import-settings').setInputFiles(bad);
    await page.locator('.transfer-status .problems li').first().waitFor();
    const problems = await page.locator('.transfer-status .problems li').allTextContents();
    expect(problems.join('\n')).toMatch(/mode/);
    expect(problems.join('\n')).toMatch(/hoverDelay/);
    await expect.poll(async () => (await stored()).pausedSites).toEqual(['ok.example']);
    expect((await stored()).mode).toBe('all');
    rmSync(dir, { recursive: true, force: true });
    await page.close();
    await resetStorage();
  });

  test('axe finds no violations; screenshots in English and Spanish', async () => {
    await resetStorage();
    const page = await browser.options();
    await page.locator('h1').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'options-en.png'), fullPage: true });
    await page.locator('select[name=language]').selectOption('es');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Opciones de Backstory');
    await page.locator('#add-site').fill('?? no');
    await page.locator('#add-site').press('Enter');
    await page.locator('#add-site-error').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'options-es.png'), fullPage: true });
    await page.close();
    await resetStorage();
  });
});

describe('settings after a restart', () => {
  test('survive closing and relaunching the browser with the same profile', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'backstory-restart-'));
    try {
      const first = await ExtensionBrowser.launch({ profileDir });
      const page = await first.options();
      await page.locator('input[name="category-statute"]').uncheck();
      await page.locator('input[name=mode][value=first]').check();
      await expect
        .poll(async () => ((await first.storedSettings()) as Stored | undefined)?.mode)
        .toBe('first');
      await first.close();

      const second = await ExtensionBrowser.launch({ profileDir });
      const again = await second.options();
      await again.locator('input[name=mode][value=first]').waitFor();
      expect(await again.locator('input[name=mode][value=first]').isChecked()).toBe(true);
      expect(await again.locator('input[name="category-statute"]').isChecked()).toBe(false);
      await second.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
