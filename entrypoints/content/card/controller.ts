import { h, render } from 'preact';
import { Card, type CardProps } from '../../../components/Card';
import type { Settings } from '../../../data/settings';
import { flash } from '../marks';
import { CARD_MEASURE, CARD_OPEN_MARK } from '../measures';
import { readPageDate } from '../page/page-date';
import { CardData } from './data';
import { CardHost } from './host';
import { CardInput, HEADING_ID } from './input';
import type { Opener } from './intent';
import { IntentRunner } from './intent-runner';
import { KeyboardMode, setMarkOpen } from './keyboard';
import { MarkWatch } from './mark-watch';
import { followMark } from './placement';
import { cardProps, type OpenCard } from './props';
import { warmUp } from './warm-up';

/** What the card controller needs from the content script. */
export interface CardControllerOptions {
  /** The content script's settings, read when needed (the content script owns the one copy). */
  settings: () => Settings;
  marksFor: (id: string) => Element[];
  /** Display name of an entity from the match index (for related entities), without fetching it. */
  nameOf?: (id: string) => string | undefined;
  /** The page's publication date; defaults to reading it from the document. */
  pageDate?: () => string | null;
}

export { REFRESH_DEBOUNCE_MS } from './mark-watch';
/**
 * Owns the card on the page: turns DOM events into intent events (intent.ts decides what they
 * mean), runs the timers the intent asks for, and carries out its opens and closes: data
 * (data.ts), the shadow host (host.ts), placement (placement.ts) and rendering. The Card
 * component only renders what this passes it.
 */
export class CardController {
  private abort: AbortController | null = null;
  private readonly intent = new IntentRunner({
    hoverDelay: () => this.options.settings().hoverDelay,
    open: (mark, by) => this.show(mark, by),
    close: (returnFocus) => this.hide(returnFocus),
  });
  private readonly host = new CardHost();
  private readonly data = new CardData((ids) => this.arrived(ids));
  private readonly keys = new KeyboardMode(() => this.card?.mark ?? null);
  private card: OpenCard | null = null;
  private stopFollowing: (() => void) | null = null;
  private readonly input = new CardInput({
    host: this.host,
    keys: this.keys,
    dispatch: (event, dom) => this.intent.dispatch(event, dom),
    dwelling: () => this.intent.dwelling,
    open: () => this.card,
    focusQuietly: (el) => this.focusQuietly(el),
  });
  private readonly watch = new MarkWatch((marks) => this.marksSeen(marks));
  private pageDateCache: string | null | undefined;
  private warmed = false;

  constructor(private readonly options: CardControllerOptions) {}

