/**
 * The card's hover, focus, tap and key intent as a pure state machine: events in, state and
 * effects out, no DOM. The controller (controller.ts) turns DOM events into `IntentEvent`s, runs
 * the timers the effects ask for, and carries out opens and closes.
 *
 * Every timer carries a token. A timer that fires with a token the state no longer holds is
 * stale and does nothing, so a late close-grace timer of one mark can never cancel the hover
 * that has just started on the next (the shape of Wikipedia Page Previews' preview reducer).
 */

/** How long the pointer may be away from mark and card before a hover-opened card closes. */
export const CLOSE_GRACE_MS = 300;
/** A pointer that moves more than this while waiting is sweeping, not resting: the wait restarts. */
export const REST_TOLERANCE_PX = 6;

/** What opened the card: a resting pointer, keyboard focus, Enter on a mark, or a tap. */
export type Opener = 'hover' | 'focus' | 'keyboard' | 'tap';
/** The pointer's kind, as PointerEvent.pointerType names it. */
export type PointerKind = 'mouse' | 'pen' | 'touch';
/** Where an event happened: on a mark, on the card, or anywhere else (null). */
export type Target<M> = M | typeof CARD | null;

/** The card itself, as a target. */
export const CARD = 'card' as const;

/** The timers the machine asks for. */
export type TimerKind = 'dwell' | 'grace';

/** Everything the machine reacts to. */
export type IntentEvent<M> =
  /** The pointer is now over `target` (pointerover; `null` when it left for the page or the window). */
  | { type: 'pointer-over'; target: Target<M>; pointer: PointerKind; x: number; y: number }
  /** The pointer moved while over the mark it is resting on (NaN coordinates when unknown). */
  | { type: 'pointer-move'; pointer: PointerKind; x: number; y: number }
  /** A button or finger went down on `target`. */
  | { type: 'pointer-down'; target: Target<M>; pointer: PointerKind }
  /** A click on `target` is about to run its default action (following a link, say). */
  | { type: 'click'; target: Target<M> }
  /** Keyboard focus moved to `target` (a mark, or a small focusable around one; `null` elsewhere). */
  | { type: 'focus'; target: Target<M> }
  /** A key was pressed; `target` is the mark it was pressed on, if any. */
  | { type: 'key'; key: string; target: Target<M> }
  /** A timer the machine started has fired. */
  | { type: 'timer'; kind: TimerKind; token: number }
  /** The controller closed the card by itself (its mark left the page, the card's close button). */
  | { type: 'closed' }
  /** The open card moved to another mark of its entity (next and previous mention). */
  | { type: 'retarget'; mark: M };

/** What the controller must do. */
export type IntentEffect<M> =
  | { type: 'open'; mark: M; by: Opener }
  /** Close the open card; `returnFocus` sends focus back to where it was before the card. */
  | { type: 'close'; returnFocus: boolean }
  /** Start a timer; when it fires, send `{ type: 'timer', kind, token }`. */
  | { type: 'start-timer'; kind: TimerKind; token: number; ms: number }
  /** Stop the page's default action for the current event (the click after a first tap). */
  | { type: 'prevent-default' };

/** The machine's whole state. Treat it as immutable. */
export interface IntentState<M> {
  open: { mark: M; by: Opener } | null;
  /** A pointer resting on a mark, waiting for the hover delay, and where it started resting. */
  dwell: { mark: M; token: number; x: number; y: number } | null;
  /** The close-grace timer's token while the pointer is away from a hover-opened card. */
  grace: number | null;
  /** A mark whose card a tap has just opened: the click that follows must not follow its link. */
  swallowClickOn: M | null;
  /** The last token handed out. */
  tokens: number;
}

/** Numbers the machine needs from settings and constants. */
export interface IntentConfig {
  hoverDelay: number;
  graceMs: number;
  restTolerance: number;
}

/** The machine before anything has happened. */
export function initialIntent<M>(): IntentState<M> {
  return { open: null, dwell: null, grace: null, swallowClickOn: null, tokens: 0 };
}

