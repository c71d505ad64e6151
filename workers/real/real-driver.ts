/**
 * Drives a NodeRuntime on the real clock: the same runtime the simulation uses, fed one-window batches
 * built from what really happened. A message that arrived over HTTP becomes a `deliver` event at the time it
 * arrived; the runtime's earliest timer is waited for with a real `setTimeout`; a window is a sliver of real
 * time [now, now + ε). Batches run one at a time, so the node's time never runs backwards.
 *
 * Nothing here is deterministic (arrival times are real); the simulation path does not use this file.
 */
import type { InboundEvent, Message, NodeBoot, NodeOutput, PeerInfo } from '../kernel/protocol';
import type { NodeRuntime } from '../runtime/node-runtime';

/** How long a real window lasts (run ms): timers due inside it fire in it. */
const EPSILON = 0.01;

export interface RealClock {
  /** Run time now (ms since the run's time 0, already scaled). */
  now(): number;
  /** Call `fn` after `ms` of run time (the clock's speed applies). */
  after(ms: number, fn: () => void): () => void;
}

export class RealDriver {
  private pending: InboundEvent[] = [];
  private boot: NodeBoot | undefined;
  private running = false;
  private booted = false;
  private lastUntil = 0;
  private cancelTimer: (() => void) | undefined;
  private timerDue: number | null = null;
  private clockOffset = 0;

  constructor(
    private readonly runtime: NodeRuntime,
    private readonly clock: RealClock,
    /** Every batch's output, in order. */
    private readonly onOutput: (output: NodeOutput) => void,
  ) {}

  start(boot: NodeBoot): void {
    this.boot = boot;
    this.pump();
  }

  deliver(message: Message): void {
    this.pending.push({ kind: 'deliver', at: 0, message });
    this.pump();
  }

  membership(peers: PeerInfo[]): void {
    this.pending.push({ kind: 'membership', at: 0, peers });
    this.pump();
  }

  skew(offsetMs: number): void {
    this.clockOffset = offsetMs;
  }

  /** Stop waking up (the process is finishing). */
  halt(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.booted = false;
    this.pending = [];
  }

  private pump(): void {
    if (this.running || (!this.booted && !this.boot)) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const now = Math.max(round(this.clock.now()), this.lastUntil);
        const timerDue = this.timerDue !== null && this.timerDue <= now + EPSILON;
        if (!this.boot && this.pending.length === 0 && !timerDue) break;
        const events = this.pending;
        this.pending = [];
        for (const event of events) event.at = now;
        const until = round(now + EPSILON);
        const output = await this.runtime.handleBatch({
          node: this.runtime.id,
          from: now,
          until,
          clockOffset: this.clockOffset,
          ...(this.boot ? { boot: this.boot } : {}),
          events,
        });
        if (this.boot) this.booted = true;
        this.boot = undefined;
        this.lastUntil = until;
        this.onOutput(output);
        if (output.fatal) {
          this.halt();
          return;
        }
        this.schedule(output.nextTimerAt);
      }
    } finally {
      this.running = false;
    }
    // A real timer that fired a hair early found nothing due: wait again.
    if (this.timerDue !== null && !this.cancelTimer) this.schedule(this.timerDue);
  }

  /** Wait for the runtime's earliest timer on the real clock. */
  private schedule(due: number | null): void {
    if (due === this.timerDue && this.cancelTimer) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerDue = due;
    if (due === null || !this.booted) return;
    this.cancelTimer = this.clock.after(Math.max(0, due - this.clock.now()), () => {
      this.cancelTimer = undefined;
      this.pump();
    });
  }
}

/** Run times are kept to 1/100 ms: readable traces, and still finer than any real timer. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** The wall clock as run time: ms since `origin()` (an epoch, read each time), times `speed`. */
export function wallClock(origin: () => number, speed: number): RealClock {
  const now = () => (performance.timeOrigin + performance.now() - origin()) * speed;
  return {
    now,
    after(ms, fn) {
      const handle = setTimeout(fn, ms / speed);
      return () => clearTimeout(handle);
    },
  };
}
