/**
 * What both drivers share: every element action is found and measured with `evaluate` inside the
 * page (the same code in both browsers), and only the raw input, viewport and screenshot calls
 * differ. A driver extends `BaseTab` with those.
 */
import type { BrowserName, Point, Rect, Tab, TapKind } from './types';

/** The answer every https request gets: sources are external sites, and nothing may leave the machine. */
export const SOURCE_STUB = '<!doctype html><title>source</title><p>source';

/**
 * How long a wait for something that should happen soon goes on before it reports a failure.
 * Not a timing expectation (those are in ../timing.ts): a passing run never waits it out.
 */
export const GIVE_UP_MS = 10_000;

/** How often in-page waits poll. Timers, not animation frames: background tabs get no frames. */
export const POLL_MS = 50;

/** Splits a Playwright-style chord (`Shift+Tab`, `Control+End`) into its modifiers and key. */
export function parseChord(chord: string): { modifiers: string[]; key: string } {
  // A lone '+' is the key itself; 'Shift++' is Shift and '+'.
  const parts = chord === '+' ? ['+'] : chord.split(/\+(?=.)/);
  const key = parts.pop() as string;
  return { modifiers: parts, key };
}

/** The element actions both drivers share, on top of a few raw calls each driver provides. */
export abstract class BaseTab implements Tab {
  readonly errors: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly requests: string[] = [];

  constructor(readonly browser: BrowserName) {}

  abstract url(): Promise<string>;
  abstract evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  abstract evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  abstract evaluateScript(source: string): Promise<void>;
  abstract $eval<R, A = undefined>(
    selector: string,
    fn: (el: Element, arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R>;
  abstract $$eval<R, A = undefined>(
    selector: string,
    fn: (els: Element[], arg: A) => R | Promise<R>,
    arg?: A,
  ): Promise<R>;
  abstract waitForFunction<A = undefined>(
    fn: (arg: A) => unknown,
    arg?: A,
    opts?: { timeout?: number },
  ): Promise<void>;
  abstract mouseMove(x: number, y: number, steps?: number): Promise<void>;
  abstract mouseClick(x: number, y: number): Promise<void>;
  abstract wheel(dx: number, dy: number): Promise<void>;
  abstract tap(x: number, y: number, kind: TapKind): Promise<void>;
  abstract type(text: string): Promise<void>;
  abstract press(key: string): Promise<void>;
  abstract setInputFiles(selector: string, path: string): Promise<void>;
  abstract download(action: () => Promise<unknown>): Promise<{ filename: string; path: string }>;
  abstract setViewport(v: { width: number; height: number; deviceScaleFactor?: number }): Promise<void>;
  abstract emulateMedia(m: {
    colorScheme?: 'light' | 'dark';
    reducedMotion?: 'reduce' | 'no-preference';
  }): Promise<void>;
  abstract screenshot(path: string, opts?: { clip?: Rect; fullPage?: boolean }): Promise<void>;
  abstract bringToFront(): Promise<void>;
  abstract close(): Promise<void>;

  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  async waitForVisible(selector: string, timeout = 5000): Promise<void> {
    await this.waitForFunction(
      (sel: string) => {
        // Self-contained: this runs in the page (see resolveAll in types.ts).
        const parts = sel.split('>>>').map((s) => s.trim());
        let scopes: (Document | ShadowRoot)[] = [document];
        let found: Element[] = [];
        for (const [i, part] of parts.entries()) {
          found = scopes.flatMap((s) => [...s.querySelectorAll(part)]);
          if (i < parts.length - 1)
            scopes = found.map((e) => e.shadowRoot).filter((r): r is ShadowRoot => r !== null);
        }
        return found.some((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        });
      },
      selector,
      { timeout },
    );
  }

  async point(selector: string): Promise<Point> {
    // Like Playwright's actionability checks: in view, and the same box over two frames (a card
    // still sliding in, or re-rendering, would take the pointer somewhere else).
    const p = await this.$eval(
      selector,
      async (el, { waitMs, pollMs }) => {
        const frame = () =>
          new Promise<void>((r) => {
            requestAnimationFrame(() => r());
            setTimeout(r, pollMs); // background tabs get no frames
          });
        const first = () => el.getClientRects()[0] ?? el.getBoundingClientRect();
        let r = first();
        const outside = r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth;
        // Out of the viewport: to its middle. In it: 'nearest' scrolls only a container that clips
        // it (the card's own scroll box) and leaves the page where it is.
        el.scrollIntoView(
          outside ? { block: 'center', inline: 'center' } : { block: 'nearest', inline: 'nearest' },
        );
        let hit: Element | null = null;
        // Not for ever (Playwright waits as long as the test lets it).
        for (const until = performance.now() + waitMs; performance.now() < until; ) {
          await frame();
          const n = first();
          const same = n.x === r.x && n.y === r.y && n.width === r.width && n.height === r.height;
          r = n;
          if (!same) continue;
          // What the pointer would land on, through open shadow roots.
          hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          while (hit?.shadowRoot) {
            const inner = hit.shadowRoot.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!inner || inner === hit) break;
            hit = inner;
          }
          if (hit && (hit === el || el.contains(hit))) break;
        }
        if (!(r.width > 0 && r.height > 0)) return { error: 'has no box to point at' };
        if (!hit || !(hit === el || el.contains(hit)))
          return { error: `is covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">` };
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      { waitMs: GIVE_UP_MS / 5, pollMs: POLL_MS },
    );
    if ('error' in p) throw new Error(`${selector} ${p.error}`);
    return p;
  }

  async box(selector: string): Promise<Rect | null> {
    return this.$$eval(selector, (els) => {
      const r = els[0]?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    });
  }

  async hover(selector: string): Promise<void> {
    const p = await this.point(selector);
    await this.mouseMove(p.x, p.y);
  }

  async click(selector: string): Promise<void> {
    const p = await this.point(selector);
    await this.mouseClick(p.x, p.y);
  }

  async fill(selector: string, value: string): Promise<void> {
    const how = await this.$eval(selector, (el) => {
      if (el instanceof HTMLSelectElement) return 'set';
      const settable = ['range', 'color', 'date', 'datetime-local', 'month', 'time', 'week'];
      if (el instanceof HTMLInputElement && settable.includes(el.type)) return 'set';
      (el as HTMLElement).focus();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      return 'type';
    });
    if (how === 'set') {
      await this.$eval(
        selector,
        (el, v) => {
          (el as HTMLInputElement).value = v;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        },
        value,
      );
    } else if (value === '') {
      await this.press('Backspace');
    } else {
      await this.type(value);
    }
  }

  async check(selector: string, on = true): Promise<void> {
    const state = () => this.$eval(selector, (el) => (el as HTMLInputElement).checked);
    if ((await state()) === on) return;
    await this.click(selector);
    if ((await state()) !== on)
      throw new Error(`clicking ${selector} did not make it ${on ? '' : 'un'}checked`);
  }

  async selectOption(selector: string, value: string): Promise<void> {
    await this.$eval(
      selector,
      (el, v) => {
        const s = el as HTMLSelectElement;
        s.value = v;
        if (s.value !== v) throw new Error(`no option ${v}`);
        s.dispatchEvent(new Event('input', { bubbles: true }));
        s.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  }
}
