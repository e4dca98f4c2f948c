import type { Settings } from '../../data/settings';
import { onSettingsChanged } from '../../data/settings-reader';

/**
 * The content script's one copy of the settings. Everything on the page reads `current`; a
 * change from any tab or the options page arrives here and is passed on to the listeners.
 */
export class LiveSettings {
  private readonly listeners: ((next: Settings, previous: Settings) => void)[] = [];
  private unwatch: (() => void) | null = null;

  constructor(private value: Settings) {}

  /** The settings now. */
  get current(): Settings {
    return this.value;
  }

  /** Hears every change, after `current` has changed. */
  onChange(listener: (next: Settings, previous: Settings) => void): void {
    this.listeners.push(listener);
  }

  /** Starts following storage. */
  watch(): void {
    this.unwatch ??= onSettingsChanged((next) => {
      const previous = this.value;
      this.value = next;
      for (const l of this.listeners) l(next, previous);
    });
  }

  /** Stops following storage (the extension may be gone: never throws). */
  stop(): void {
    try {
      this.unwatch?.();
    } catch {
      // The extension is gone; its listeners went with it.
    }
    this.unwatch = null;
  }
}
