/**
 * The two drivers, and which of them this run covers: both, unless $BACKSTORY_BROWSERS names a
 * subset (`BACKSTORY_BROWSERS=firefox npx vitest run --project e2e`).
 */
import { chromiumDriver } from './chromium';
import { firefoxDriver } from './firefox';
import type { BrowserName, Driver } from './types';

export type { BrowserName, Driver, Point, Rect, Session, SessionOptions, Tab, TapKind } from './types';

/** Every driver, by browser. */
export const DRIVERS: Record<BrowserName, Driver> = { chromium: chromiumDriver, firefox: firefoxDriver };

/** The browsers this run covers, in order. */
export const BROWSERS: BrowserName[] = (() => {
  const all: BrowserName[] = ['chromium', 'firefox'];
  const wanted = process.env.BACKSTORY_BROWSERS?.split(',').map((s) => s.trim());
  if (!wanted?.length || wanted[0] === '') return all;
  const unknown = wanted.filter((w) => !all.includes(w as BrowserName));
  if (unknown.length)
    throw new Error(`BACKSTORY_BROWSERS: unknown ${unknown.join(', ')} (chromium, firefox)`);
  return all.filter((b) => wanted.includes(b));
})();
