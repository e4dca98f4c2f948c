/**
 * Firefox ESR with the built extension, driven by puppeteer-core over WebDriver BiDi: the
 * launcher (`FirefoxExtensionBrowser`, for the e2e driver and the benchmarks) and the e2e driver
 * (`firefoxDriver`).
 *
 * How it is set up, and why:
 * - The extension is installed as a temporary add-on (WebDriver BiDi `webExtension.install`),
 *   which any Firefox accepts unsigned. With a given profile folder (a restart journey) it is
 *   installed in the profile instead (a proxy file `extensions/<gecko id>` holding the path of
 *   `.output/firefox-mv2`), because a temporary add-on is gone after a restart: the relaunch then
 *   finds it installed, with its storage, as a reader's Firefox would. That unsigned install loads
 *   only where `xpinstall.signatures.required: false` is honoured: ESR, Developer Edition, Nightly.
 * - `extensions.webextensions.uuids` fixes the moz-extension:// host, so the extension's pages
 *   have known URLs.
 * - Nothing leaves the machine: a WebDriver BiDi network intercept answers every https request
 *   with a local stub page (a source link still opens a real tab on its https URL) and fails any
 *   other request off 127.0.0.1; behind it, every proxy setting points at a local proxy that
 *   closes each connection, for whatever the intercept does not see. Firefox never proxies
 *   127.0.0.1, so the test server is reached directly.
 * - `--remote-allow-system-access` lets the driver run privileged code in the browser window,
 *   which it uses to set preferences at run time: the colour scheme and reduced motion
 *   (puppeteer's emulateMediaFeatures needs CDP, which Firefox does not have).
 * - Background tabs are not throttled (as Playwright's Chromium flags do for Chromium), so a
 *   journey that watches a tab while another is in front measures the extension, not the policy.
 * - `privacy.reduceTimerPrecision` off: timings inside the page step in microseconds, not 1 ms.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, {
  type Browser,
  type ElementHandle,
  type KeyInput,
  type Page,
  type Target,
} from 'puppeteer-core';
import { ROOT } from '../harness';
import { BaseTab, GIVE_UP_MS, POLL_MS, parseChord, SOURCE_STUB } from './base';
import { type Driver, type Rect, resolveAll, type Session, type SessionOptions, type TapKind } from './types';

/** The built Firefox extension (Manifest V2). */
export const FIREFOX_EXTENSION_DIR = resolve(ROOT, process.env.BACKSTORY_OUT_DIR ?? '.output', 'firefox-mv2');
/** The moz-extension:// host the launcher gives the extension. */
export const FIREFOX_EXTENSION_UUID = '6d3f5a8e-1b2c-4d5e-8f90-2b0f5c0a7e11';

