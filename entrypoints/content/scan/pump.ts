import { PHASE_MEASURES, SCAN_MEASURE } from '../measures';

/** Time one chunk of work may take before yielding, in ms; chunk plus relayout stays under 50 ms. */
export const CHUNK_BUDGET_MS = 8;

/** A part of the scan, as measured. */
export type Phase = (typeof PHASE_MEASURES)[keyof typeof PHASE_MEASURES];

/** What one step of work reports: its phase, and (when it needs the engine still loading) what to wait for. */
export interface StepResult {
  phase: Phase;
  wait?: Promise<unknown>;
}

/** The work the pump runs. */
export interface PumpWork {
  /** Wraps one batch of what earlier steps found; false when nothing waits to be wrapped. */
  renderBatch(): boolean;
  /** Runs one step of reading and matching; null when there is none left. */
  step(): StepResult | null;
  /** True while found records wait to be wrapped. */
  pending(): boolean;
}

/** Schedules a chunk: idle time in a page, at once in tests. */
export type Schedule = (fn: () => void) => void;

const idleSchedule: Schedule = (fn) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 100 });
  else setTimeout(fn, 0);
};

/**
 * Runs work in chunks of about CHUNK_BUDGET_MS in idle time, so no task of ours runs long: each
 * chunk first wraps what earlier chunks found, then reads and matches more. Every chunk records
 * a SCAN_MEASURE, and one measure per phase, on the page's own timeline.
 */
export class ChunkPump {
  private running = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly work: PumpWork,
    private readonly schedule: Schedule = idleSchedule,
  ) {}

  /**
   * Starts running chunks unless they already run. There is only ever one run: work that is
   * replaced meanwhile (the page was cleared) is simply what the next chunk finds.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const chunk = () => {
      const t0 = performance.now();
      const late = () => performance.now() - t0 >= CHUNK_BUDGET_MS;
      while (!late() && this.work.renderBatch());
      // One measure per phase and chunk (a measure per block would cost more than the block).
      const spent = new Map<string, number>([[PHASE_MEASURES.wrap, performance.now() - t0]]);
      let waiting: Promise<unknown> | undefined;
      let more = true;
      while (!late()) {
        const s0 = performance.now();
        const r = this.work.step();
        if (!r) {
          more = false;
          break;
        }
        spent.set(r.phase, (spent.get(r.phase) ?? 0) + performance.now() - s0);
        if (r.wait) {
          waiting = r.wait;
          break;
        }
      }
      for (const [name, duration] of spent)
        if (duration > 0) performance.measure(name, { start: t0, duration });
      performance.measure(SCAN_MEASURE, { start: t0, end: performance.now() });
      // Waiting for the engine: no chunk runs, and nothing is polled, until it is ready.
      if (waiting) void waiting.then(() => this.schedule(chunk));
      else if (more || this.work.pending()) this.schedule(chunk);
      else {
        this.running = false;
        for (const resolve of this.idle.splice(0)) resolve();
      }
    };
    chunk();
  }

  /** Resolves once no chunk is scheduled (at once when none is). */
  whenIdle(): Promise<void> {
    return this.running ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  /** True while chunks are scheduled. */
  get busy(): boolean {
    return this.running;
  }
}
