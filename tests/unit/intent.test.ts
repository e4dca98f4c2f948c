import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CARD,
  CLOSE_GRACE_MS,
  type IntentConfig,
  type IntentEffect,
  type IntentEvent,
  type IntentState,
  initialIntent,
  intent,
  type Opener,
  REST_TOLERANCE_PX,
  type TimerKind,
} from '../../entrypoints/content/card/intent';

const CONFIG: IntentConfig = { hoverDelay: 300, graceMs: CLOSE_GRACE_MS, restTolerance: REST_TOLERANCE_PX };
type Mark = number;
type Step = IntentEvent<Mark> | { type: 'advance'; ms: number };

/**
 * The machine with a fake clock, as the controller runs it: timers fire in time order, and every
 * open and close is checked against the cards that are really on screen.
 */
class World {
  state: IntentState<Mark> = initialIntent();
  now = 0;
  card: { mark: Mark; by: Opener } | null = null;
  /** Effects of the last dispatch. */
  last: IntentEffect<Mark>[] = [];
  /** Things that must never happen; a property checks this stays empty. */
  violations: string[] = [];
  private timers: { at: number; kind: TimerKind; token: number; seq: number }[] = [];
  private seq = 0;

  constructor(readonly config: IntentConfig = CONFIG) {}

  run(steps: readonly Step[]): this {
    for (const s of steps) {
      if (s.type === 'advance') this.advance(s.ms);
      else this.dispatch(s);
    }
    return this;
  }

  dispatch(event: IntentEvent<Mark>): IntentEffect<Mark>[] {
    const { state, effects } = intent(this.state, event, this.config);
    this.state = state;
    // The controller's own closes and moves (its mark left the page, next mention) happen on screen first.
    if (event.type === 'closed') this.card = null;
    if (event.type === 'retarget' && this.card) this.card = { ...this.card, mark: event.mark };
    for (const e of effects) {
      if (e.type === 'open') {
        if (this.card && this.card.mark !== e.mark)
          this.violations.push(`opened ${e.mark} while ${this.card.mark} was open`);
        this.card = { mark: e.mark, by: e.by };
      } else if (e.type === 'close') this.card = null;
      else if (e.type === 'start-timer')
        this.timers.push({ at: this.now + e.ms, kind: e.kind, token: e.token, seq: this.seq++ });
    }
    if ((this.card === null) !== (state.open === null))
      this.violations.push(`screen (${this.card?.mark ?? 'none'}) and state disagree`);
    if (state.open && this.card) {
      if (state.open.mark !== this.card.mark)
        this.violations.push('state names another mark than the screen');
      // What opened it may change without a new open (focus taking over a hover card).
      this.card = { ...this.card, by: state.open.by };
    }
    this.last = effects;
    return effects;
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.now = next.at;
      this.dispatch({ type: 'timer', kind: next.kind, token: next.token });
    }
    this.now = end;
  }
}

const mark = fc.integer({ min: 0, max: 3 });
const target = fc.oneof(mark, fc.constant(CARD), fc.constant(null));
const pointer = fc.constantFrom('mouse' as const, 'pen' as const, 'touch' as const);
const coord = fc.integer({ min: 0, max: 40 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ type: fc.constant('pointer-over' as const), target, pointer, x: coord, y: coord }),
  fc.record({ type: fc.constant('pointer-move' as const), pointer, x: coord, y: coord }),
  fc.record({ type: fc.constant('pointer-down' as const), target, pointer }),
  fc.record({ type: fc.constant('click' as const), target }),
  fc.record({ type: fc.constant('focus' as const), target }),
  fc.record({
    type: fc.constant('key' as const),
    key: fc.constantFrom('Escape', 'Enter', ' ', 'j', 'Tab'),
    target,
  }),
  fc.constant({ type: 'closed' as const }),
  fc.record({ type: fc.constant('retarget' as const), mark }),
  fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }),
);
const steps = fc.array(step, { maxLength: 40 });
const RUNS = { numRuns: 2000 };

