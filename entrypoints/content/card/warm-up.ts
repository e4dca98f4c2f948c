import { WARMUP_MEASURE, WARMUP_STEP_MEASURE } from '../measures';
import type { CardHost } from './host';
import { positionOnce } from './placement';

/** How long marks must have stayed unchanged before each step of the card's warm-up runs. */
export const WARMUP_QUIET_MS = 300;

/** What the warm-up needs from the controller. */
export interface WarmUpDeps {
  /** When marks last changed. */
  lastChange: () => number;
  /** False once a real card is open or the controller is gone: the warm-up then stops. */
  idle: () => boolean;
  /** The card's host, put on the page hidden for the warm-up and taken off after. */
  host: CardHost;
  /** Renders a card for the mark into the shadow root (empty, to clear it). */
  render: (shadow: ShadowRoot, empty?: boolean) => void;
  /** The mark the hidden card is placed against. */
  mark: Element;
}

const later = (fn: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1500 });
  else setTimeout(fn, 200);
};

/**
 * Renders a card once, hidden, in idle time, so the first real open does not pay for compiling
 * the card's code paths, parsing its stylesheet and matching fonts (measured: about 50 ms on the
 * first open without this, under the 16 ms bar with it). Two idle tasks, not one: rendering,
 * then (after the browser has laid the hidden card out in its own frame) positioning. As one
 * task it took 35–75 ms on the bench's article page, most of it the forced layout; split, each
 * task is 10–20 ms. Each step waits until the marks have stopped changing: while a scan still
 * writes to the page, positioning would force a style and layout pass over it.
 */
export function warmUp(deps: WarmUpDeps): void {
  const idle = (fn: () => void) => {
    const run = () => (performance.now() - deps.lastChange() < WARMUP_QUIET_MS ? idle(fn) : fn());
    later(run);
  };
  let spent = 0;
  const render = () => {
    if (!deps.idle()) return;
    const t0 = performance.now();
    deps.host.attach(false);
    deps.render(deps.host.ensure().shadow);
    spent = performance.now() - t0;
    performance.measure(WARMUP_STEP_MEASURE, { start: t0, duration: spent });
    idle(position);
  };
  const position = () => {
    const { host, shadow } = deps.host;
    if (!deps.idle() || !host || !shadow) return;
    const t0 = performance.now();
    // Positioning resolves in microtasks, so nothing can paint the hidden card in between.
    void positionOnce(deps.mark, host).then(() => {
      if (!deps.idle()) return;
      deps.render(shadow, true);
      deps.host.detach();
      performance.measure(WARMUP_STEP_MEASURE, { start: t0, end: performance.now() });
      performance.measure(WARMUP_MEASURE, { start: t0, duration: spent + performance.now() - t0 });
    });
  };
  idle(render);
}
