import type { Matcher } from '../../../data/matcher';
import { loadExtensionScript } from '../load-script';
import type { wrapMany } from './wrap';

/**
 * What only pages with candidates need: the matcher with every alias rule, the dataset's names,
 * and mark.js to wrap. It is built into match-engine.js, which the content script loads on the
 * first page text that the probe says may hold a mention; a page with nothing to find never
 * loads, parses or runs it.
 */
export interface ScanEngine {
  matcher: Matcher;
  wrapMany: typeof wrapMany;
  /** Entity id → display name. */
  names: ReadonlyMap<string, string>;
}

/** Loads the scan engine once; later calls share the promise. */
export function engineLoader(): () => Promise<ScanEngine> {
  let loading: Promise<ScanEngine> | null = null;
  return () => {
    loading ??= loadExtensionScript('__backstoryEngine');
    return loading;
  };
}

/** The engine a scanner uses: given ready (tests, eval), or loaded once on first need. */
export class EngineSlot {
  private value: ScanEngine | null;
  private failed = false;
  private loading: Promise<unknown> | null = null;

  constructor(private readonly source: ScanEngine | (() => Promise<ScanEngine>)) {
    this.value = typeof source === 'function' ? null : source;
  }

  /** The engine, once loaded. */
  get ready(): ScanEngine | null {
    return this.value;
  }

  /** False once loading failed: then the page is left unmarked (and says why in the console). */
  get loadable(): boolean {
    return !this.failed;
  }

  /** Starts loading (once); resolves when the engine is ready or could not load. */
  load(): Promise<unknown> {
    const source = this.source;
    if (typeof source !== 'function') return Promise.resolve();
    this.loading ??= source().then(
      (engine) => {
        this.value = engine;
      },
      (e: unknown) => {
        this.failed = true;
        console.warn('Backstory: the scan engine could not load', e);
      },
    );
    return this.loading;
  }
}
