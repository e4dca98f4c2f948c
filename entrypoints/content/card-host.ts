import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';
import { h, render } from 'preact';
import { browser } from 'wxt/browser';
import { Card, type CardProps } from '../../components/Card';
import { CARD_CSS } from '../../components/card-css';
import { t, uiLanguage } from '../../components/i18n';
import { asOf, todayIso } from '../../data/as-of';
import type { EntitiesResponse } from '../../data/messages';
import type { Settings } from '../../data/settings';
import type { Entity } from '../../data/types';
import { CARD_TAG, MARK_TAG } from './dom-rules';
import { readPageDate } from './page-date';

/** What the card controller needs from the content script. */
export interface CardControllerOptions {
  settings: () => Settings;
  marksFor: (id: string) => Element[];
  /** Display name of an entity from the match index (for related entities), without fetching it. */
  nameOf?: (id: string) => string | undefined;
  /** The page's publication date; defaults to reading it from the document. */
  pageDate?: () => string | null;
}

/** How long the pointer may be away from mark and card before a hover-opened card closes. */
export const CLOSE_GRACE_MS = 300;
/** A pointer that moves more than this while waiting is sweeping, not resting: the wait restarts. */
export const REST_TOLERANCE_PX = 6;
/** Entities asked for per message (the background answers at most 200). */
export const FETCH_BATCH = 200;

/** The measure each idle task of the card's warm-up records (the bench reports the longest). */
export const WARMUP_STEP_MEASURE = 'backstory:card-warmup:step';
/** How long marks must have stayed unchanged before each step of the card's warm-up runs. */
export const WARMUP_QUIET_MS = 300;
const MARK_SELECTOR = `${MARK_TAG}[data-entity]`;
const HEADING_ID = 'backstory-card-title';
/** Keyboard-mode attributes we add to marks and must remove again. */
const KEYBOARD_ATTRS = ['tabindex', 'role', 'aria-haspopup'] as const;

type OpenedBy = 'hover' | 'focus' | 'keyboard';

interface OpenState {
  mark: HTMLElement;
  entityId: string;
  openedBy: OpenedBy;
  pointer: { x: number; y: number } | null;
  /** Where focus goes back to when the card closes with focus inside it. */
  returnFocus: HTMLElement | null;
}

/** Host declarations set through CSSOM with !important: inline important beats any page rule. */
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['top', '0px'],
  ['left', '0px'],
  ['right', 'auto'],
  ['bottom', 'auto'],
  ['z-index', '2147483647'],
  ['display', 'block'],
  ['width', 'max-content'],
  ['height', 'auto'],
  ['max-width', 'none'],
  ['max-height', 'none'],
  ['min-width', '0px'],
  ['min-height', '0px'],
  ['margin', '0px'],
  ['padding', '0px'],
  ['border', '0px none'],
  ['transform', 'none'],
  ['filter', 'none'],
  ['clip-path', 'none'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['pointer-events', 'auto'],
  ['float', 'none'],
  ['overflow', 'visible'],
  ['font-size', '14px'],
  ['color-scheme', 'normal'],
];

/** flip/shift keep the card in the viewport and off the mention; size caps its height to the space left. */
function placementMiddleware(host: HTMLElement) {
  return [
    offset(6),
    flip({ padding: 8 }),
    shift({ padding: 8 }),
    size({
      padding: 8,
      apply: ({ availableHeight }) => {
        host.style.setProperty('--card-max-height', `${Math.max(140, Math.floor(availableHeight))}px`);
      },
    }),
  ];
}

function markOf(node: EventTarget | null): HTMLElement | null {
  return node instanceof Element ? (node.closest(MARK_SELECTOR) as HTMLElement | null) : null;
}

function isEditable(el: Element | null): boolean {
  if (!el) return false;
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el as HTMLElement).isContentEditable === true
  );
}

function flash(mark: HTMLElement): void {
  mark.removeAttribute('data-flash');
  void mark.offsetWidth; // restart the animation
  mark.setAttribute('data-flash', '');
  setTimeout(() => mark.removeAttribute('data-flash'), 1500);
}

/**
 * Owns the hover card: delegated hover/focus/key listeners, the lazily created shadow host, its
 * position, and a cache of entity data prefetched from the background. The Card component only
 * renders what this passes it.
 */