  /** Installs delegated listeners; nothing else, so pages without mentions pay nothing. */
  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.input.start(this.abort.signal);
  }

  /** Removes listeners, timers, keyboard-mode attributes and the card. */
  destroy(): void {
    this.close();
    this.abort?.abort();
    this.abort = null;
    this.watch.stop();
    this.intent.stop();
    if (this.keys.on) this.keys.toggle();
    this.host.destroy();
  }

  /** Closes the open card, if any. Focus goes back to the mention when it was inside the card. */
  close(returnFocus = false): void {
    if (!this.card) return;
    this.hide(returnFocus);
    this.intent.dispatch({ type: 'closed' });
  }

  /** Marks were added or removed: `added` names the new ones when that is all (see MarkWatch). */
  refresh(added?: readonly Element[]): void {
    this.watch.changed(added);
  }

  /** New marks are still: prefetch their card data, keep keyboard mode and an open card current. */
  private marksSeen(marks: Iterable<HTMLElement>): void {
    this.pageDateCache = undefined;
    const ids = new Set<string>();
    for (const m of marks) {
      const id = m.getAttribute('data-entity');
      if (!id || !m.isConnected) continue;
      ids.add(id);
      if (this.keys.on) this.keys.apply(m);
    }
    this.data.prefetch(ids);
    if (this.card && !this.card.mark.isConnected) this.close();
    else if (this.card) this.paint();
  }

  /** The content script's settings changed (language, theme): an open card repaints with them. */
  settingsChanged(): void {
    if (this.card) this.paint();
  }

  /** Turns keyboard mode on or off; returns the new state. */
  toggleKeyboardMode(): boolean {
    return this.keys.toggle();
  }

  // ---- effects out ----

  /** Opens the card for a mark. Renders synchronously from the cache so it paints in one frame. */
  private show(mark: HTMLElement, by: Opener): void {
    if (!mark.isConnected) {
      this.intent.dispatch({ type: 'closed' });
      return;
    }
    performance.mark(CARD_OPEN_MARK);
    if (this.card?.mark === mark) {
      // Already open (by focus, say): Enter only moves focus in.
      if (by === 'keyboard') {
        this.card.returnFocus = mark;
        this.focusInside();
      }
      return;
    }
    const entityId = mark.getAttribute('data-entity') ?? '';
    this.card = {
      mark,
      entityId,
      pointer: by === 'hover' ? this.input.lastPointer : null,
      returnFocus: by === 'keyboard' ? mark : by === 'focus' ? this.input.focusTarget : null,
    };
    this.host.attach(true);
    this.paint();
    this.follow();
    requestAnimationFrame(() => {
      try {
        performance.measure(CARD_MEASURE, CARD_OPEN_MARK);
      } catch {
        // The start mark was cleared by the page; nothing to measure.
      }
    });
    if (by === 'keyboard') this.focusInside();
    const cached = this.data.get(entityId);
    if (!this.data.has(entityId)) void this.data.fetch([entityId]);
    else if (cached) this.data.prefetch(cached.related);
  }

  /** Takes the card down; `returnFocus` (or focus inside the card) sends focus back to the mention. */
  private hide(returnFocus: boolean): void {
    const c = this.card;
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (!c) return;
    this.card = null;
    const focusInCard = this.host.hasFocus();
    setMarkOpen(c.mark, null, this.options.settings());
    if (this.host.shadow) render(null, this.host.shadow);
    this.host.detach();
    if ((returnFocus || focusInCard) && c.returnFocus?.isConnected) this.focusQuietly(c.returnFocus);
  }

  /** Moves focus without the focus opening a card. */
  private focusQuietly(el: HTMLElement): void {
    this.input.suppress = el;
    el.focus({ preventScroll: true });
    this.input.suppress = null;
  }

  private focusInside(): void {
    const shadow = this.host.shadow;
    (shadow?.getElementById(HEADING_ID) ?? shadow?.querySelector<HTMLElement>('button'))?.focus({
      preventScroll: true,
    });
  }

  /** Keeps the card beside its mark; closes it when the mark leaves the page or the viewport. */
  private follow(): void {
    const c = this.card;
    const host = this.host.host;
    this.stopFollowing?.();
    if (!c || !host) return;
    this.stopFollowing = followMark(
      c.mark,
      host,
      () => this.card?.pointer ?? null,
      (x, y) => this.host.moveTo(x, y),
      () => this.close(),
    );
  }

  /** Card data arrived: warm up once, repaint an open card that waited for it. */
  private arrived(ids: string[]): void {
    this.maybeWarmUp();
    const c = this.card;
    if (!c || !ids.includes(c.entityId)) return;
    this.paint();
    const e = this.data.get(c.entityId);
    if (e) this.data.prefetch(e.related);
  }

  private maybeWarmUp(): void {
    if (this.warmed || this.card || !this.abort) return;
    const entity = this.data.any();
    const mark = entity ? this.options.marksFor(entity.id)[0] : undefined;
    if (!entity || !(mark instanceof HTMLElement)) return;
    this.warmed = true;
    const props = this.props({ mark, entityId: entity.id, pointer: null, returnFocus: null });
    warmUp({
      mark,
      host: this.host,
      lastChange: () => this.watch.lastChange,
      // A real card that opened meanwhile owns the host; a destroyed controller removed it.
      idle: () => !this.card && !!this.abort,
      render: (shadow, empty) => render(empty ? null : h(Card, props), shadow),
    });
  }

  private pageDate(): string | null {
    this.pageDateCache ??= this.options.pageDate ? this.options.pageDate() : readPageDate(document);
    return this.pageDateCache;
  }

  /** Renders the card for the current state (also after data arrives or settings change). */
  private paint(): void {
    const c = this.card;
    const { host, shadow } = this.host;
    if (!c || !shadow || !host) return;
    const settings = this.options.settings();
    host.setAttribute('data-theme', settings.theme);
    const entity = this.data.get(c.entityId) ?? null;
    setMarkOpen(c.mark, entity?.name ?? this.options.nameOf?.(c.entityId) ?? c.entityId, settings);
    render(h(Card, this.props(c)), shadow);
  }

  /** The Card's props for an open card. */
  private props(c: OpenCard): CardProps {
    return cardProps(c, {
      entity: (id) => this.data.get(id),
      loaded: (id) => this.data.has(id),
      settings: this.options.settings(),
      marksFor: this.options.marksFor,
      nameOf: this.options.nameOf ?? (() => undefined),
      pageDate: () => this.pageDate(),
      close: () => this.close(true),
      step: (dir) => this.step(dir),
      related: (id) => {
        if (!this.card) return;
        this.card.entityId = id;
        this.paint();
        if (!this.data.has(id)) void this.data.fetch([id]);
        this.focusInside();
      },
      shadow: () => this.host.shadow,
    });
  }

  /** Moves to the next or previous mention of the card's entity: scroll, flash, re-anchor. */
  private step(dir: 1 | -1): void {
    const c = this.card;
    if (!c) return;
    const marks = this.options.marksFor(c.entityId).filter((m): m is HTMLElement => m instanceof HTMLElement);
    if (marks.length === 0) return;
    const i = marks.indexOf(c.mark);
    const next = marks[i < 0 ? 0 : (i + dir + marks.length) % marks.length] as HTMLElement;
    next.scrollIntoView({ block: 'center', behavior: 'auto' });
    flash(next);
    setMarkOpen(c.mark, null, this.options.settings());
    c.mark = next;
    c.pointer = null;
    if (c.returnFocus && !c.returnFocus.contains(next)) c.returnFocus = next.tabIndex >= 0 ? next : null;
    this.intent.dispatch({ type: 'retarget', mark: next });
    this.paint();
    this.follow();
  }
}
