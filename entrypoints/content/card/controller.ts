import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { Card, type CardProps } from '../../../components/Card';
import { uiLanguage } from '../../../components/i18n';
import { asOf, todayIso } from '../../../data/as-of';
import type { Settings } from '../../../data/settings';
import { flash, MARK_SELECTOR, markOf } from '../marks';
import { CARD_MEASURE, CARD_OPEN_MARK } from '../measures';
import { readPageDate } from '../page/page-date';
import { CardData } from './data';
import { CardHost } from './host';
import {
  CARD,
  CLOSE_GRACE_MS,
  type IntentEffect,
  type IntentEvent,
  type IntentState,
  initialIntent,
  intent,
  type Opener,
  type PointerKind,
  REST_TOLERANCE_PX,
  type Target,
  type TimerKind,
} from './intent';
import { isEditable, KeyboardMode, setMarkOpen } from './keyboard';
import { followMark } from './placement';
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

/** How long marks must stay unchanged before a refresh reads the new ones. */
export const REFRESH_DEBOUNCE_MS = 30;
const HEADING_ID = 'backstory-card-title';

interface OpenCard {
  mark: HTMLElement;
  entityId: string;
  pointer: { x: number; y: number } | null;
  /** Where focus goes back to when the card closes with focus inside it. */
  returnFocus: HTMLElement | null;
}

const pointerKind = (e: PointerEvent): PointerKind =>
  e.pointerType === 'touch' || e.pointerType === 'pen' ? e.pointerType : 'mouse';

/**
 * Owns the card on the page: turns DOM events into intent events (intent.ts decides what they
 * mean), runs the timers the intent asks for, and carries out its opens and closes: data
 * (data.ts), the shadow host (host.ts), placement (placement.ts) and rendering. The Card
 * component only renders what this passes it.
 */
export class CardController {
  private abort: AbortController | null = null;
  private intentState: IntentState<HTMLElement> = initialIntent();
  private readonly timers = new Map<TimerKind, ReturnType<typeof setTimeout>>();
  private readonly host = new CardHost();
  private readonly data = new CardData((ids) => this.arrived(ids));
  private readonly keys = new KeyboardMode(() => this.card?.mark ?? null);
  private card: OpenCard | null = null;
  private stopFollowing: (() => void) | null = null;
  private lastPointer: { x: number; y: number } | null = null;
  /** The focusable that took focus for a mark (the mark, or a link around it). */
  private focusTarget: HTMLElement | null = null;
  /** Focus we move ourselves must not reopen a card. */
  private suppressFocusOpen: HTMLElement | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** When marks last changed (`refresh`), for the warm-up to wait for a quiet page. */
  private lastChange = Number.NEGATIVE_INFINITY;
  /** Marks added since the last refresh ran; null when the next one must read every mark. */
  private pendingMarks: Element[] | null = [];
  private pageDateCache: string | null | undefined;
  private warmed = false;

  constructor(private readonly options: CardControllerOptions) {}