export class CardController {
  private keyboard = false;
  private abort: AbortController | null = null;
  private readonly cache = new Map<string, Entity | null>();
  private readonly inflight = new Set<string>();
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private state: OpenState | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** When marks last changed (`refresh`), for the warm-up to wait for a quiet page. */
  private lastChange = Number.NEGATIVE_INFINITY;
  /** Marks added since the last refresh ran; null when the next one must read every mark. */
  private pendingMarks: Element[] | null = [];
  private pending: { mark: HTMLElement; x: number; y: number; stop: () => void } | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private suppressFocusOpen: HTMLElement | null = null;
  private pageDateCache: string | null | undefined;
  private warmed = false;

  constructor(private readonly options: CardControllerOptions) {}

  /** Installs delegated listeners; nothing else, so pages without mentions pay nothing. */
  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    const o = { signal: this.abort.signal };
    const c = { signal: this.abort.signal, capture: true };
    document.addEventListener('pointerover', (e) => this.onPointerOver(e), o);
    document.addEventListener('pointerout', (e) => this.onPointerOut(e), o);
    document.addEventListener('focusin', (e) => this.onFocusIn(e), o);
    document.addEventListener('keydown', (e) => this.onKeyDown(e), c);
    document.addEventListener('pointerdown', (e) => this.onPointerDown(e), c);
    // Started late (the card's code may load on the first pointer over a mark)? Pick up a mark
    // the pointer already rests on, or one that already has keyboard focus. Both are cheap lookups.
    const hovered = [...document.querySelectorAll<HTMLElement>(`${MARK_SELECTOR}:hover`)].pop();
    if (hovered) this.beginHover(hovered, Number.NaN, Number.NaN);
    const active = document.activeElement;
    if (
      !hovered &&
      active instanceof HTMLElement &&
      active !== document.body &&
      active.matches(':focus-visible')
    )
      this.onFocusIn({ target: active, composedPath: () => [active] } as unknown as FocusEvent);
  }

  /** Removes listeners, keyboard-mode attributes and the card. */
  destroy(): void {
    this.close();
    this.abort?.abort();
    this.abort = null;
    clearTimeout(this.refreshTimer);
    if (this.keyboard) this.toggleKeyboardMode();
    this.host?.remove();
    this.host = null;
    this.shadow = null;
  }

  /** Closes the open card, if any. Focus goes back to the mention when it was inside the card. */
  close(returnFocus = false): void {
    this.cancelPending();
    clearTimeout(this.closeTimer);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    const s = this.state;
    if (!s) return;
    this.state = null;
    const focusInCard = !!this.host && document.activeElement === this.host;
    this.setMarkOpen(s.mark, null);
    if (this.shadow) render(null, this.shadow);
    this.host?.remove();
    if ((returnFocus || focusInCard) && s.returnFocus?.isConnected) {
      this.suppressFocusOpen = s.returnFocus;
      s.returnFocus.focus({ preventScroll: true });
      this.suppressFocusOpen = null;
    }
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
        if (this.keyboard) this.setKeyboardAttrs(m as HTMLElement, true);
      }
      this.prefetch([...ids]);
      if (this.state && !this.state.mark.isConnected) this.close();
      else if (this.state) this.paint();
    }, 30);
  }

  /** Applies changed settings (language, theme) to an open card. */
  applySettings(_settings: Settings): void {
    if (this.state) this.paint();
  }

  /** Turns keyboard mode on or off; returns the new state. */
  toggleKeyboardMode(): boolean {
    this.keyboard = !this.keyboard;
    const marks = document.querySelectorAll<HTMLElement>(MARK_SELECTOR);
    for (const m of marks) this.setKeyboardAttrs(m, this.keyboard);
    if (this.keyboard) {
      const first = [...marks].find((m) => {
        const r = m.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      });
      (first ?? marks[0])?.focus({ preventScroll: !!first });
    }
    return this.keyboard;
  }

  /** True while keyboard mode is on. */
  get keyboardMode(): boolean {
    return this.keyboard;
  }

  // ---- data ----

  private prefetch(ids: string[]): void {
    const wanted = ids.filter((id) => !this.cache.has(id) && !this.inflight.has(id));
    for (let i = 0; i < wanted.length; i += FETCH_BATCH) void this.fetch(wanted.slice(i, i + FETCH_BATCH));
  }

  private async fetch(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.inflight.add(id);
    let res: EntitiesResponse = {};
    try {
      res = ((await browser.runtime.sendMessage({ type: 'get-entities', ids })) ?? {}) as EntitiesResponse;
    } catch {
      // The extension was reloaded or the background is gone: the card shows "no data".
    }
    for (const id of ids) {
      this.inflight.delete(id);
      this.cache.set(id, res[id] ?? null);
    }
    this.warmUp();
    if (this.state && ids.includes(this.state.entityId)) {
      this.paint();
      const e = this.cache.get(this.state.entityId);
      if (e) this.prefetch(e.related);
    }
  }

  private pageDate(): string | null {
    if (this.pageDateCache === undefined)
      this.pageDateCache = this.options.pageDate ? this.options.pageDate() : readPageDate(document);
    return this.pageDateCache;
  }

  // ---- listeners ----

  private inHost(e: Event): boolean {
    return !!this.host && e.composedPath().includes(this.host);
  }

  private onPointerOver(e: PointerEvent): void {
    if (this.inHost(e)) {
      clearTimeout(this.closeTimer);
      return;
    }
    const mark = markOf(e.target);
    if (!mark) return;
    if (this.state?.mark === mark) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (this.pending?.mark === mark) return;
    this.beginHover(mark, e.clientX, e.clientY);
  }

  /** Starts waiting for the pointer to rest on a mark (coordinates NaN when unknown). */
  private beginHover(mark: HTMLElement, x: number, y: number): void {
    this.cancelPending();
    const onMove = (ev: PointerEvent) => {
      const p = this.pending;
      if (!p) return;
      if (Number.isNaN(p.x)) {
        p.x = ev.clientX;
        p.y = ev.clientY;
      } else if (Math.hypot(ev.clientX - p.x, ev.clientY - p.y) > REST_TOLERANCE_PX) {
        p.x = ev.clientX;
        p.y = ev.clientY;
        this.armHover();
      }
    };
    mark.addEventListener('pointermove', onMove);
    this.pending = {
      mark,
      x,
      y,
      stop: () => mark.removeEventListener('pointermove', onMove),
    };
    this.armHover();
  }

  private armHover(): void {
    clearTimeout(this.hoverTimer);
    const delay = this.options.settings().hoverDelay;
    this.hoverTimer = setTimeout(() => {
      const p = this.pending;
      if (!p?.mark.isConnected) return;
      this.cancelPending();
      this.open(p.mark, 'hover', Number.isNaN(p.x) ? null : { x: p.x, y: p.y });
    }, delay);
  }

  private cancelPending(): void {
    clearTimeout(this.hoverTimer);
    this.pending?.stop();
    this.pending = null;
  }

  private onPointerOut(e: PointerEvent): void {
    const to = e.relatedTarget;
    const leftMark = markOf(e.target);
    if (leftMark && this.pending?.mark === leftMark && !(to instanceof Node && leftMark.contains(to)))
      this.cancelPending();
    const s = this.state;
    if (s?.openedBy !== 'hover') return;
    const fromOurs = this.inHost(e) || leftMark === s.mark;
    if (!fromOurs) return;
    const toOurs = to instanceof Node && (to === this.host || s.mark.contains(to));
    if (toOurs) return;
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.close(), CLOSE_GRACE_MS);
  }

  private onFocusIn(e: FocusEvent): void {
    if (this.inHost(e)) return;
    const target = e.target as Element | null;
    if (!target || target === this.suppressFocusOpen) return;
    let mark = markOf(target);
    let focusable: HTMLElement | null = mark;
    if (!mark && target instanceof HTMLElement) {
      // A mark inside a focusable element (a link around a name): open for keyboard focus only,
      // so a mouse click on the link does not pop a card.
      const inner = target.querySelector<HTMLElement>(MARK_SELECTOR);
      // Only small focusables (a link or button around a name), not a focused <main> or section.
      if (inner && target.matches(':focus-visible') && (target.textContent?.length ?? 0) <= 300) {
        mark = inner;
        focusable = target;
      }
    }
    if (!mark) {
      // Focus moved elsewhere on the page: a card opened by focus follows it away.
      if (this.state && this.state.openedBy !== 'hover') this.close();
      return;
    }
    if (this.state?.mark === mark) return;
    this.open(mark, 'focus', null, focusable);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.state) {
      this.close(true);
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Tab' && this.state && this.shadow && this.inHost(e) && this.tabOut(e.shiftKey)) {
      e.preventDefault();
      return;
    }
    const active = document.activeElement;
    const mark = markOf(e.target);
    if (mark && (e.key === 'Enter' || e.key === ' ') && mark.getAttribute('role') === 'button') {
      e.preventDefault();
      this.open(mark, 'keyboard', null, mark);
      return;
    }
    if (!this.keyboard || isEditable(active) || (e.key !== 'j' && e.key !== 'k')) return;
    const marks = [...document.querySelectorAll<HTMLElement>(MARK_SELECTOR)];
    if (marks.length === 0) return;
    const from = this.inHost(e) ? this.state?.mark : mark;
    const i = from ? marks.indexOf(from) : -1;
    const next = marks[e.key === 'j' ? (i + 1) % marks.length : (i - 1 + marks.length) % marks.length];
    if (!next) return;
    e.preventDefault();
    next.focus();
  }

  /**
   * The host sits at the end of the document, so tabbing off either end of the card would leave the
   * page. Instead focus goes back to the mention (the card stays open; Esc closes it).
   */
  private tabOut(back: boolean): boolean {
    const s = this.state;
    const shadow = this.shadow;
    if (!s?.returnFocus?.isConnected || !shadow) return false;
    const items = [...shadow.querySelectorAll<HTMLElement>('a[href], button')];
    const at = shadow.activeElement;
    const edge = back ? (at?.id === HEADING_ID ? at : items[0]) : items[items.length - 1];
    if (!at || at !== edge) return false;
    this.suppressFocusOpen = s.returnFocus;
    s.returnFocus.focus();
    this.suppressFocusOpen = null;
    return true;
  }

  private onPointerDown(e: PointerEvent): void {
    const s = this.state;
    if (!s || this.inHost(e)) return;
    if (e.composedPath().includes(s.mark)) return;
    this.close();
  }

  // ---- the card ----

  private ensureHost(): { host: HTMLElement; shadow: ShadowRoot } {
    if (!this.host || !this.shadow) {
      const host = document.createElement(CARD_TAG);
      for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
      const shadow = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      shadow.adoptedStyleSheets = [sheet];
      this.host = host;
      this.shadow = shadow;
    }
    return { host: this.host, shadow: this.shadow };
  }

  /** Opens the card for a mark. Renders synchronously from the cache so it paints in one frame. */
  private open(
    mark: HTMLElement,
    openedBy: OpenedBy,
    pointer: { x: number; y: number } | null,
    focusEl?: HTMLElement | null,
  ): void {
    performance.mark('backstory:card-open-start');
    const entityId = mark.getAttribute('data-entity') ?? '';
    if (this.state?.mark === mark && this.state.entityId === entityId) {
      // Already open (by focus, say): Enter only moves focus in.
      this.state.openedBy = openedBy === 'hover' ? this.state.openedBy : openedBy;
      if (focusEl) this.state.returnFocus = focusEl;
      if (openedBy === 'keyboard') this.focusInside();
      return;
    }
    if (this.state) this.close();
    const { host } = this.ensureHost();
    this.state = { mark, entityId, openedBy, pointer, returnFocus: focusEl ?? null };
    // Outside <body>, so the page's observers of body and body-level transforms leave it alone.
    host.style.setProperty('visibility', 'visible', 'important');
    if (!host.isConnected) document.documentElement.append(host);
    this.paint();
    this.place();
    requestAnimationFrame(() => {
      try {
        performance.measure('backstory:card', 'backstory:card-open-start');
      } catch {
        // The start mark was cleared by the page; nothing to measure.
      }
    });
    if (openedBy === 'keyboard') this.focusInside();
    if (!this.cache.has(entityId)) void this.fetch([entityId]);
    else {
      const e = this.cache.get(entityId);
      if (e) this.prefetch(e.related);
    }
  }

  private focusInside(): void {
    const heading =
      this.shadow?.getElementById(HEADING_ID) ?? this.shadow?.querySelector<HTMLElement>('button');
    heading?.focus({ preventScroll: true });
  }

  /** Renders the card for the current state (also after data arrives or settings change). */
  private paint(): void {
    const s = this.state;
    if (!s || !this.shadow || !this.host) return;
    this.host.setAttribute('data-theme', this.options.settings().theme);
    const entity = this.cache.get(s.entityId) ?? null;
    this.setMarkOpen(s.mark, entity?.name ?? this.options.nameOf?.(s.entityId) ?? s.entityId);
    render(h(Card, this.props(s)), this.shadow);
  }

  /**
   * Renders once, hidden, in idle time after the first card data arrives, so the first real open
   * does not pay for compiling the card's code paths, parsing its stylesheet and matching fonts
   * (measured: about 50 ms on the first open without this, under the 16 ms bar with it).
   * Two idle tasks, not one: rendering, then (after the browser has laid the hidden card out in
   * its own frame) positioning. As one task it took 35–75 ms on the bench's article page, most of
   * it the forced layout; split, each task is 10–20 ms.
   */
  private warmUp(): void {
    if (this.warmed || this.state || !this.abort) return;
    const id = [...this.cache.keys()].find((k) => this.cache.get(k));
    const mark = id ? this.options.marksFor(id)[0] : undefined;
    if (!id || !(mark instanceof HTMLElement)) return;
    this.warmed = true;
    // Each step waits until the marks have stopped changing: while a scan still writes to the
    // page, positioning would force a style and layout pass over it (12 ms a run on the 2 MB page).
    const idle = (fn: () => void) => {
      const run = () => (performance.now() - this.lastChange < WARMUP_QUIET_MS ? idle(fn) : fn());
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1500 });
      else setTimeout(run, 200);
    };
    // A real card that opened meanwhile owns the host; a destroyed controller removed it.
    const idleNow = () => !this.state && !!this.abort;
    let spent = 0;
    const render1 = () => {
      if (!idleNow()) return;
      const t0 = performance.now();
      const { host, shadow } = this.ensureHost();
      host.style.setProperty('visibility', 'hidden', 'important');
      document.documentElement.append(host);
      render(
        h(Card, this.props({ mark, entityId: id, openedBy: 'hover', pointer: null, returnFocus: null })),
        shadow,
      );
      spent = performance.now() - t0;
      performance.measure(WARMUP_STEP_MEASURE, { start: t0, duration: spent });
      idle(position);
    };
    const position = () => {
      if (!idleNow() || !this.host || !this.shadow) return;
      const { host, shadow } = this;
      const t0 = performance.now();
      const done = () => {
        if (!idleNow()) return;
        render(null, shadow);
        host.remove();
        host.style.setProperty('visibility', 'visible', 'important');
        performance.measure(WARMUP_STEP_MEASURE, { start: t0, end: performance.now() });
        // Its duration is the work of both tasks, not the idle time between them.
        performance.measure('backstory:card-warmup', { start: t0, duration: spent + performance.now() - t0 });
      };
      // Positioning resolves in microtasks, so nothing can paint the hidden card in between.
      computePosition(mark, host, { strategy: 'fixed', middleware: placementMiddleware(host) }).then(
        done,
        done,
      );
    };
    idle(render1);
  }

  /** The Card's props for an open state. */
  private props(s: OpenState): CardProps {
    const lang = uiLanguage(this.options.settings().language);
    const entity = this.cache.get(s.entityId) ?? null;
    const marks = this.options.marksFor(s.entityId);
    const nameOf = this.options.nameOf ?? (() => undefined);
    const related = (entity?.related ?? [])
      .map((id) => ({ id, name: this.cache.get(id)?.name ?? nameOf(id) ?? '' }))
      .filter((r) => r.name);
    return {
      entity,
      loading: !this.cache.has(s.entityId),
      lang,
      asOf: entity ? asOf(entity, this.pageDate(), todayIso()) : null,
      mention: {
        text: s.mark.textContent ?? '',
        detail:
          s.mark.getAttribute('data-entity') === s.entityId
            ? (s.mark.getAttribute('data-detail') ?? undefined)
            : undefined,
        coref:
          s.mark.getAttribute('data-entity') === s.entityId && s.mark.getAttribute('data-coref') === 'true',
      },
      mentionIndex: marks.indexOf(s.mark) + 1,
      mentionCount: marks.length,
      related,
      headingId: HEADING_ID,
      pageUrl: location.href,
      onClose: () => this.close(true),
      onPrev: () => this.step(-1),
      onNext: () => this.step(1),
      onShowAll: () => {
        for (const m of this.options.marksFor(s.entityId)) if (m instanceof HTMLElement) flash(m);
      },
      onOpenInBackstory: () => {
        browser.runtime.sendMessage({ type: 'open-entity', id: s.entityId }).catch(() => undefined);
      },
      onReport: (mailto) => {
        const a = document.createElement('a');
        a.href = mailto;
        a.rel = 'noopener noreferrer';
        this.shadow?.append(a);
        a.click();
        a.remove();
      },
      onRelated: (id) => {
        if (!this.state) return;
        this.state.entityId = id;
        this.paint();
        if (!this.cache.has(id)) void this.fetch([id]);
        this.focusInside();
      },
    };
  }

  /** Moves to the next or previous mention of the card's entity: scroll, flash, re-anchor. */
  private step(dir: 1 | -1): void {
    const s = this.state;
    if (!s) return;
    const marks = this.options.marksFor(s.entityId).filter((m): m is HTMLElement => m instanceof HTMLElement);
    if (marks.length === 0) return;
    const i = marks.indexOf(s.mark);
    const next = marks[i < 0 ? 0 : (i + dir + marks.length) % marks.length]!;
    next.scrollIntoView({ block: 'center', behavior: 'auto' });
    flash(next);
    this.setMarkOpen(s.mark, null);
    s.mark = next;
    s.pointer = null;
    if (s.returnFocus && !s.returnFocus.contains(next)) s.returnFocus = next.tabIndex >= 0 ? next : null;
    this.paint();
    this.place();
  }

  /** Positions the host next to the mark's line nearest the pointer and follows scrolls. */
  private place(): void {
    const s = this.state;
    const host = this.host;
    if (!s || !host) return;
    this.stopAutoUpdate?.();
    const mark = s.mark;
    const lineRect = (): DOMRect => {
      const rects = [...mark.getClientRects()];
      if (rects.length === 0) return mark.getBoundingClientRect();
      const p = this.state?.pointer;
      if (!p) return rects[0]!;
      let best = rects[0]!;
      let bestD = Number.POSITIVE_INFINITY;
      for (const r of rects) {
        const dy = p.y < r.top ? r.top - p.y : p.y > r.bottom ? p.y - r.bottom : 0;
        const dx = p.x < r.left ? r.left - p.x : p.x > r.right ? p.x - r.right : 0;
        const d = dy * 1000 + dx;
        if (d < bestD) {
          bestD = d;
          best = r;
        }
      }
      return best;
    };
    const reference: VirtualElement = {
      getBoundingClientRect: lineRect,
      getClientRects: () => mark.getClientRects(),
      contextElement: mark,
    };
    const update = () => {
      if (this.state?.mark !== mark) return;
      const r = mark.getBoundingClientRect();
      // Scrolled far away: the card would point at nothing.
      if (!mark.isConnected || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) {
        this.close();
        return;
      }
      void computePosition(reference, host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: placementMiddleware(host),
      }).then(({ x, y }) => {
        if (this.state?.mark !== mark) return;
        host.style.setProperty('left', `${Math.round(x)}px`, 'important');
        host.style.setProperty('top', `${Math.round(y)}px`, 'important');
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, host, update);
  }

  private setMarkOpen(mark: HTMLElement, name: string | null): void {
    // Screen readers: aria-describedby/aria-controls cannot point across the shadow boundary into
    // the card, so the mention states it itself: aria-expanded="true" plus an aria-label such as
    // "Jeff Sessions: Backstory card open" while the card is open (the card is a separate non-modal
    // dialog labelled by its heading; no live region). Only a mark with role=button (keyboard mode)
    // gets them: aria-expanded and aria-label are not allowed on a generic element, and a mark that
    // cannot take focus is never where a screen reader user is when the card opens.
    const button = mark.getAttribute('role') === 'button';
    if (name === null) {
      mark.removeAttribute('data-open');
      if (button) mark.setAttribute('aria-expanded', 'false');
      else mark.removeAttribute('aria-expanded');
      mark.removeAttribute('aria-label');
      return;
    }
    mark.setAttribute('data-open', '');
    if (button) {
      mark.setAttribute('aria-expanded', 'true');
      mark.setAttribute('aria-label', t('cardMarkOpen', uiLanguage(this.options.settings().language), name));
    }
  }

  private setKeyboardAttrs(mark: HTMLElement, on: boolean): void {
    if (on) {
      if (mark.getAttribute('tabindex') !== '0') mark.setAttribute('tabindex', '0');
      if (mark.getAttribute('role') !== 'button') mark.setAttribute('role', 'button');
      if (mark.getAttribute('aria-haspopup') !== 'dialog') mark.setAttribute('aria-haspopup', 'dialog');
      if (!mark.hasAttribute('aria-expanded'))
        mark.setAttribute('aria-expanded', mark === this.state?.mark ? 'true' : 'false');
    } else {
      for (const a of KEYBOARD_ATTRS) mark.removeAttribute(a);
      mark.removeAttribute('aria-expanded');
      mark.removeAttribute('aria-label');
    }
  }
}
