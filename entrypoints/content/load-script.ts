import { browser } from 'wxt/browser';
// Types only: the code behind them is in the scripts this module loads.
import type { CardModule } from './card/lazy-card';
import type { ScanEngine } from './scan/engine';

declare global {
  // Set by match-engine.js when it runs (in the content script's isolated world).
  var __backstoryEngine: ScanEngine | undefined;
  // Set by card-ui.js when it runs.
  var __backstoryCardUI: CardModule | undefined;
}

/** The extension scripts the content script loads on demand, and the global each sets. */
export const EXTENSION_SCRIPTS = {
  __backstoryEngine: '/match-engine.js',
  __backstoryCardUI: '/card-ui.js',
} as const;

/**
 * Runs one of the extension's own scripts (web-accessible resources) in this content script's
 * world and returns what it put on the global. A dynamic import of an extension URL: the page's
 * CSP does not apply to it.
 */
export async function loadExtensionScript<K extends keyof typeof EXTENSION_SCRIPTS>(
  global: K,
): Promise<NonNullable<(typeof globalThis)[K]>> {
  if (!globalThis[global])
    await import(/* @vite-ignore */ browser.runtime.getURL(EXTENSION_SCRIPTS[global] as '/card-ui.js'));
  const value = globalThis[global];
  if (!value) throw new Error(`${EXTENSION_SCRIPTS[global]} did not load`);
  return value as NonNullable<(typeof globalThis)[K]>;
}
