import { MARK_TAG } from '../dom-rules';
import { loadExtensionScript } from '../load-script';
// Types only: the card's code (Preact, floating-ui, the card) lives in card-ui.js, not in the
// content script that every page loads.
import type { CardController, CardControllerOptions } from './controller';

/** What card-ui.js puts on the content script's (isolated) global when it loads. */
export interface CardModule {
  CardController: new (options: CardControllerOptions) => CardController;
}

/**
 * Stands in for the card controller until the card is needed, so pages with no mentions never
 * load the card's code. It loads card-ui.js in idle time once marks exist (so a hover finds it
 * ready), or at once on the first pointer or focus on a mark, then hands everything over.
 */
export class LazyCard {
  private real: CardController | null = null;
  private loading: Promise<void> | null = null;
  /** An idle warm-up load is queued (see `refresh`). */
  private warmUpQueued = false;
  private keyboard = false;
  private destroyed = false;
  private readonly onFirstUse = (e: Event) => {
    const t = e.target as Element | null;
    if (t?.closest?.(MARK_TAG)) void this.load();
  };

  constructor(private readonly options: CardControllerOptions) {}

  /** Listens for the first use of a mark. */
  start(): void {
    document.addEventListener('pointerover', this.onFirstUse, true);
    document.addEventListener('focusin', this.onFirstUse, true);
  }

  /** Loads the card's code once; later calls share the same promise. */
  load(): Promise<void> {
    this.loading ??= loadExtensionScript('__backstoryCardUI')
      .then((mod) => {
        if (this.destroyed) return;
        this.stopListening();
        const real = new mod.CardController(this.options);
        real.start();
        real.refresh();
        if (this.keyboard) real.toggleKeyboardMode();
        this.real = real;
      })
      .catch((e: unknown) => console.warn('Backstory: the card could not load', e));
    return this.loading;
  }

  /** Marks changed: prefetch the card's code (and, once loaded, its data) in idle time. */
  refresh(added?: readonly Element[]): void {
    // Until the card loads there is nothing to refresh: once loaded, it reads every mark.
    if (this.real) this.real.refresh(added);
    else if (!this.loading && !this.warmUpQueued && document.querySelector(MARK_TAG)) {
      // Once: the scan calls this after every change.
      this.warmUpQueued = true;
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(() => void this.load(), { timeout: 2000 });
      else setTimeout(() => void this.load(), 200);
    }
  }

  /** The content script's settings changed: an open card repaints (a card not loaded yet reads them when it does). */
  settingsChanged(): void {
    this.real?.settingsChanged();
  }

  /** Closes the open card, if any. */
  close(): void {
    this.real?.close();
  }

  /** Toggles keyboard mode; before the card loads, remembers it and loads the card. */
  toggleKeyboardMode(): boolean {
    if (this.real) return this.real.toggleKeyboardMode();
    this.keyboard = !this.keyboard;
    void this.load();
    return this.keyboard;
  }

  /** Stops everything this card started. */
  destroy(): void {
    this.destroyed = true;
    this.stopListening();
    this.real?.destroy();
  }

  private stopListening(): void {
    document.removeEventListener('pointerover', this.onFirstUse, true);
    document.removeEventListener('focusin', this.onFirstUse, true);
  }
}