describe('the card intent machine (properties over random event sequences)', () => {
  test('at most one card is open, and the state always names the card on screen', () => {
    fc.assert(
      fc.property(steps, (s) => {
        expect(new World().run(s).violations).toEqual([]);
      }),
      RUNS,
    );
  });

  test('a mark the pointer rests on for the delay gets its card, whatever came before', () => {
    fc.assert(
      fc.property(steps, mark, coord, coord, (before, m, x, y) => {
        const w = new World().run(before);
        w.dispatch({ type: 'pointer-over', target: m, pointer: 'mouse', x, y });
        w.advance(CONFIG.hoverDelay);
        expect(w.card?.mark).toBe(m);
        expect(w.violations).toEqual([]);
      }),
      RUNS,
    );
  });

  test('small moves while resting do not restart the wait; a sweep does', () => {
    // A resting hand jitters a few pixels; a tolerance of none would make resting impossible.
    expect(REST_TOLERANCE_PX).toBeGreaterThanOrEqual(4);
    fc.assert(
      fc.property(steps, mark, (before, m) => {
        const w = new World().run(before);
        if (w.card?.mark === m) return;
        // From the page onto the mark, so an earlier wait on it does not count.
        w.dispatch({ type: 'pointer-over', target: null, pointer: 'mouse', x: 0, y: 0 });
        w.dispatch({ type: 'pointer-over', target: m, pointer: 'mouse', x: 10, y: 10 });
        w.advance(CONFIG.hoverDelay - 50);
        w.dispatch({ type: 'pointer-move', pointer: 'mouse', x: 10 + REST_TOLERANCE_PX, y: 10 });
        w.advance(50);
        expect(w.card?.mark).toBe(m);
      }),
      RUNS,
    );
    const w = new World();
    w.dispatch({ type: 'pointer-over', target: 1, pointer: 'mouse', x: 10, y: 10 });
    w.advance(CONFIG.hoverDelay - 50);
    w.dispatch({ type: 'pointer-move', pointer: 'mouse', x: 10 + REST_TOLERANCE_PX + 1, y: 10 });
    w.advance(50);
    expect(w.card).toBeNull();
    w.advance(CONFIG.hoverDelay);
    expect(w.card?.mark).toBe(1);
  });

  test('leaving both mark and card closes a hover card within the grace period', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: CLOSE_GRACE_MS }), (before, early) => {
        const w = new World().run(before);
        if (w.card?.by !== 'hover') return;
        w.dispatch({ type: 'pointer-over', target: null, pointer: 'mouse', x: 0, y: 0 });
        w.advance(early);
        w.advance(CLOSE_GRACE_MS - early);
        expect(w.card).toBeNull();
      }),
      RUNS,
    );
  });

  test('coming back to the card or its mark within the grace period keeps it open', () => {
    fc.assert(
      fc.property(steps, fc.constantFrom<typeof CARD | 'mark'>(CARD, 'mark'), (before, back) => {
        const w = new World().run(before);
        const open = w.card;
        if (open?.by !== 'hover') return;
        w.dispatch({ type: 'pointer-over', target: null, pointer: 'mouse', x: 0, y: 0 });
        w.advance(CLOSE_GRACE_MS - 1);
        w.dispatch({
          type: 'pointer-over',
          target: back === CARD ? CARD : open.mark,
          pointer: 'mouse',
          x: 0,
          y: 0,
        });
        w.advance(5 * CLOSE_GRACE_MS);
        expect(w.card?.mark).toBe(open.mark);
      }),
      RUNS,
    );
  });

  test('focus opens a card at once; Esc closes it and returns focus', () => {
    fc.assert(
      fc.property(steps, mark, (before, m) => {
        const w = new World().run(before);
        w.dispatch({ type: 'focus', target: m });
        expect(w.card?.mark).toBe(m);
        const effects = w.dispatch({ type: 'key', key: 'Escape', target: m });
        expect(effects).toContainEqual({ type: 'close', returnFocus: true });
        expect(w.card).toBeNull();
      }),
      RUNS,
    );
  });

  test('a focus card stays while the pointer wanders, and follows focus away', () => {
    fc.assert(
      fc.property(steps, mark, (before, m) => {
        const w = new World().run(before);
        w.dispatch({ type: 'focus', target: m });
        w.dispatch({ type: 'pointer-over', target: null, pointer: 'mouse', x: 0, y: 0 });
        w.advance(10 * CLOSE_GRACE_MS);
        expect(w.card?.mark).toBe(m);
        w.dispatch({ type: 'focus', target: null });
        expect(w.card).toBeNull();
      }),
      RUNS,
    );
  });

  test('touch and pen: a tap opens the card and swallows that click; a second tap lets the page have it; a tap elsewhere closes', () => {
    fc.assert(
      fc.property(steps, mark, fc.constantFrom('touch' as const, 'pen' as const), (before, m, p) => {
        const w = new World().run(before);
        if (w.card?.mark === m) w.dispatch({ type: 'pointer-down', target: null, pointer: p });
        w.dispatch({ type: 'pointer-down', target: m, pointer: p });
        expect(w.card?.mark).toBe(m);
        expect(w.dispatch({ type: 'click', target: m })).toContainEqual({ type: 'prevent-default' });
        w.dispatch({ type: 'pointer-down', target: m, pointer: p });
        expect(w.card?.mark).toBe(m);
        expect(w.dispatch({ type: 'click', target: m })).not.toContainEqual({ type: 'prevent-default' });
        // Without hover, time alone never closes it; a tap elsewhere does.
        w.advance(10 * CLOSE_GRACE_MS);
        expect(w.card?.mark).toBe(m);
        w.dispatch({ type: 'pointer-down', target: null, pointer: p });
        expect(w.card).toBeNull();
      }),
      RUNS,
    );
  });

  test('a mouse click never has its default prevented', () => {
    fc.assert(
      fc.property(steps, mark, (before, m) => {
        const w = new World().run(before);
        w.dispatch({ type: 'pointer-down', target: m, pointer: 'mouse' });
        expect(w.dispatch({ type: 'click', target: m })).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('the card intent machine (the moves a reader makes)', () => {
  const over = (w: World, target: Mark | typeof CARD | null) =>
    w.dispatch({ type: 'pointer-over', target, pointer: 'mouse', x: 5, y: 5 });

  test("hover A until it opens, then straight onto B: A's grace timer does not cancel B's hover", () => {
    const w = new World();
    over(w, 0);
    w.advance(CONFIG.hoverDelay);
    expect(w.card?.mark).toBe(0);
    over(w, 1);
    w.advance(CONFIG.hoverDelay);
    expect(w.card?.mark).toBe(1);
    expect(w.violations).toEqual([]);
  });

  test('the same with a longer hover delay than the grace period: A closes first, then B opens', () => {
    const w = new World({ ...CONFIG, hoverDelay: 800 });
    over(w, 0);
    w.advance(800);
    over(w, 1);
    w.advance(CLOSE_GRACE_MS);
    expect(w.card).toBeNull();
    w.advance(800 - CLOSE_GRACE_MS);
    expect(w.card?.mark).toBe(1);
  });

  test('A, into A’s card, back out and onto B', () => {
    const w = new World();
    over(w, 0);
    w.advance(CONFIG.hoverDelay);
    over(w, null);
    w.advance(100);
    over(w, CARD);
    w.advance(2000);
    expect(w.card?.mark).toBe(0);
    over(w, null);
    over(w, 1);
    w.advance(CONFIG.hoverDelay);
    expect(w.card?.mark).toBe(1);
  });

  test('a pointer sweeping across marks opens nothing', () => {
    const w = new World();
    for (const m of [0, 1, 2, 3]) {
      over(w, m);
      w.advance(CONFIG.hoverDelay / 4);
    }
    over(w, null);
    w.advance(2000);
    expect(w.card).toBeNull();
  });

  test('Enter on a mark (keyboard mode) opens with focus inside; Enter again moves focus in again', () => {
    const w = new World();
    expect(w.dispatch({ type: 'key', key: 'Enter', target: 2 })).toEqual([
      { type: 'open', mark: 2, by: 'keyboard' },
    ]);
    expect(w.dispatch({ type: 'key', key: 'Enter', target: 2 })).toEqual([
      { type: 'open', mark: 2, by: 'keyboard' },
    ]);
    expect(w.card).toEqual({ mark: 2, by: 'keyboard' });
  });

  test('a stale timer token does nothing', () => {
    const w = new World();
    over(w, 0);
    const [timer] = w.last;
    over(w, 1);
    expect(timer?.type).toBe('start-timer');
    if (timer?.type === 'start-timer') w.dispatch({ type: 'timer', kind: 'dwell', token: timer.token });
    expect(w.card).toBeNull();
  });
});
