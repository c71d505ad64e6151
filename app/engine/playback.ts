/**
 * The playback cursor: the virtual time the views show, and how fast it moves. It changes every frame, so
 * it lives in a tiny external store rather than in React state or the run machine's context.
 */
export const FAST_FORWARD = Number.POSITIVE_INFINITY;

/**
 * Speeds offered in the controls: virtual ms per real ms. The slow end is for links of a few ms, so a
 * message stays on screen long enough to watch (see defaultSpeed).
 */
export const SPEEDS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, FAST_FORWARD];

export function speedLabel(speed: number): string {
  return speed === FAST_FORWARD ? 'Max' : `${speed}×`;
}

export class Playback {
  private listeners = new Set<() => void>();
  private cursor = 0;
  private rate: number;

  constructor(speed = 0.25) {
    this.rate = speed;
  }

  /** Virtual ms per real ms; FAST_FORWARD jumps to whatever the kernel has produced. */
  get speed(): number {
    return this.rate;
  }

  setSpeed(speed: number): void {
    this.rate = speed;
  }

  get t(): number {
    return this.cursor;
  }

  /** Whether the clock is hurrying through a quiet stretch (shown to the learner). */
  skipping = false;

  /**
   * Whether the cursor has been waiting on the kernel for a while (a node that does not return, a busy
   * machine): the status must not say "Running" while nothing moves.
   */
  waiting = false;

  seek(t: number, skipping = false): void {
    if (t === this.cursor && skipping === this.skipping) return;
    this.skipping = skipping;
    this.cursor = Math.max(0, t);
    this.notify();
  }

  setWaiting(waiting: boolean): void {
    if (waiting === this.waiting) return;
    this.waiting = waiting;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getT = (): number => this.cursor;
}
