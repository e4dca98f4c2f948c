/**
 * The driver interface every end-to-end journey is written against. Two implementations:
 * real Chromium through playwright-core (`chromium.ts`) and real Firefox ESR through
 * puppeteer-core over WebDriver BiDi (`firefox.ts`). Journeys check what a reader sees with
 * `evaluate` inside the page, which is the same in both browsers, and reach the browser only for
 * input, viewport, screenshots, tabs and the extension's own pages.
 *
 * Selectors are plain CSS, with ` >>> ` to step into an element's open shadow root:
 * `backstory-card >>> [data-card]` is the card element inside the card's host.
 */

/** The two browsers. */
export type BrowserName = 'chromium' | 'firefox';

/** A point in CSS pixels of the viewport. */
export interface Point {
  x: number;
  y: number;
}

/** A rectangle in CSS pixels of the viewport. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Input without hover: a finger, or a pen that touches the screen. */
export type TapKind = 'touch' | 'pen';

/** How to launch a browser. */
export interface SessionOptions {
  /** Install the built extension (default true); false gives a clean browser for reference texts. */
  extension?: boolean;
  /** Reuse this profile folder (settings surviving a restart); a temporary one otherwise. */
  profileDir?: string;
  /** Chromium: a touch-enabled context (Playwright `hasTouch`). Firefox takes touch input anyway. */
  touch?: boolean;
}