/** One step: the next state and the effects to carry out, in order. */
export function intent<M>(
  state: IntentState<M>,
  event: IntentEvent<M>,
  config: IntentConfig,
): { state: IntentState<M>; effects: IntentEffect<M>[] } {
  const effects: IntentEffect<M>[] = [];
  let s = state;
  const token = () => {
    s = { ...s, tokens: s.tokens + 1 };
    return s.tokens;
  };
  const startDwell = (mark: M, x: number, y: number) => {
    const t = token();
    s = { ...s, dwell: { mark, token: t, x, y } };
    effects.push({ type: 'start-timer', kind: 'dwell', token: t, ms: config.hoverDelay });
  };
  const startGrace = () => {
    const t = token();
    s = { ...s, grace: t };
    effects.push({ type: 'start-timer', kind: 'grace', token: t, ms: config.graceMs });
  };
  const close = (returnFocus: boolean) => {
    if (!s.open) return;
    s = { ...s, open: null, grace: null, swallowClickOn: null };
    effects.push({ type: 'close', returnFocus });
  };
  const open = (mark: M, by: Opener) => {
    if (s.open?.mark === mark) {
      // Already open for this mark. Focus or keys take over a hover or tap card, so it follows
      // focus from now on; a tap takes over a hover card, so the pointer leaving keeps it.
      const weaker = s.open.by === 'hover' || (s.open.by === 'tap' && by !== 'tap');
      if ((weaker && by !== 'hover') || by === 'keyboard') s = { ...s, open: { mark, by } };
      if (by === 'keyboard') effects.push({ type: 'open', mark, by });
      s = { ...s, grace: null };
      return;
    }
    close(false);
    s = { ...s, open: { mark, by }, dwell: s.dwell?.mark === mark ? null : s.dwell, grace: null };
    effects.push({ type: 'open', mark, by });
  };

  switch (event.type) {
    case 'pointer-over': {
      // Touch has no hover: its pointerover only precedes the tap, which pointer-down handles.
      if (event.pointer === 'touch') break;
      const t = event.target;
      if (t === CARD || (t !== null && s.open?.mark === t)) {
        s = { ...s, grace: null, dwell: null };
        break;
      }
      if (t === null) s = { ...s, dwell: null };
      else if (s.dwell?.mark !== t) startDwell(t, event.x, event.y);
      // Away from the open card and its mark: a hover card closes after the grace period.
      if (s.open?.by === 'hover' && s.grace === null) startGrace();
      break;
    }
    case 'pointer-move': {
      if (event.pointer === 'touch' || !s.dwell) break;
      const d = s.dwell;
      if (Number.isNaN(d.x) || Number.isNaN(d.y)) s = { ...s, dwell: { ...d, x: event.x, y: event.y } };
      else if (Math.hypot(event.x - d.x, event.y - d.y) > config.restTolerance)
        startDwell(d.mark, event.x, event.y);
      break;
    }
    case 'pointer-down': {
      const t = event.target;
      // Only the click that ends this very tap can be swallowed.
      s = { ...s, swallowClickOn: null };
      if (t === CARD) break;
      if (t === null) {
        close(false);
        break;
      }
      if (event.pointer === 'mouse') {
        // A click on another mark closes this card; that mark's own dwell opens its card.
        if (s.open && s.open.mark !== t) close(false);
        break;
      }
      // A tap on a mark whose card is not open opens it, and its click must not follow a link;
      // a second tap on the same mark lets the page have the click.
      if (s.open?.mark === t) break;
      s = { ...s, dwell: null };
      open(t, 'tap');
      s = { ...s, swallowClickOn: t };
      break;
    }
    case 'click': {
      if (s.swallowClickOn !== null && s.swallowClickOn === event.target)
        effects.push({ type: 'prevent-default' });
      s = { ...s, swallowClickOn: null };
      break;
    }
    case 'focus': {
      const t = event.target;
      if (t === CARD) break;
      if (t === null) {
        // Focus moved elsewhere on the page: a card opened by focus or keys follows it away.
        if (s.open && s.open.by !== 'hover' && s.open.by !== 'tap') close(false);
        break;
      }
      open(t, 'focus');
      break;
    }
    case 'key': {
      if (event.key === 'Escape') {
        close(true);
        s = { ...s, dwell: null };
      } else if (
        (event.key === 'Enter' || event.key === ' ') &&
        event.target !== null &&
        event.target !== CARD
      )
        open(event.target, 'keyboard');
      break;
    }
    case 'timer': {
      if (event.kind === 'dwell' && s.dwell?.token === event.token) {
        const mark = s.dwell.mark;
        s = { ...s, dwell: null };
        open(mark, 'hover');
      } else if (event.kind === 'grace' && s.grace === event.token) {
        s = { ...s, grace: null };
        close(false);
      }
      break;
    }
    case 'closed':
      s = { ...s, open: null, grace: null, swallowClickOn: null };
      break;
    case 'retarget':
      if (s.open) s = { ...s, open: { ...s.open, mark: event.mark } };
      break;
  }
  return { state: s, effects };
}
