import { MARK_SELECTOR, markOf } from '../marks';
import type { CardHost } from './host';
import { CARD, type IntentEvent, type PointerKind, type Target } from './intent';
import { isEditable, type KeyboardMode } from './keyboard';

/** The card's heading, where keyboard focus lands inside it. */
export const HEADING_ID = 'backstory-card-title';

/** What the input side reads from the controller and asks of it. */
export interface CardInputDeps {
  host: CardHost;
  keys: KeyboardMode;
  /** Sends an intent event; `dom` is the event whose default the intent may prevent. */
  dispatch: (event: IntentEvent<HTMLElement>, dom?: Event) => void;
  /** True while a pointer rests on a mark waiting for the hover delay (moves matter only then). */
  dwelling: () => boolean;
  /** The open card's mark, and where focus goes back to from it. */
  open: () => { mark: HTMLElement; returnFocus: HTMLElement | null } | null;
  /** Moves focus without the focus opening a card. */
  focusQuietly: (el: HTMLElement) => void;
}

const pointerKind = (e: PointerEvent): PointerKind =>
  e.pointerType === 'touch' || e.pointerType === 'pen' ? e.pointerType : 'mouse';

/**
 * Turns the page's DOM events into the intent's events (intent.ts decides what they mean):
 * delegated listeners on the document, so pages pay nothing per mark. It remembers where the
 * pointer was and which focusable took focus, for placing and closing the card.
 */
export class CardInput {
  /** Where the pointer last was (for the line of a wrapped mark the card points at). */
  lastPointer: { x: number; y: number } | null = null;
  /** The focusable that took focus for a mark (the mark, or a link around it). */
  focusTarget: HTMLElement | null = null;
  /** Focus we move ourselves must not reopen a card. */
  suppress: HTMLElement | null = null;

  constructor(private readonly deps: CardInputDeps) {}

  /** Installs the listeners until `signal` aborts; picks up a mark already hovered or focused. */
  start(signal: AbortSignal): void {
    const o = { signal, passive: true };
    const c = { signal, capture: true };
    const d = this.deps;
    document.addEventListener('pointerover', (e) => this.pointer('pointer-over', e), o);
    document.addEventListener(
      'pointerout',
      (e) => {
        if (e.relatedTarget === null) this.pointer('pointer-over', e, null);
      },
      o,
    );
    document.addEventListener(
      'pointermove',
      (e) => {
        if (d.dwelling()) this.pointer('pointer-move', e);
      },
      o,
    );
    document.addEventListener('pointerdown', (e) => this.pointer('pointer-down', e), c);
    document.addEventListener('click', (e) => d.dispatch({ type: 'click', target: this.target(e) }, e), c);
    document.addEventListener('focusin', (e) => this.onFocusIn(e), { signal });
    document.addEventListener('keydown', (e) => this.onKeyDown(e), c);
    // Started late (the card's code may load on the first pointer over a mark)? Pick up a mark
    // the pointer already rests on, or one that already has keyboard focus. Both are cheap lookups.
    const hovered = [...document.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}:hover`)].pop();
    if (hovered)
      d.dispatch({ type: 'pointer-over', target: hovered, pointer: 'mouse', x: Number.NaN, y: Number.NaN });
    const active = document.activeElement;
    if (
      !hovered &&
      active instanceof HTMLElement &&
      active !== document.body &&
      active.matches(':focus-visible')
    )
      this.focusOn(active);
  }

  /** Where an event happened, as the intent sees it. */
  private target(e: Event): Target<HTMLElement> {
    return this.deps.host.contains(e) ? CARD : markOf(e.target);
  }

  private pointer(
    type: 'pointer-over' | 'pointer-move' | 'pointer-down',
    e: PointerEvent,
    target: Target<HTMLElement> = this.target(e),
  ): void {
    const p = pointerKind(e);
    if (p !== 'touch') this.lastPointer = { x: e.clientX, y: e.clientY };
    if (type === 'pointer-down') this.deps.dispatch({ type, target, pointer: p }, e);
    else if (type === 'pointer-move') this.deps.dispatch({ type, pointer: p, x: e.clientX, y: e.clientY });
    else this.deps.dispatch({ type, target, pointer: p, x: e.clientX, y: e.clientY });
  }

  private onFocusIn(e: FocusEvent): void {
    if (this.deps.host.contains(e)) {
      this.deps.dispatch({ type: 'focus', target: CARD });
      return;
    }
    const target = e.target;
    if (target instanceof HTMLElement && target !== this.suppress) this.focusOn(target);
  }

  /** Focus landed on `el`: a mark, a small focusable around one (keyboard only), or neither. */
  private focusOn(el: HTMLElement): void {
    let mark = markOf(el);
    let focusable: HTMLElement | null = mark;
    if (!mark) {
      // A mark inside a focusable element (a link around a name): open for keyboard focus only,
      // so a mouse click on the link does not pop a card; and only a small focusable, not <main>.
      const inner = el.querySelector<HTMLElement>(MARK_SELECTOR);
      if (inner && el.matches(':focus-visible') && (el.textContent?.length ?? 0) <= 300) {
        mark = inner;
        focusable = el;
      }
    }
    this.focusTarget = focusable;
    this.deps.dispatch({ type: 'focus', target: mark });
  }

  private onKeyDown(e: KeyboardEvent): void {
    const d = this.deps;
    if (e.key === 'Escape') {
      d.dispatch({ type: 'key', key: e.key, target: null });
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const inCard = d.host.contains(e);
    if (e.key === 'Tab' && inCard && this.tabOut(e.shiftKey)) {
      e.preventDefault();
      return;
    }
    const mark = markOf(e.target);
    if (mark && (e.key === 'Enter' || e.key === ' ') && mark.getAttribute('role') === 'button') {
      e.preventDefault();
      d.dispatch({ type: 'key', key: 'Enter', target: mark });
      return;
    }
    if (!d.keys.on || isEditable(document.activeElement) || (e.key !== 'j' && e.key !== 'k')) return;
    const next = d.keys.next(inCard ? d.open()?.mark : mark, e.key === 'j');
    if (!next) return;
    e.preventDefault();
    next.focus();
  }

  /**
   * The host sits at the end of the document, so tabbing off either end of the card would leave the
   * page. Instead focus goes back to the mention (the card stays open; Esc closes it).
   */
  private tabOut(back: boolean): boolean {
    const shadow = this.deps.host.shadow;
    const to = this.deps.open()?.returnFocus;
    if (!to?.isConnected || !shadow) return false;
    const items = [...shadow.querySelectorAll<HTMLElement>('a[href], button')];
    const at = shadow.activeElement;
    const edge = back ? (at?.id === HEADING_ID ? at : items[0]) : items[items.length - 1];
    if (!at || at !== edge) return false;
    this.deps.focusQuietly(to);
    return true;
  }
}
