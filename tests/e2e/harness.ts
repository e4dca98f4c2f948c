/**
 * Page objects for Chromium: a real Chromium with the built extension loaded, and test pages
 * served from 127.0.0.1. The e2e journeys reach Chromium through `drivers/chromium.ts`, which
 * builds on these; the benchmarks and the demo use them directly. Firefox: `drivers/firefox.ts`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

/** The project root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The built Chrome extension. */
export const EXTENSION_DIR = resolve(ROOT, process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3');
/** Static test pages. */
export const PAGES_DIR = join(ROOT, 'tests/fixtures/pages');

/** Finds a Chromium binary: $CHROMIUM_PATH, then the usual Debian and Chrome locations. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A route a test adds: a path served with a body and extra headers (for CSP pages). */
export interface Route {
  body: string | (() => string);
  headers?: Record<string, string>;
  type?: string;
}

/** A static server on 127.0.0.1 for fixture pages and generated ones. */
export class TestServer {
  private server: Server | null = null;
  private routes = new Map<string, Route>();
  origin = '';

  /** Serves `body` at `path`, with optional headers such as a Content-Security-Policy. */
  route(path: string, route: Route): string {
    this.routes.set(path, route);
    return `${this.origin}${path}`;
  }

  /** Starts listening on a free port. */
  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r = this.routes.get(url.pathname);
      if (r) {
        res.writeHead(200, { 'content-type': r.type ?? TYPES['.html'], ...r.headers });
        res.end(typeof r.body === 'function' ? r.body() : r.body);
        return;
      }
      const file = normalize(join(PAGES_DIR, url.pathname));
      if (!file.startsWith(PAGES_DIR) || !existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    const server = this.server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${address.port}`;
  }

  /** Stops the server. */
  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Options for launching the browser. */
export interface LaunchOptions {
  /** Reuse a profile folder (to test settings surviving a restart). */
  profileDir?: string;
  headless?: boolean;
  /** Load the extension (false gives a clean browser for floor measurements). */
  extension?: boolean;
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** A touch-enabled context (Playwright `hasTouch`), for tap journeys. */
  hasTouch?: boolean;
}

/** A running Chromium with the extension, and helpers to reach its pages. */
export class ExtensionBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    readonly profileDir: string,
    private readonly ownsProfile: boolean,
  ) {}

  /** Launches Chromium with the built extension loaded. */
  static async launch(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
    const executablePath = findChromium();
    if (!executablePath)
      throw new Error('No Chromium found: run `bash tests/tools/ensure-browsers.sh` or set CHROMIUM_PATH.');
    const withExtension = opts.extension !== false;
    if (withExtension && !existsSync(join(EXTENSION_DIR, 'manifest.json')))
      throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
    const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'backstory-profile-'));
    const args = [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
    ];
    if (withExtension)
      args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: opts.headless ?? true,
      args,
      colorScheme: opts.colorScheme ?? 'light',
      locale: opts.locale ?? 'en-US',
      viewport: { width: 1200, height: 900 },
      hasTouch: opts.hasTouch ?? false,
      ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : undefined,
    });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions passed to
    // page.evaluate need it defined in the page too, or scripts run with tsx (demo, bench) fail.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
    let extensionId = '';
    if (withExtension) {
      const sw: Worker =
        context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
      extensionId = new URL(sw.url()).host;
    }
    return new ExtensionBrowser(context, extensionId, profileDir, !opts.profileDir);
  }

  /** The extension's background service worker. */
  serviceWorker(): Worker {
    const sw = this.context.serviceWorkers()[0];
    if (!sw) throw new Error('no service worker');
    return sw;
  }

  /** chrome-extension:// URL of an extension page. */
  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`;
  }

  /** Opens a page and waits until it has loaded. */
  async open(url: string): Promise<ArticlePage> {
    const page = await this.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    return new ArticlePage(page, errors);
  }

  /** Opens the popup in a tab (it behaves the same as in the toolbar). */
  async popup(hash = ''): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.url(`popup.html${hash}`));
    return page;
  }

  /** Opens the options page. */
  async options(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.url('options.html'));
    return page;
  }

  /** Reads the raw stored settings from storage.sync. */
  async storedSettings(): Promise<unknown> {
    return this.serviceWorker().evaluate(async () => (await chrome.storage.sync.get('settings')).settings);
  }

  /** Writes a raw value into storage.sync (to test repair of corrupt values). */
  async writeStoredSettings(value: unknown): Promise<void> {
    await this.serviceWorker().evaluate(async (v) => chrome.storage.sync.set({ settings: v }), value);
  }

  /** Closes the browser and removes a temporary profile. */
  async close(): Promise<void> {
    await this.context.close();
    if (this.ownsProfile) rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** A web page under test, with helpers for the marks and the card. */
export class ArticlePage {
  constructor(
    readonly page: Page,
    readonly errors: string[],
  ) {}

  /** Waits until the extension has highlighted at least `min` mentions. */
  async waitForMarks(min = 1, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction((n) => document.querySelectorAll('backstory-mark').length >= n, min, {
      timeout,
    });
  }

  /** Waits until the number of marks stops changing for `quietMs`. */
  async settle(quietMs = 600, timeout = 15_000): Promise<number> {
    return this.page.evaluate(
      ({ quietMs, timeout }) =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          let last = -1;
          let since = performance.now();
          const tick = () => {
            const n = document.querySelectorAll('backstory-mark').length;
            if (n !== last) {
              last = n;
              since = performance.now();
            }
            if (performance.now() - since >= quietMs || performance.now() - t0 > timeout) resolve(n);
            else setTimeout(tick, 50);
          };
          tick();
        }),
      { quietMs, timeout },
    );
  }

  /** Every mark as {entity, category, text}. */
  async marks(): Promise<{ entity: string; category: string; text: string }[]> {
    return this.page.$$eval('backstory-mark', (els) =>
      els.map((e) => ({
        entity: e.getAttribute('data-entity') ?? '',
        category: e.getAttribute('data-category') ?? '',
        text: e.textContent ?? '',
      })),
    );
  }

  /** The page's visible text, as the reader sees it. */
  async text(): Promise<string> {
    // innerText on purpose: the text as rendered, which is what must never change.
    return this.page.evaluate(() => document.body.innerText);
  }

  /** Hovers the first mark of an entity and waits for its card. */
  async hover(entity: string): Promise<void> {
    await this.page.locator(`backstory-mark[data-entity="${entity}"]`).first().hover();
    await this.card().waitFor({ state: 'visible', timeout: 5000 });
  }

  /** The open card element (inside the card's open shadow root). */
  card() {
    return this.page.locator('backstory-card [data-card]');
  }
}