  /** Installs delegated listeners; nothing else, so pages without mentions pay nothing. */
  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    const o = { signal: this.abort.signal, passive: true };
    const c = { signal: this.abort.signal, capture: true };
    document.addEventListener('pointerover', (e) => this.pointer('pointer-over', e), o);
    document.addEventListener(
      'pointerout',
      (e) => e.relatedTarget === null && this.pointer('pointer-over', e, null),
      o,
    );
    document.addEventListener(
      'pointermove',
      (e) => this.intentState.dwell && this.pointer('pointer-move', e),
      o,
    );
    document.addEventListener('pointerdown', (e) => this.pointer('pointer-down', e), c);
    document.addEventListener('click', (e) => this.dispatch({ type: 'click', target: this.target(e) }, e), c);
    document.addEventListener('focusin', (e) => this.onFocusIn(e), { signal: this.abort.signal });
    document.addEventListener('keydown', (e) => this.onKeyDown(e), c);
    // Started late (the card's code may load on the first pointer over a mark)? Pick up a mark
    // the pointer already rests on, or one that already has keyboard focus. Both are cheap lookups.
    const hovered = [...document.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}:hover`)].pop();
    if (hovered)
      this.dispatch({
        type: 'pointer-over',
        target: hovered,
        pointer: 'mouse',
        x: Number.NaN,
        y: Number.NaN,
      });
    const active = document.activeElement;
    if (
      !hovered &&
      active instanceof HTMLElement &&
      active !== document.body &&
      active.matches(':focus-visible')
    )
      this.focusOn(active);
  }

  /** Removes listeners, timers, keyboard-mode attributes and the card. */
  destroy(): void {
    this.close();
    this.abort?.abort();
    this.abort = null;
    clearTimeout(this.refreshTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.keys.on) this.keys.toggle();
    this.host.destroy();
  }

  /** Closes the open card, if any. Focus goes back to the mention when it was inside the card. */
  close(returnFocus = false): void {
    if (!this.card) return;
    this.hide(returnFocus);
    this.dispatch({ type: 'closed' });
  }

  /**
   * Called when marks were added or removed: prefetches card data and keeps keyboard mode current.
   * `added` names the new marks, so the refresh reads only those; without it, it reads every mark
   * on the page. Why: the scan changes the page many times a second, and reading every mark each
   * time cost about 34 ms of main-thread time over the 2 MB bench page's scan.
   */
  refresh(added?: readonly Element[]): void {
    this.lastChange = performance.now();
    if (!added) this.pendingMarks = null;
    else if (this.pendingMarks) for (const m of added) this.pendingMarks.push(m);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.pageDateCache = undefined;
      const marks = this.pendingMarks ?? document.querySelectorAll<HTMLElement>(MARK_SELECTOR);
      this.pendingMarks = [];
      const ids = new Set<string>();
      for (const m of marks) {
        const id = m.getAttribute('data-entity');
        if (!id || !m.isConnected) continue;
        ids.add(id);
        if (this.keys.on) this.keys.apply(m as HTMLElement);
      }
      this.data.prefetch(ids);
      if (this.card && !this.card.mark.isConnected) this.close();
      else if (this.card) this.paint();
    }, REFRESH_DEBOUNCE_MS);
  }

  /** The content script's settings changed (language, theme): an open card repaints with them. */
  settingsChanged(): void {
    if (this.card) this.paint();
  }

  /** Turns keyboard mode on or off; returns the new state. */
  toggleKeyboardMode(): boolean {
    return this.keys.toggle();
  }

  /** True while keyboard mode is on. */
  get keyboardMode(): boolean {
    return this.keys.on;
  }

  // ---- events in ----

  /** Where an event happened, as the intent sees it. */
  private target(e: Event): Target<HTMLElement> {
    return this.host.contains(e) ? CARD : markOf(e.target);
  }

  private pointer(
    type: 'pointer-over' | 'pointer-move' | 'pointer-down',
    e: PointerEvent,
    target: Target<HTMLElement> = this.target(e),
  ): void {
    const p = pointerKind(e);
    if (p !== 'touch') this.lastPointer = { x: e.clientX, y: e.clientY };
    if (type === 'pointer-down') this.dispatch({ type, target, pointer: p }, e);
    else if (type === 'pointer-move') this.dispatch({ type, pointer: p, x: e.clientX, y: e.clientY });
    else this.dispatch({ type, target, pointer: p, x: e.clientX, y: e.clientY });
  }

  private onFocusIn(e: FocusEvent): void {
    if (this.host.contains(e)) {
      this.dispatch({ type: 'focus', target: CARD });
      return;
    }
    const target = e.target;
    if (target instanceof HTMLElement && target !== this.suppressFocusOpen) this.focusOn(target);
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
    this.dispatch({ type: 'focus', target: mark });
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.dispatch({ type: 'key', key: e.key, target: null });
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const inCard = this.host.contains(e);
    if (e.key === 'Tab' && this.card && inCard && this.tabOut(e.shiftKey)) {
      e.preventDefault();
      return;
    }
    const mark = markOf(e.target);
    if (mark && (e.key === 'Enter' || e.key === ' ') && mark.getAttribute('role') === 'button') {
      e.preventDefault();
      this.dispatch({ type: 'key', key: 'Enter', target: mark });
      return;
    }
    if (!this.keys.on || isEditable(document.activeElement) || (e.key !== 'j' && e.key !== 'k')) return;
    const next = this.keys.next(inCard ? this.card?.mark : mark, e.key === 'j');
    if (!next) return;
    e.preventDefault();
    next.focus();
  }

  /**
   * The host sits at the end of the document, so tabbing off either end of the card would leave the
   * page. Instead focus goes back to the mention (the card stays open; Esc closes it).
   */
  private tabOut(back: boolean): boolean {
    const shadow = this.host.shadow;
    const to = this.card?.returnFocus;
    if (!to?.isConnected || !shadow) return false;
    const items = [...shadow.querySelectorAll<HTMLElement>('a[href], button')];
    const at = shadow.activeElement;
    const edge = back ? (at?.id === HEADING_ID ? at : items[0]) : items[items.length - 1];
    if (!at || at !== edge) return false;
    this.focusQuietly(to);
    return true;
  }

  // ---- the intent ----

  private dispatch(event: IntentEvent<HTMLElement>, dom?: Event): void {
    const settings = this.options.settings();
    const { state, effects } = intent(this.intentState, event, {
      hoverDelay: settings.hoverDelay,
      graceMs: CLOSE_GRACE_MS,
      restTolerance: REST_TOLERANCE_PX,
    });
    this.intentState = state;
    for (const effect of effects) this.run(effect, dom);
  }

  private run(effect: IntentEffect<HTMLElement>, dom?: Event): void {
    switch (effect.type) {
      case 'start-timer': {
        clearTimeout(this.timers.get(effect.kind));
        const { kind, token } = effect;
        this.timers.set(
          kind,
          setTimeout(() => this.dispatch({ type: 'timer', kind, token }), effect.ms),
        );
        return;
      }
      case 'open':
        this.show(effect.mark, effect.by);
        return;
      case 'close':
        this.hide(effect.returnFocus);
        return;
      case 'prevent-default':
        dom?.preventDefault();
        dom?.stopPropagation();
        return;
    }
  }

  // ---- effects out ----

  /** Opens the card for a mark. Renders synchronously from the cache so it paints in one frame. */
  private show(mark: HTMLElement, by: Opener): void {
    if (!mark.isConnected) {
      this.dispatch({ type: 'closed' });
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
      pointer: by === 'hover' ? this.lastPointer : null,
      returnFocus: by === 'keyboard' ? mark : by === 'focus' ? this.focusTarget : null,
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
    this.suppressFocusOpen = el;
    el.focus({ preventScroll: true });
    this.suppressFocusOpen = null;
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
    warmUp({
      mark,
      lastChange: () => this.lastChange,
      // A real card that opened meanwhile owns the host; a destroyed controller removed it.
      idle: () => !this.card && !!this.abort,
      renderHidden: () => {
        this.host.attach(false);
        const { host, shadow } = this.host.ensure();
        render(h(Card, this.props({ mark, entityId: entity.id, pointer: null, returnFocus: null })), shadow);
        return {
          host,
          clear: () => {
            render(null, shadow);
            this.host.detach();
          },
        };
      },
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
    const entity = this.data.get(c.entityId) ?? null;
    const marks = this.options.marksFor(c.entityId);
    const nameOf = this.options.nameOf ?? (() => undefined);
    const own = c.mark.getAttribute('data-entity') === c.entityId;
    return {
      entity,
      loading: !this.data.has(c.entityId),
      lang: uiLanguage(this.options.settings().language),
      asOf: entity ? asOf(entity, this.pageDate(), todayIso()) : null,
      mention: {
        text: c.mark.textContent ?? '',
        detail: own ? (c.mark.getAttribute('data-detail') ?? undefined) : undefined,
        coref: own && c.mark.getAttribute('data-coref') === 'true',
      },
      mentionIndex: marks.indexOf(c.mark) + 1,
      mentionCount: marks.length,
      related: (entity?.related ?? [])
        .map((id) => ({ id, name: this.data.get(id)?.name ?? nameOf(id) ?? '' }))
        .filter((r) => r.name),
      headingId: HEADING_ID,
      pageUrl: location.href,
      onClose: () => this.close(true),
      onPrev: () => this.step(-1),
      onNext: () => this.step(1),
      onShowAll: () => {
        for (const m of this.options.marksFor(c.entityId)) if (m instanceof HTMLElement) flash(m);
      },
      onOpenInBackstory: () => {
        browser.runtime.sendMessage({ type: 'open-entity', id: c.entityId }).catch(() => undefined);
      },
      onReport: (mailto) => {
        const a = document.createElement('a');
        a.href = mailto;
        a.rel = 'noopener noreferrer';
        this.host.shadow?.append(a);
        a.click();
        a.remove();
      },
      onRelated: (id) => {
        if (!this.card) return;
        this.card.entityId = id;
        this.paint();
        if (!this.data.has(id)) void this.data.fetch([id]);
        this.focusInside();
      },
    };
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
    this.dispatch({ type: 'retarget', mark: next });
    this.paint();
    this.follow();
  }
}
