import type { Settings } from '../../data/settings';

/** What the card controller needs from the content script. */
export interface CardControllerOptions {
  settings: () => Settings;
  marksFor: (id: string) => Element[];
}

/** Placeholder until the card lands: it owns no UI yet. Replaced by the card issue's controller. */
export class CardController {
  private keyboard = false;
  constructor(private readonly options: CardControllerOptions) {}
  /** Installs delegated listeners. */
  start(): void {}
  /** Removes listeners and UI. */
  destroy(): void {}
  /** Closes the open card, if any. */
  close(): void {}
  /** Called when marks were added or removed. */
  refresh(): void {}
  /** Applies changed settings. */
  applySettings(_settings: Settings): void {}
  /** Turns keyboard mode on or off; returns the new state. */
  toggleKeyboardMode(): boolean {
    this.keyboard = !this.keyboard;
    void this.options;
    return this.keyboard;
  }
}