/** One tab: a web page or an extension page. */
export interface Tab {
  /** Which browser it runs in. */
  readonly browser: BrowserName;
  /** Uncaught errors of the page, as text. */
  readonly errors: string[];
  /** console.error messages of the page, with their source URL. */
  readonly consoleErrors: string[];
  /** The URL of every request the tab made. */
  readonly requests: string[];
  /** The tab's URL now (read in the page: Firefox's BiDi reports no navigation of extension pages). */
  url(): Promise<string>;
  /** Runs `fn` in the page's main world and returns its (JSON-serialisable) result. */
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs a script's source in the page's main world, past the page's CSP (axe-core, bundles). */
  evaluateScript(source: string): Promise<void>;
  /** Runs `fn` on the first element `selector` matches; throws when none does. */
  $eval<R, A = undefined>(selector: string, fn: (el: Element, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs `fn` on every element `selector` matches (after the last ` >>> `, all matches). */
  $$eval<R, A = undefined>(
    selector: string,
    fn: (els: Element[], arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R>;
  /** Polls `fn` in the page (every 50 ms) until it returns something truthy. */
  waitForFunction<A = undefined>(
    fn: (arg: A) => unknown,
    arg?: A,
    opts?: { timeout?: number },
  ): Promise<void>;
  /** Waits until `selector` matches a visible element (a box with area, not visibility:hidden). */
  waitForVisible(selector: string, timeout?: number): Promise<void>;
  /** Waits `ms` of wall time (for "nothing happens within…" checks only). */
  sleep(ms: number): Promise<void>;

  /** The centre of the first line box of the element, scrolled into view first if it is not in view. */
  point(selector: string): Promise<Point>;
  /** The element's bounding box, or null when nothing matches. */
  box(selector: string): Promise<Rect | null>;
  /** Moves the mouse; `steps` > 1 sends intermediate moves along the straight line. */
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  /** Clicks the left button at a point. */
  mouseClick(x: number, y: number): Promise<void>;
  /** Scrolls with the mouse wheel at the mouse's position. */
  wheel(dx: number, dy: number): Promise<void>;
  /** Moves the mouse onto the element (see `point`). */
  hover(selector: string): Promise<void>;
  /** Clicks the element (see `point`). */
  click(selector: string): Promise<void>;
  /** A tap (down and up, no hover before it) at a point, with a finger or a pen. */
  tap(x: number, y: number, kind: TapKind): Promise<void>;
  /** Types text with the keyboard into whatever has focus. */
  type(text: string): Promise<void>;
  /** Presses a key or a chord, Playwright-style: `Escape`, `Shift+Tab`, `Control+End`. */
  press(key: string): Promise<void>;
  /** Replaces a field's value: typed through the keyboard for text, set with input/change events for range and select. */
  fill(selector: string, value: string): Promise<void>;
  /** Clicks a checkbox or radio until its state is `on`. */
  check(selector: string, on?: boolean): Promise<void>;
  /** Chooses an option of a `<select>` (by value), as the browser does: input and change events. */
  selectOption(selector: string, value: string): Promise<void>;
  /** Sets the files of an `<input type=file>`. */
  setInputFiles(selector: string, path: string): Promise<void>;
  /** Runs `action` and returns the file it made the browser download. */
  download(action: () => Promise<unknown>): Promise<{ filename: string; path: string }>;

  /** The viewport in CSS pixels, with a device scale factor (2 with half the CSS size emulates 200% zoom). */
  setViewport(v: { width: number; height: number; deviceScaleFactor?: number }): Promise<void>;
  /** Emulates the reader's colour scheme and motion preference. */
  emulateMedia(m: {
    colorScheme?: 'light' | 'dark';
    reducedMotion?: 'reduce' | 'no-preference';
  }): Promise<void>;
  /** Saves a PNG of the viewport, of a clip of it, or of the full page. */
  screenshot(path: string, opts?: { clip?: Rect; fullPage?: boolean }): Promise<void>;
  /** Makes this the active tab. */
  bringToFront(): Promise<void>;
  /** Closes the tab. */
  close(): Promise<void>;
}

/** A running browser with the extension (or without it). */
export interface Session {
  /** Which browser it is. */
  readonly name: BrowserName;
  /** The profile folder. */
  readonly profileDir: string;
  /** The URL of an extension page (`popup.html#entity=…`). */
  extensionUrl(path: string): string;
  /** Opens a web page in a new tab and waits for its load event; `initScripts` run before any page script. */
  open(url: string, opts?: { initScripts?: string[] }): Promise<Tab>;
  /** Opens an extension page in a new tab and waits until its document is complete. */
  openExtensionPage(path: string): Promise<Tab>;
  /**
   * Runs `fn` in an extension page of its own (a popup.html tab kept for this), where the
   * extension API is `globalThis.browser` (Firefox) or `chrome` (Chromium).
   */
  inExtension<R>(fn: () => R | Promise<R>): Promise<R>;
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The raw stored settings (storage.sync "settings"). */
  storedSettings(): Promise<unknown>;
  /** Writes a raw value as the stored settings. */
  writeStoredSettings(value: unknown): Promise<void>;
  /** Clears storage.sync. */
  clearStorage(): Promise<void>;
  /** Runs `action` and returns the tab it opened (null when none opened within `timeout`). */
  waitForNewTab(action: () => Promise<unknown>, timeout?: number): Promise<Tab | null>;
  /** Closes the browser (and removes a temporary profile). */
  close(): Promise<void>;
}

/** Launches one browser. */
export interface Driver {
  readonly name: BrowserName;
  /** Input this browser cannot take from its driver (see the driver for the reason). */
  readonly cannot: ReadonlySet<TapKind>;
  /** The browser binary, or null when it is not installed. */
  executable(): string | null;
  /** Launches the browser. */
  launch(opts?: SessionOptions): Promise<Session>;
}

/**
 * Steps into shadow roots along ` >>> ` and returns every match of the last part. Self-contained
 * (it runs in the page, where nothing else of ours exists): keep it free of outside names.
 */
export function resolveAll(selector: string): Element[] {
  const parts = selector.split('>>>').map((s) => s.trim());
  let scopes: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < parts.length; i++) {
    const found: Element[] = [];
    for (const s of scopes) for (const el of s.querySelectorAll(parts[i] as string)) found.push(el);
    if (i === parts.length - 1) return found;
    scopes = found.map((el) => el.shadowRoot).filter((r): r is ShadowRoot => r !== null);
  }
  return [];
}