/** Finds Firefox: $FIREFOX_PATH, then Debian's firefox-esr, then firefox. */
export function findFirefox(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** The add-on id the build declares (browser_specific_settings.gecko.id, set in wxt.config.ts). */
export function geckoId(dir = FIREFOX_EXTENSION_DIR): string {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = m.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** A local proxy that accepts connections and closes them: every request through it fails at once. */
async function blackhole(): Promise<{ server: Server; port: number }> {
  const server = createServer((s: Socket) => {
    s.on('error', () => undefined);
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port for the blackhole proxy');
  return { server, port: address.port };
}

/** A preference value; null clears the preference back to its default. */
export type PrefValue = string | number | boolean | null;

/** Options of `FirefoxExtensionBrowser.launch`. */
export interface FirefoxLaunchOptions {
  /** Install the built extension (default true). */
  extension?: boolean;
  /** Reuse this profile folder; a temporary one (removed on close) otherwise. */
  profileDir?: string;
  headless?: boolean;
  /** More preferences (they win over the launcher's). */
  prefs?: Record<string, string | number | boolean>;
}

/** The slice of WebDriver BiDi the launcher speaks directly (puppeteer's own connection). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
  on(event: string, handler: (params: never) => void): void;
}

interface BeforeRequestSent {
  isBlocked?: boolean;
  intercepts?: string[];
  request: { request: string; url: string };
}

/**
 * puppeteer's waitForFunction, again after a protocol error: while a tab swaps documents,
 * Firefox's remote agent can fail one evaluation ("right-hand side of 'in' should be an object,
 * got null"), which ends puppeteer's wait early. A timeout still ends it.
 */
async function waitSteadily<A>(page: Page, fn: (arg: A) => unknown, arg: A, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await page.waitForFunction(
        fn as never,
        { timeout: Math.max(1, deadline - Date.now()), polling: POLL_MS },
        arg,
      );
      return;
    } catch (e) {
      if ((e as Error).name === 'TimeoutError' || Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/**
 * Sorts what puppeteer reports as a Firefox page error. Firefox logs the browser's own complaints
 * (a CSP or CORS block, a failed load) as error entries, which puppeteer hands over as page
 * errors; Chromium logs the same as console errors, so they count as those. What is left is what
 * Chromium calls a page error: an uncaught exception ("TypeError: …", "Error: …", "uncaught
 * exception: …"). Firefox also applies the page's CSP to the favicon it fetches for its own tab
 * strip (Chromium does not): that block is the browser's, not the page's or the extension's.
 * With $BACKSTORY_E2E_DEBUG set, each one is printed with its stack.
 */
export function classifyPageError(e: unknown): { kind: 'error' | 'console' | 'ignore'; text: string } {
  if (process.env.BACKSTORY_E2E_DEBUG) console.info('[firefox pageerror]', (e as Error).stack ?? e);
  const message = (e as Error).message ?? String(e);
  if (/^([A-Za-z]*(Error|Exception)\b|uncaught exception)/.test(message))
    return { kind: 'error', text: String(e) };
  if (/^Content-Security-Policy: .*\/favicon\.ico\b/.test(message)) return { kind: 'ignore', text: message };
  return { kind: 'console', text: message };
}

/** Is this URL served on this machine? */
const isLocal = (url: string) => /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url);

/** Firefox ESR running with the built extension (or without it), with helpers to reach its pages. */
export class FirefoxExtensionBrowser {
  private chromeContext: string | null = null;

  private constructor(
    /** The puppeteer Browser (WebDriver BiDi). */
    readonly browser: Browser,
    /** `Mozilla Firefox 153.x esr` and the like. */
    readonly version: string,
    readonly profileDir: string,
    /** Where downloads land (no dialog). */
    readonly downloadDir: string,
    private readonly ownsProfile: boolean,
    private readonly proxy: Server,
  ) {}

  /** Launches Firefox ESR; with `extension` (the default) the built extension is installed in the profile. */
  static async launch(opts: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionBrowser> {
    const executablePath = findFirefox();
    if (!executablePath)
      throw new Error(
        'No Firefox found: run `bash tests/tools/ensure-browsers.sh` (apt-get install -y firefox-esr) or set FIREFOX_PATH.',
      );
    const withExtension = opts.extension !== false;
    if (withExtension && !existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      throw new Error(`No built Firefox extension in ${FIREFOX_EXTENSION_DIR}: run \`npm run build\` first.`);
    const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'backstory-firefox-'));
    const downloadDir = join(profileDir, 'downloads');
    mkdirSync(downloadDir, { recursive: true });
    const id = withExtension ? geckoId() : '';
    const inProfile = withExtension && !!opts.profileDir;
    if (inProfile) {
      mkdirSync(join(profileDir, 'extensions'), { recursive: true });
      writeFileSync(join(profileDir, 'extensions', id), FIREFOX_EXTENSION_DIR);
    } else if (opts.profileDir && existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
      rmSync(join(profileDir, 'extensions', geckoId()), { force: true }); // a clean browser on a used profile
    }
    const { server, port } = await blackhole();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: opts.headless ?? true,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1200, height: 900 },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify(id ? { [id]: FIREFOX_EXTENSION_UUID } : {}),
        'xpinstall.signatures.required': false,
        'privacy.reduceTimerPrecision': false,
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': port,
        'network.proxy.allow_hijacking_localhost': false,
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'dom.min_background_timeout_value': 4,
        'dom.timeout.enable_budget_timer_throttling': false,
        'browser.download.dir': downloadDir,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'intl.accept_languages': 'en-US, en',
        'layout.css.prefers-color-scheme.content-override': 1,
        ...opts.prefs,
      },
    });
    const fx = new FirefoxExtensionBrowser(
      browser,
      (await browser.version()).trim(),
      profileDir,
      downloadDir,
      !opts.profileDir,
      server,
    );
    await fx.guardNetwork();
    if (withExtension && !inProfile) await browser.installExtension(FIREFOX_EXTENSION_DIR);
    return fx;
  }

  /** The add-on id the build declares (as tests/bench/firefox.ts's FirefoxBrowser has it). */
  static geckoId(): string {
    return geckoId();
  }

  /** The puppeteer connection's raw WebDriver BiDi commands. */
  private get bidi(): BidiConnection {
    return (this.browser as unknown as { connection: BidiConnection }).connection;
  }

  /** Answers https requests with the stub page and fails the rest of what would leave the machine. */
  private async guardNetwork(): Promise<void> {
    const added = await this.bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });
    const intercept = added.result.intercept as string;
    this.bidi.on('network.beforeRequestSent', (e: BeforeRequestSent) => {
      if (!e.isBlocked || !e.intercepts?.includes(intercept)) return;
      const { request, url } = e.request;
      const send = (method: string, params: object) =>
        this.bidi.send(method, { request, ...params }).catch(() => undefined);
      if (!/^https?:/.test(url) || isLocal(url)) void send('network.continueRequest', {});
      else if (url.startsWith('https:'))
        void send('network.provideResponse', {
          statusCode: 200,
          reasonPhrase: 'OK',
          headers: [{ name: 'content-type', value: { type: 'string', value: 'text/html' } }],
          body: { type: 'string', value: SOURCE_STUB },
        });
      else void send('network.failRequest', {});
    });
  }

  /** Runs privileged JavaScript in the browser window (not in a page). */
  async chromeEval(expression: string): Promise<unknown> {
    if (!this.chromeContext) {
      const tree = await this.bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const contexts = tree.result.contexts as { context: string }[];
      this.chromeContext = contexts[0]?.context ?? null;
      if (!this.chromeContext) throw new Error('no browser window to run privileged code in');
    }
    const r = await this.bidi.send('script.evaluate', {
      expression,
      target: { context: this.chromeContext },
      awaitPromise: true,
    });
    const result = r.result as { type: string; exceptionDetails?: { text: string } };
    if (result.type === 'exception')
      throw new Error(`privileged script failed: ${result.exceptionDetails?.text}`);
    return result;
  }

  /** Sets (or, with null, clears) preferences at run time; they apply to every tab. */
  async setPrefs(prefs: Record<string, PrefValue>): Promise<void> {
    const lines = Object.entries(prefs).map(([name, v]) => {
      const n = JSON.stringify(name);
      if (v === null) return `Services.prefs.clearUserPref(${n});`;
      if (typeof v === 'boolean') return `Services.prefs.setBoolPref(${n}, ${v});`;
      if (typeof v === 'number') return `Services.prefs.setIntPref(${n}, ${v});`;
      return `Services.prefs.setStringPref(${n}, ${JSON.stringify(v)});`;
    });
    await this.chromeEval(`(() => { ${lines.join(' ')} })()`);
  }

  /** Set when a tab emulated a colour scheme or reduced motion (see `resetMedia`). */
  mediaEmulated = false;

  /** Puts the colour scheme (light, as Chromium's harness has it) and motion preference back. */
  async resetMedia(): Promise<void> {
    if (!this.mediaEmulated) return;
    this.mediaEmulated = false;
    await this.setPrefs({
      'layout.css.prefers-color-scheme.content-override': 1,
      'ui.prefersReducedMotion': null,
    });
  }

  /** moz-extension:// URL of an extension page. */
  extensionUrl(path: string): string {
    return `moz-extension://${FIREFOX_EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  }

  /** A new tab, with the `__name` shim tsx and vitest's keepNames need in evaluated functions. */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.evaluateOnNewDocument('globalThis.__name = globalThis.__name || ((f) => f);');
    return page;
  }

  /** Opens a web page in a new tab and waits for its load event; collects its uncaught errors. */
  async open(url: string, opts: { initScripts?: string[] } = {}): Promise<{ page: Page; errors: string[] }> {
    const page = await this.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => {
      const c = classifyPageError(e);
      if (c.kind === 'error') errors.push(c.text);
    });
    for (const s of opts.initScripts ?? []) await page.evaluateOnNewDocument(s);
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors };
  }

  /**
   * Loads an extension page in `page`. Firefox's BiDi sends no load event for moz-extension://
   * documents, so puppeteer's goto would time out: the document's own readyState is polled instead.
   */
  async gotoExtensionPage(page: Page, path: string, timeout = GIVE_UP_MS): Promise<void> {
    const url = this.extensionUrl(path);
    void page.goto(url, { waitUntil: 'load', timeout }).catch(() => undefined);
    await waitSteadily(
      page,
      (u: string) => location.href === u && document.readyState === 'complete',
      url,
      timeout,
    );
  }

  /** Closes Firefox, the proxy, and a temporary profile. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await new Promise<void>((r) => this.proxy.close(() => r()));
    if (this.ownsProfile) rmSync(this.profileDir, { recursive: true, force: true });
  }
}

class FirefoxTab extends BaseTab {
  constructor(
    readonly page: Page,
    private readonly fx: FirefoxExtensionBrowser,
  ) {
    super('firefox');
    page.on('pageerror', (e) => {
      const c = classifyPageError(e);
      if (c.kind === 'error') this.errors.push(c.text);
      else if (c.kind === 'console') this.consoleErrors.push(c.text);
    });
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(`${m.text()} @ ${m.location().url ?? ''}`);
    });
  }

  async url(): Promise<string> {
    return this.page.evaluate(() => location.href).catch(() => this.page.url());
  }

  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }

  async evaluateScript(source: string): Promise<void> {
    // WebDriver BiDi evaluation: the page's CSP does not govern it.
    await this.page.evaluate(`${source}\n;undefined`);
  }

  private async first(selector: string): Promise<ElementHandle<Element>> {
    const all = await this.page.evaluateHandle(resolveAll, selector);
    const el = (await all.evaluateHandle((els) => els[0] ?? null)).asElement();
    await all.dispose();
    if (!el) throw new Error(`no element matches ${selector}`);
    return el as ElementHandle<Element>;
  }

  async $eval<R, A = undefined>(
    selector: string,
    fn: (el: Element, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> {
    const el = await this.first(selector);
    try {
      return (await el.evaluate(fn as never, arg as never)) as R;
    } finally {
      await el.dispose();
    }
  }

  async $$eval<R, A = undefined>(
    selector: string,
    fn: (els: Element[], arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R> {
    const all = await this.page.evaluateHandle(resolveAll, selector);
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
    await waitSteadily(this.page, fn, arg as A, opts.timeout ?? GIVE_UP_MS);
  }

  async mouseMove(x: number, y: number, steps = 1): Promise<void> {
    await this.page.mouse.move(x, y, { steps });
  }

  async mouseClick(x: number, y: number): Promise<void> {
    await this.page.mouse.click(x, y);
  }

  async wheel(dx: number, dy: number): Promise<void> {
    await this.page.mouse.wheel({ deltaX: dx, deltaY: dy });
  }

  async tap(x: number, y: number, kind: TapKind): Promise<void> {
    if (kind === 'pen')
      // Firefox 153's WebDriver BiDi answers a pen pointer with "Unimplemented pointerMove for
      // pointerType pen", and the privileged window utilities no longer synthesise mouse events
      // with an input source: there is no way to send trusted pen input here.
      throw new Error('Firefox cannot take pen input over WebDriver BiDi');
    await this.page.touchscreen.tap(x, y);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    const { modifiers, key: k } = parseChord(key);
    for (const m of modifiers) await this.page.keyboard.down(m as KeyInput);
    await this.page.keyboard.press(k as KeyInput);
    for (const m of modifiers.reverse()) await this.page.keyboard.up(m as KeyInput);
  }

  async setInputFiles(selector: string, path: string): Promise<void> {
    const el = (await this.first(selector)) as ElementHandle<HTMLInputElement>;
    await el.uploadFile(path);
    await el.dispose();
  }

  async download(action: () => Promise<unknown>): Promise<{ filename: string; path: string }> {
    const dir = this.fx.downloadDir;
    for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
    await action();
    // Firefox writes `name.part` first and renames it when the download is complete.
    const t0 = Date.now();
    for (;;) {
      const done = readdirSync(dir).filter((f) => !f.endsWith('.part'));
      const partial = readdirSync(dir).some((f) => f.endsWith('.part'));
      if (done.length > 0 && !partial)
        return { filename: done[0] as string, path: join(dir, done[0] as string) };
      if (Date.now() - t0 > 10_000) throw new Error(`no download in ${dir}`);
      await this.sleep(POLL_MS);
    }
  }

  async setViewport(v: { width: number; height: number; deviceScaleFactor?: number }): Promise<void> {
    await this.page.setViewport({
      width: v.width,
      height: v.height,
      deviceScaleFactor: v.deviceScaleFactor ?? 1,
    });
  }

  async emulateMedia(m: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' }) {
    // Preferences apply to every tab: closing this tab or opening another sets them back (in
    // Chromium the emulation is the page's own, and a new page starts without it).
    const prefs: Record<string, PrefValue> = {};
    if (m.colorScheme)
      prefs['layout.css.prefers-color-scheme.content-override'] = m.colorScheme === 'dark' ? 0 : 1;
    if (m.reducedMotion) prefs['ui.prefersReducedMotion'] = m.reducedMotion === 'reduce' ? 1 : 0;
    this.fx.mediaEmulated = true;
    await this.fx.setPrefs(prefs);
    // The preference reaches the page's process a moment later.
    await this.waitForFunction(
      ({ cs, rm }) =>
        (!cs || matchMedia(`(prefers-color-scheme: ${cs})`).matches) &&
        (!rm || matchMedia(`(prefers-reduced-motion: ${rm})`).matches),
      { cs: m.colorScheme ?? '', rm: m.reducedMotion ?? '' },
    );
  }

  async screenshot(path: string, opts: { clip?: Rect; fullPage?: boolean } = {}): Promise<void> {
    await this.page.screenshot({ path: path as `${string}.png`, clip: opts.clip, fullPage: opts.fullPage });
  }

  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    await this.fx.resetMedia();
    await this.page.close();
  }
}

class FirefoxSession implements Session {
  readonly name = 'firefox' as const;
  private helper: FirefoxTab | null = null;

  constructor(readonly fx: FirefoxExtensionBrowser) {}

  get profileDir(): string {
    return this.fx.profileDir;
  }

  /** Opens the extension-page helper in the first tab. */
  async init(withExtension: boolean): Promise<void> {
    if (!withExtension) return;
    const page = (await this.fx.browser.pages())[0] ?? (await this.fx.newPage());
    await this.fx.gotoExtensionPage(page, 'popup.html', 20_000);
    this.helper = new FirefoxTab(page, this.fx);
  }

  extensionUrl(path: string): string {
    return this.fx.extensionUrl(path);
  }

  async open(url: string, opts: { initScripts?: string[] } = {}): Promise<FirefoxTab> {
    await this.fx.resetMedia();
    const page = await this.fx.newPage();
    const tab = new FirefoxTab(page, this.fx);
    for (const s of opts.initScripts ?? []) await page.evaluateOnNewDocument(s);
    await page.goto(url, { waitUntil: 'load' });
    return tab;
  }

  async openExtensionPage(path: string): Promise<FirefoxTab> {
    await this.fx.resetMedia();
    const page = await this.fx.newPage();
    const tab = new FirefoxTab(page, this.fx);
    await this.fx.gotoExtensionPage(page, path);
    return tab;
  }

  inExtension<R>(fn: () => R | Promise<R>): Promise<R>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    if (!this.helper) throw new Error('no extension in this browser');
    return this.helper.evaluate(fn, arg as A);
  }

  storedSettings(): Promise<unknown> {
    return this.inExtension(
      async () =>
        (await (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.get('settings'))
          .settings,
    );
  }

  async writeStoredSettings(value: unknown): Promise<void> {
    await this.inExtension(
      (v) => (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.set({ settings: v }),
      value,
    );
  }

  async clearStorage(): Promise<void> {
    await this.inExtension(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.clear(),
    );
  }

  async waitForNewTab(action: () => Promise<unknown>, timeout = GIVE_UP_MS / 2): Promise<FirefoxTab | null> {
    const known = new Set<Target>(this.fx.browser.targets());
    const [target] = await Promise.all([
      this.fx.browser
        .waitForTarget((t) => t.type() === 'page' && !known.has(t), { timeout })
        .catch(() => null),
      action(),
    ]);
    const page = await target?.page();
    if (!page) return null;
    const tab = new FirefoxTab(page, this.fx);
    // The tab starts on about:blank and navigates; wait for its real document.
    await page
      .waitForFunction(() => location.href !== 'about:blank' && document.readyState !== 'loading', {
        timeout,
        polling: POLL_MS,
      })
      .catch(() => undefined);
    return tab;
  }

  async close(): Promise<void> {
    await this.fx.close();
  }
}

/** Real Firefox ESR through puppeteer-core over WebDriver BiDi. */
export const firefoxDriver: Driver = {
  name: 'firefox',
  cannot: new Set<TapKind>(['pen']),
  executable: findFirefox,
  async launch(opts: SessionOptions = {}): Promise<Session> {
    const withExtension = opts.extension !== false;
    const fx = await FirefoxExtensionBrowser.launch({
      extension: withExtension,
      profileDir: opts.profileDir,
    });
    const session = new FirefoxSession(fx);
    await session.init(withExtension);
    return session;
  },
};
