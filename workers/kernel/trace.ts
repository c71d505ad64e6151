/**
 * The trace: the append-only list of everything that happened, the single source of truth every view and
 * checker folds over, with a stable hash for determinism tests ("same code + scenario +
 * seed gives the same trace hash in Node and in Chromium").
 *
 * The hash runs over JSON.stringify of each event (built straight from the columns for sends and deliveries). JSON text is spec-defined (numbers print as their shortest
 * round-trip form, keys in insertion order), and the hash uses only Math.imul, shifts and xor, so every engine
 * agrees. It is not cryptographic: it tells runs apart, it does not resist forgery.
 */
import type { TraceEvent } from './protocol';
import { TraceColumns } from './trace-columns';

// Two 32-bit lanes with different multipliers and shifts, so a collision must happen in both at once.
const M1 = 0x9e3779b1;
const M2 = 0x85ebca77;
const SEED1 = 0x243f6a88;
const SEED2 = 0x13198a2e;
/** Mixed in after every event so event boundaries matter: [ab, c] and [a, bc] hash differently. */
const EVENT_END = 0x1e;

/** The running state of the two lanes; plain numbers so continuing a hash allocates nothing. */
class HashState {
  h1 = SEED1;
  h2 = SEED2;
  count = 0;

  /** Fold one event's JSON text. Xor-multiply-fold per char: the fold keeps high bits flowing into low ones. */
  addText(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    // Two UTF-16 code units per step (the hash of a run is computed over millions of characters).
    const pairs = text.length & ~1;
    for (let i = 0; i < pairs; i += 2) {
      const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ c, M1);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ c, M2);
      h2 ^= h2 >>> 13;
    }
    if (pairs < text.length) {
      const c = text.charCodeAt(pairs);
      h1 = Math.imul(h1 ^ c, M1);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ c, M2);
      h2 ^= h2 >>> 13;
    }
    // The length and an end marker close the event.
    h1 = Math.imul(h1 ^ text.length, M1);
    h1 = Math.imul(h1 ^ EVENT_END, M1);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ text.length, M2);
    h2 = Math.imul(h2 ^ EVENT_END, M2);
    h2 ^= h2 >>> 13;
    this.h1 = h1;
    this.h2 = h2;
    this.count++;
  }

  /** Finish without touching the running state (cyrb53-style cross mix, then the event count). */
  digest(): string {
    let a = this.h1 ^ this.count;
    let b = this.h2;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    b ^= b >>> 16;
    return hex8(a) + hex8(b);
  }
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/**
 * The append-only trace with a stable hash. Events are kept in columns (trace-columns.ts) and handed out as
 * objects on request, so a long run keeps ~50 bytes per message instead of a few hundred of live objects.
 */
export class Trace {
  private readonly columns = new TraceColumns();
  /** `events` materialized so far (made on first request, then extended: checkers read a run many times). */
  private readonly materialized: TraceEvent[] = [];
  /** The hash state covers events [0 .. hashedUpTo). */
  private readonly state = new HashState();
  private hashedUpTo = 0;
  private cachedDigest: string | undefined;

  append(event: TraceEvent): void {
    this.columns.append(event);
  }

  /**
   * A node runtime's `send` effect (its keys in the runtime's order, as incarnation.ts makes them). Returns the
   * row to hand `appendDelivery` when that message is delivered (-1 if there is none).
   */
  appendSend(event: Extract<TraceEvent, { kind: 'send' }>): number {
    return this.columns.appendSend(event);
  }

  /**
   * A node runtime's `deliver` effect, for the message whose send is at `sendRow` (the caller has checked that
   * the delivery names that message), or -1 when not known.
   */
  appendDelivery(event: Extract<TraceEvent, { kind: 'deliver' }>, sendRow: number): void {
    this.columns.appendDeliver(event, sendRow);
  }

  get length(): number {
    return this.columns.length;
  }

  /** How many events are kept as whole objects rather than in columns (sends and deliveries should not be). */
  get objectCount(): number {
    return this.columns.objectCount;
  }

  /** Event `i` (0 <= i < length). */
  at(i: number): TraceEvent {
    return i < this.materialized.length ? this.materialized[i]! : this.columns.event(i);
  }

  /**
   * Every event so far, as objects. The array is kept and extended by later calls (do not mutate it): it is
   * for reading a finished run (checkers, results), not for following a live one (use `since`).
   */
  get events(): readonly TraceEvent[] {
    const list = this.materialized;
    for (let i = list.length; i < this.columns.length; i++) list.push(this.columns.event(i));
    return list;
  }

  /**
   * A stable 16-hex-char hash of all events so far, computed incrementally: only events appended since the
   * last call are hashed. Each event is hashed as its `JSON.stringify` text.
   */
  hash(): string {
    const length = this.columns.length;
    if (this.hashedUpTo === length && this.cachedDigest !== undefined) return this.cachedDigest;
    for (let i = this.hashedUpTo; i < length; i++) this.state.addText(this.columns.json(i));
    this.hashedUpTo = length;
    this.cachedDigest = this.state.digest();
    return this.cachedDigest;
  }

  /** Events with index >= from, as a new array (for streaming chunks to the UI). */
  since(from: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = Math.max(0, from); i < this.columns.length; i++) out.push(this.at(i));
    return out;
  }
}

/** Hash a whole list of events at once (same result as a Trace fed the same events). */
export function hashEvents(events: readonly TraceEvent[]): string {
  const state = new HashState();
  for (const event of events) state.addText(JSON.stringify(event));
  return state.digest();
}
