import {
  CLOSE_GRACE_MS,
  type IntentEvent,
  type IntentState,
  initialIntent,
  intent,
  type Opener,
  REST_TOLERANCE_PX,
  type TimerKind,
} from './intent';

/** What the runner does for the intent's effects. */
export interface IntentHandlers {
  /** The hover delay now (from settings). */
  hoverDelay: () => number;
  open: (mark: HTMLElement, by: Opener) => void;
  close: (returnFocus: boolean) => void;
}

/**
 * Runs the pure intent machine (intent.ts) in the page: keeps its state, starts the timers its
 * effects ask for (a timer that fires late carries a stale token and does nothing), prevents the
 * default of the event it says to, and hands opens and closes to the controller.
 */
export class IntentRunner {
  private state: IntentState<HTMLElement> = initialIntent();
  private readonly timers = new Map<TimerKind, ReturnType<typeof setTimeout>>();

  constructor(private readonly handlers: IntentHandlers) {}

  /** True while a pointer rests on a mark waiting for the hover delay. */
  get dwelling(): boolean {
    return this.state.dwell !== null;
  }

  /** Sends one event; `dom` is the DOM event whose default the intent may prevent. */
  dispatch(event: IntentEvent<HTMLElement>, dom?: Event): void {
    const { state, effects } = intent(this.state, event, {
      hoverDelay: this.handlers.hoverDelay(),
      graceMs: CLOSE_GRACE_MS,
      restTolerance: REST_TOLERANCE_PX,
    });
    this.state = state;
    for (const effect of effects)
      switch (effect.type) {
        case 'start-timer': {
          clearTimeout(this.timers.get(effect.kind));
          const { kind, token } = effect;
          this.timers.set(
            kind,
            setTimeout(() => this.dispatch({ type: 'timer', kind, token }), effect.ms),
          );
          break;
        }
        case 'open':
          this.handlers.open(effect.mark, effect.by);
          break;
        case 'close':
          this.handlers.close(effect.returnFocus);
          break;
        case 'prevent-default':
          dom?.preventDefault();
          dom?.stopPropagation();
          break;
      }
  }

  /** Clears every timer. */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
