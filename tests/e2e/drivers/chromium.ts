/**
 * The Chromium driver: real Chromium through playwright-core, on top of the harness's
 * `ExtensionBrowser` (which the benchmarks use too).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, JSHandle, Page } from 'playwright-core';
import { ExtensionBrowser, findChromium } from '../harness';
import { BaseTab, GIVE_UP_MS, POLL_MS, SOURCE_STUB } from './base';
import { type Driver, type Rect, resolveAll, type Session, type SessionOptions, type TapKind } from './types';

class ChromiumTab extends BaseTab {
  private cdp: CDPSession | null = null;

  constructor(
    readonly page: Page,
    private readonly ext: ExtensionBrowser,
    private readonly touch: boolean,
  ) {
    super('chromium');
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(`${m.text()} @ ${m.location().url}`);
    });
  }

  private async session(): Promise<CDPSession> {
    this.cdp ??= await this.ext.context.newCDPSession(this.page);
    return this.cdp;
  }

  async url(): Promise<string> {
    // Read in the page: Playwright learns of a pushState navigation a moment after the page does.
    return this.page.evaluate(() => location.href).catch(() => this.page.url());
  }

  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }

  async evaluateScript(source: string): Promise<void> {
    // DevTools evaluation: the page's CSP does not govern it (extension pages allow only 'self').
    await this.page.evaluate(source);
  }

  async $eval<R, A = undefined>(
    selector: string,
    fn: (el: Element, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> {
    const all = await this.page.evaluateHandle(resolveAll, selector);
    try {
      const first = await all.evaluateHandle((els) => els[0] ?? null);
      const el = first.asElement();
      if (!el) throw new Error(`no element matches ${selector}`);
      return (await el.evaluate(fn as never, arg as never)) as R;
    } finally {
      await all.dispose();
    }
  }

  async $$eval<R, A = undefined>(
    selector: string,
    fn: (els: Element[], arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> {
    const all: JSHandle<Element[]> = await this.page.evaluateHandle(resolveAll, selector);
    try {
      return (await all.evaluate(fn as never, arg as never)) as R;
    } finally {
      await all.dispose();
    }
  }

  async waitForFunction<A = undefined>(
    fn: (arg: A) => unknown,
    arg?: A,
    opts: { timeout?: number } = {},
  ): Promise<void> {
    await this.page.waitForFunction(fn as never, arg as never, {
      timeout: opts.timeout ?? GIVE_UP_MS,
      polling: POLL_MS,
    });
  }

  async mouseMove(x: number, y: number, steps = 1): Promise<void> {
    await this.page.mouse.move(x, y, { steps });
  }

  async mouseClick(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }

  async wheel(dx: number, dy: number): Promise<void> {
    await this.page.mouse.wheel(dx, dy);
  }

  async tap(x: number, y: number, kind: TapKind): Promise<void> {
    if (kind === 'touch') {
      if (!this.touch) throw new Error('touch taps need a session launched with { touch: true } (hasTouch)');
      await this.page.touchscreen.tap(x, y);
      return;
    }
    // A pen that touches the screen: Chromium takes pen input through DevTools' mouse events
    // with pointerType "pen" (Playwright has no pen API). The pen lands on the point, no hover first.
    const cdp = await this.session();
    for (const type of ['mousePressed', 'mouseReleased'] as const)
      await cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: 'left',
        clickCount: 1,
        pointerType: 'pen',
      });
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async setInputFiles(selector: string, path: string): Promise<void> {
    const all = await this.page.evaluateHandle(resolveAll, selector);
    const el = (await all.evaluateHandle((els) => els[0] ?? null)).asElement();
    if (!el) throw new Error(`no element matches ${selector}`);
    await el.setInputFiles(path);
    await all.dispose();
  }

  async download(action: () => Promise<unknown>): Promise<{ filename: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()]);
    const path = join(mkdtempSync(join(tmpdir(), 'backstory-download-')), download.suggestedFilename());
    await download.saveAs(path);
    return { filename: download.suggestedFilename(), path };
  }

  async setViewport(v: { width: number; height: number; deviceScaleFactor?: number }): Promise<void> {
    const cdp = await this.session();
    if ((v.deviceScaleFactor ?? 1) === 1) {
      await cdp.send('Emulation.clearDeviceMetricsOverride');
      await this.page.setViewportSize({ width: v.width, height: v.height });
      return;
    }
    // Playwright fixes the scale factor per context; DevTools sets it per page.
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: v.width,
      height: v.height,
      deviceScaleFactor: v.deviceScaleFactor ?? 1,
      mobile: false,
    });
  }

  async emulateMedia(m: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' }) {
    await this.page.emulateMedia(m);
  }

  async screenshot(path: string, opts: { clip?: Rect; fullPage?: boolean } = {}): Promise<void> {
    await this.page.screenshot({ path, clip: opts.clip, fullPage: opts.fullPage });
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

class ChromiumSession implements Session {
  readonly name = 'chromium' as const;
  private helper: ChromiumTab | null = null;

  constructor(
    readonly ext: ExtensionBrowser,
    private readonly touch: boolean,
  ) {}

  get profileDir(): string {
    return this.ext.profileDir;
  }

  /** Sets up the stubs and the extension-page helper. */
  async init(withExtension: boolean): Promise<void> {
    const context = this.ext.context;
    // Sources are external sites: answer them locally. Any other request off this machine fails.
    await context.route(/^https:\/\//, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: SOURCE_STUB }),
    );
    await context.route(/^http:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    if (withExtension) {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(this.extensionUrl('popup.html'));
      this.helper = new ChromiumTab(page, this.ext, this.touch);
    }
  }

  extensionUrl(path: string): string {
    return this.ext.url(path);
  }

  async open(url: string, opts: { initScripts?: string[] } = {}): Promise<ChromiumTab> {
    const page = await this.ext.context.newPage();
    const tab = new ChromiumTab(page, this.ext, this.touch);
    for (const s of opts.initScripts ?? []) await page.addInitScript(s);
    await page.goto(url, { waitUntil: 'load' });
    return tab;
  }

  async openExtensionPage(path: string): Promise<ChromiumTab> {
    const page = await this.ext.context.newPage();
    const tab = new ChromiumTab(page, this.ext, this.touch);
    await page.goto(this.extensionUrl(path), { waitUntil: 'load' });
    return tab;
  }

  inExtension<R>(fn: () => R | Promise<R>): Promise<R>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    if (!this.helper) throw new Error('no extension in this browser');
    return this.helper.evaluate(fn, arg as A);
  }

  storedSettings(): Promise<unknown> {
    return this.inExtension(async () => (await chrome.storage.sync.get('settings')).settings);
  }

  async writeStoredSettings(value: unknown): Promise<void> {
    await this.inExtension((v) => chrome.storage.sync.set({ settings: v }), value);
  }

  async clearStorage(): Promise<void> {
    await this.inExtension(() => chrome.storage.sync.clear());
  }

  async waitForNewTab(action: () => Promise<unknown>, timeout = GIVE_UP_MS / 2): Promise<ChromiumTab | null> {
    const [page] = await Promise.all([
      this.ext.context.waitForEvent('page', { timeout }).catch(() => null),
      action(),
    ]);
    if (!page) return null;
    const tab = new ChromiumTab(page, this.ext, this.touch);
    await page.waitForLoadState('domcontentloaded').catch(() => undefined);
    return tab;
  }

  async close(): Promise<void> {
    await this.ext.close();
  }
}

/** Real Chromium through playwright-core. */
export const chromiumDriver: Driver = {
  name: 'chromium',
  cannot: new Set<TapKind>(),
  executable: findChromium,
  async launch(opts: SessionOptions = {}): Promise<Session> {
    const withExtension = opts.extension !== false;
    const ext = await ExtensionBrowser.launch({
      extension: withExtension,
      profileDir: opts.profileDir,
      hasTouch: opts.touch,
    });
    const session = new ChromiumSession(ext, opts.touch ?? false);
    await session.init(withExtension);
    return session;
  },
};
