/**
 * The options page in real Chromium and real Firefox: every category, live changes on open tabs,
 * saving without a button, paused sites, language, shortcut and About, repair, export and import,
 * axe and screenshots, and settings that survive a browser restart with the same profile.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CATEGORIES } from '../../data/types';
import { BROWSERS, DRIVERS, type Session, type Tab } from './drivers';
import { ROOT, TestServer } from './harness';
import { settle, waitForMarks } from './support/probe';
import { SETTINGS_PROPAGATION_MS } from './timing';

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

type Stored = Record<string, unknown> & { categories: Record<string, boolean>; pausedSites: string[] };

/** Runs axe-core in the page (its source goes in past the extension page's CSP). */
async function axe(page: Tab): Promise<unknown[]> {
  await page.evaluateScript(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } };
    return (await w.axe.run()).violations.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  });
}

/** Is the checkbox or radio checked? */
const checked = (t: Tab, sel: string) => t.$eval(sel, (el) => (el as HTMLInputElement).checked);
/** The text of the first match. */
const text = (t: Tab, sel: string) => t.$eval(sel, (el) => el.textContent);

/** Clicks the first `selector` match whose text matches `pattern`. */
async function clickText(t: Tab, selector: string, pattern: RegExp): Promise<void> {
  const p = await t.evaluate(
    ({ selector, source }) => {
      const re = new RegExp(source);
      const el = [...document.querySelectorAll(selector)].find((e) => re.test(e.textContent ?? ''));
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    { selector, source: pattern.source },
  );
  if (!p) throw new Error(`no ${selector} with text ${pattern}`);
  await t.mouseClick(p.x, p.y);
}

describe.each(BROWSERS)('options page in %s', (name) => {
  let b: Session;
  beforeAll(async () => {
    b = await DRIVERS[name].launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  const stored = async () => (await b.storedSettings()) as Stored;
  const options = async () => {
    const page = await b.openExtensionPage('options.html');
    await page.waitForVisible('h1');
    return page;
  };

  test('has a labelled checkbox and a preview for every category', async () => {
    const page = await options();
    for (const c of CATEGORIES) {
      expect(await checked(page, `input[type=checkbox][name="category-${c}"]`)).toBe(true);
      expect((await text(page, `#preview-${c} .sample-mark`))?.length).toBeGreaterThan(0);
    }
    await page.close();
  });

  test('unchecking a category removes its marks from an open tab within 1 s; re-checking brings them back', async () => {
    const article = await b.open(`${server.origin}/sample-article.html`);
    await waitForMarks(article, 5);
    await settle(article);
    expect(
      await article.evaluate(
        () => document.querySelectorAll('backstory-mark[data-category=official]').length,
      ),
    ).toBeGreaterThan(0);
    const page = await options();
    const box = 'input[name="category-official"]';
    await page.check(box, false);
    await article.waitForFunction(
      () => document.querySelectorAll('backstory-mark[data-category=official]').length === 0,
      undefined,
      { timeout: SETTINGS_PROPAGATION_MS },
    );
    expect((await stored()).categories.official).toBe(false);
    await page.check(box, true);
    await article.waitForFunction(
      () => document.querySelectorAll('backstory-mark[data-category=official]').length > 0,
      undefined,
      { timeout: SETTINGS_PROPAGATION_MS },
    );
    await page.close();
    await article.close();
  });

  test('every setting saves at once, without a Save button', async () => {
    await b.clearStorage();
    const page = await options();
    expect(
      await page.evaluate(
        () =>
          [...document.querySelectorAll('button')].filter((e) => /^save$/i.test(e.textContent ?? '')).length,
      ),
    ).toBe(0);
    await page.check('input[name=mode][value=first]');
    await page.check('input[name=style][value=tint]');
    await page.check('input[name=theme][value=dark]');
    await page.fill('#hover-delay', '800');
    await page.check('input[name=badge]', false);
    await expect
      .poll(async () => {
        const s = await stored();
        return [s.mode, s.style, s.theme, s.hoverDelay, s.badge];
      })
      .toEqual(['first', 'tint', 'dark', 800, false]);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme')))
      .toBe('dark');
    expect(
      await page.$eval('.sample-mark[data-category=policy]', (el) => el.getAttribute('data-style')),
    ).toBe('tint');
    await page.close();
    await b.clearStorage();
  });

  test('paused sites: invalid hosts show an error; valid ones are added and removed', async () => {
    await b.clearStorage();
    const page = await options();
    const field = '#add-site';
    const fieldAttr = (n: string) => page.$eval(field, (el, a) => el.getAttribute(a), n);
    await page.fill(field, 'not a host!');
    await page.press('Enter');
    await page.waitForVisible('#add-site-error');
    expect(await fieldAttr('aria-invalid')).toBe('true');
    expect(await fieldAttr('aria-describedby')).toContain('add-site-error');
    await page.fill(field, 'https://www.Example.com/news');
    await page.click('form.add-site button[type=submit]');
    await page.waitForVisible('li[data-site="www.example.com"]');
    expect(await fieldAttr('aria-invalid')).toBe('false');
    await expect.poll(async () => (await stored()).pausedSites).toEqual(['www.example.com']);
    await page.click('li[data-site="www.example.com"] button');
    await expect.poll(async () => (await stored()).pausedSites).toEqual([]);
    await page.close();
  });

  test('changing the language re-renders the page in Spanish at once', async () => {
    await b.clearStorage();
    const page = await options();
    await page.selectOption('select[name=language]', 'es');
    await expect.poll(() => text(page, 'h1')).toBe('Opciones de Backstory');
    expect(await page.evaluate(() => document.documentElement.getAttribute('lang'))).toBe('es');
    await page.selectOption('select[name=language]', 'en');
    await expect.poll(() => text(page, 'h1')).toBe('Backstory options');
    await page.close();
  });

  test('shows the keyboard shortcut and the About section', async () => {
    const page = await options();
    // Headless Chromium does not always assign suggested keys; then the page says "not set".
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            [...document.querySelectorAll('fieldset')].find((f) =>
              f.textContent?.includes('Keyboard shortcut'),
            )?.textContent ?? '',
        ),
      )
      .toMatch(/Keyboard mode \(move between highlights\): (Alt\+Shift\+B|not set)/);
    expect(await text(page, '.about [data-about=version]')).toMatch(/\d+\.\d+\.\d+/);
    expect(await text(page, '.about [data-about=dataset]')).toMatch(
      /\d{4}-\d{2}-\d{2}: \d+ entries, \d+ sources/,
    );
    expect(await text(page, '.about [data-about=privacy]')).toMatch(/no network requests/);
    // Chromium opens its shortcuts page; Firefox refuses chrome:// URLs from tabs.create (the page
    // catches that), so no tab opens there.
    const tab = await b.waitForNewTab(() => clickText(page, 'button', /Change keyboard shortcuts/));
    if (tab) {
      expect(await tab.url()).toMatch(/^chrome:\/\/extensions\/shortcuts/);
      await tab.close();
    }
    await page.close();
  });

  test('a corrupted stored value is repaired: the page shows defaults and storage is fixed', async () => {
    await b.writeStoredSettings({ mode: 42, categories: 'x' });
    const page = await options();
    await page.waitForVisible('input[name=mode][value=all]');
    expect(await checked(page, 'input[name=mode][value=all]')).toBe(true);
    for (const c of CATEGORIES) expect(await checked(page, `input[name="category-${c}"]`)).toBe(true);
    await expect.poll(async () => (await stored())?.mode).toBe('all');
    expect((await stored()).categories.official).toBe(true);
    await page.close();
  });

  test('export then import round-trips settings; a bad import reports its problems', async () => {
    await b.clearStorage();
    const page = await options();
    await page.check('input[name=mode][value=first]');
    await page.check('input[name="category-event"]', false);
    await expect.poll(async () => (await stored()).mode).toBe('first');
    const download = await page.download(() => page.click('#export-settings'));
    expect(download.filename).toBe('backstory-settings.json');
    const exported = JSON.parse(readFileSync(download.path, 'utf8'));
    expect(exported.mode).toBe('first');
    expect(exported.categories.event).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'backstory-export-'));
    const file = join(dir, 'settings.json');
    writeFileSync(file, readFileSync(download.path));

    await page.click('#reset-settings');
    await expect.poll(async () => (await stored()).mode).toBe('all');
    expect(await checked(page, 'input[name="category-event"]')).toBe(true);

    await page.setInputFiles('#import-settings', file);
    await expect.poll(async () => (await stored()).mode).toBe('first');
    expect(await checked(page, 'input[name="category-event"]')).toBe(false);
    expect(await text(page, '.transfer-status')).toMatch(/imported/i);

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ mode: 'sometimes', hoverDelay: -5, pausedSites: ['ok.example', '!!'] }),
    );
    await page.setInputFiles('#import-settings', bad);
    await page.waitForVisible('.transfer-status .problems li');
    const problems = await page.$$eval('.transfer-status .problems li', (els) =>
      els.map((e) => e.textContent),
    );
    expect(problems.join('\n')).toMatch(/mode/);
    expect(problems.join('\n')).toMatch(/hoverDelay/);
    await expect.poll(async () => (await stored()).pausedSites).toEqual(['ok.example']);
    expect((await stored()).mode).toBe('all');
    rmSync(dir, { recursive: true, force: true });
    await page.close();
    await b.clearStorage();
  });

  test('axe finds no violations; screenshots in English and Spanish', async () => {
    // The screenshots are Chromium's (tests/screenshots/options-*.png); Firefox runs the same checks.
    const shoot = async (t: Tab, file: string) => {
      if (name === 'chromium') await t.screenshot(join(SHOTS, file), { fullPage: true });
    };
    await b.clearStorage();
    const page = await options();
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'options-en.png');
    await page.selectOption('select[name=language]', 'es');
    await expect.poll(() => text(page, 'h1')).toBe('Opciones de Backstory');
    await page.fill('#add-site', '?? no');
    await page.press('Enter');
    await page.waitForVisible('#add-site-error');
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'options-es.png');
    await page.close();
    await b.clearStorage();
  });
});

describe.each(BROWSERS)('settings after a restart in %s', (name) => {
  test('survive closing and relaunching the browser with the same profile', async () => {
    // Firefox: the launcher installs the extension in the profile itself, so the relaunch finds
    // it installed with its storage, as a reader's Firefox would.
    const profileDir = mkdtempSync(join(tmpdir(), 'backstory-restart-'));
    try {
      const first = await DRIVERS[name].launch({ profileDir });
      const page = await first.openExtensionPage('options.html');
      await page.waitForVisible('input[name="category-statute"]');
      await page.check('input[name="category-statute"]', false);
      await page.check('input[name=mode][value=first]');
      await expect
        .poll(async () => ((await first.storedSettings()) as Stored | undefined)?.mode)
        .toBe('first');
      await first.close();

      const second = await DRIVERS[name].launch({ profileDir });
      const again = await second.openExtensionPage('options.html');
      await again.waitForVisible('input[name=mode][value=first]');
      expect(await checked(again, 'input[name=mode][value=first]')).toBe(true);
      expect(await checked(again, 'input[name="category-statute"]')).toBe(false);
      await second.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
