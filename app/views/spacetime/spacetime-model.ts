/**
 * The space-time diagram's data: message arrows, down and paused spans, partition bands and point marks,
 * folded from the trace once and extended as events are appended (never refolded: the trace only grows).
 * It knows the whole trace the kernel produced, including what lies after the playback cursor, so an
 * arrow in flight at the cursor can be drawn along its true slope; the view cuts at the cursor.
 * Pure TypeScript: no DOM, no React.
 */
import type {
  DropReason,
  Json,
  LogLevel,
  MessageId,
  NodeId,
  TraceEvent,
} from '../../../workers/kernel/protocol';
import { JourneyLedger, type Journey } from '../../trace/journeys';
import { isDown, statusAfter } from '../../trace/nodeStatus';
import { TypeOrder } from '../../trace/typeOrder';
import type { NodeStatus } from '../../trace/types';
import { firstAtOrAfter } from './spacetime-search';

/** One copy of one message, from its send (or duplicate) to its delivery or drop. */
export interface Arrow {
  /** Position in `arrows` (creation order, which is send-time order). */
  pos: number;
  id: MessageId;
  /** 0 for the original, 1.. for the network's copies. */
  copy: number;
  from: NodeId;
  to: NodeId;
  type: string;
  body: Json;
  t0: number;
  /** When it was delivered or dropped; null while the trace does not say yet. */
  t1: number | null;
  fate: 'delivered' | 'dropped' | null;
  reason?: DropReason;
}

/** A stretch of a lifeline: down (crash until restart, or stop for good) or paused. */
export interface Span {
  node: NodeId;
  t0: number;
  t1: number | null;
  /** For down spans: why (a crash's reason, or 'stopped'). */
  why?: string;
}

/** A partition between two nodes while in force; `ab`/`ba` say which directions were cut. */
export interface Band {
  a: NodeId;
  b: NodeId;
  t0: number;
  t1: number | null;
  ab: boolean;
  ba: boolean;
}

export type MarkKind = 'timer' | 'log' | 'error' | 'crash' | 'restart' | 'pause' | 'resume' | 'stop';

/** Something that happened at one node at one time: drawn as a tick or dot, explained in a tooltip. */
export interface Mark {
  node: NodeId;
  t: number;
  kind: MarkKind;
  text: string;
  level?: LogLevel;
}

/**
 * Arrows longer than this (virtual ms) are listed apart, so a range query can start its scan at
 * `from - LONG_MS` and still find every arrow crossing the range: the scan stays proportional to what
 * is on screen, however long the trace.
 */
export const LONG_MS = 500;

export class SpaceTimeModel {
  readonly arrows: Arrow[] = [];
  readonly down: Span[] = [];
  readonly paused: Span[] = [];
  readonly bands: Band[] = [];
  /** In time order (the trace is). */
  readonly marks: Mark[] = [];
  /** Message types in first-sent order: the same order, hence colours, as RunView.messageTypes. */
  private readonly typeOrder = new TypeOrder();
  readonly types: string[] = this.typeOrder.types;
  /** Nodes born in the trace (spawn), with their role and birth time. */
  readonly spawned = new Map<NodeId, { role: string; t: number }>();
  /** Bumped on every change, so the view knows when to redraw. */
  version = 0;

  private consumed = 0;
  private first: TraceEvent | undefined;
  /** Which copy of which message a delivery ends: the graph's rule, so both views agree by construction. */
  private readonly ledger = new JourneyLedger();
  private readonly long: number[] = [];
  private readonly status = new Map<NodeId, NodeStatus>();
  private readonly openDown = new Map<NodeId, Span>();
  private readonly openPause = new Map<NodeId, Span>();
  private readonly openBands = new Map<string, { band: Band; cut: Set<string> }>();
  private latencySum = 0;
  private latencyN = 0;

  /** Events folded so far. */
  get length(): number {
    return this.consumed;
  }

  /** Mean delivery latency (ms) so far: the default zoom makes a typical arrow a readable slope. */
  get typicalLatency(): number {
    return this.latencyN === 0 ? 0 : this.latencySum / this.latencyN;
  }

  /**
   * Catch up with a trace array that grows in place. Returns false when `events` is not a continuation
   * of what was folded (a new run): the caller builds a fresh model then.
   */
  sync(events: readonly TraceEvent[]): boolean {
    if (events.length < this.consumed || (this.consumed > 0 && events[0] !== this.first)) return false;
    if (events.length > this.consumed) this.append(events.slice(this.consumed));
    return true;
  }

  /** Fold events in trace order. */
  append(events: readonly TraceEvent[]): this {
    for (const e of events) {
      if (this.consumed === 0) this.first = e;
      this.add(e, this.consumed);
      this.consumed++;
    }
    if (events.length > 0) this.version++;
    return this;
  }

  private add(e: TraceEvent, i: number): void {
    this.typeOrder.add(e, i);
    switch (e.kind) {
      case 'send':
      case 'duplicate':
      case 'deliver':
      case 'drop': {
        const j = this.ledger.add(e, i);
        if (!j) return;
        if (j.end === null) this.create(j);
        else this.finish(j);
        return;
      }
      case 'crash':
        this.mark(e.node, e.t, 'crash', e.reason);
        return this.lifeline(e, e.reason);
      case 'restart':
        this.mark(e.node, e.t, 'restart', `incarnation ${e.incarnation}`);
        return this.lifeline(e);
      case 'stop':
        this.mark(e.node, e.t, 'stop', e.by ? `by ${e.by}` : '');
        return this.lifeline(e, 'stopped');
      case 'pause':
        this.mark(e.node, e.t, 'pause', 'paused');
        return this.lifeline(e);
      case 'resume':
        this.mark(e.node, e.t, 'resume', 'resumed');
        return this.lifeline(e);
      case 'spawn':
        if (!this.spawned.has(e.node)) this.spawned.set(e.node, { role: e.role, t: e.t });
        return;
      case 'partition':
        return this.partition(e.from, e.to, e.direction === 'both', e.t);
      case 'heal':
        return this.heal(e.from, e.to, e.direction === 'both', e.t);
      case 'timer':
        return this.mark(e.node, e.t, 'timer', e.label ? `timer: ${e.label}` : `timer #${e.timerId}`);
      case 'log':
        this.marks.push({ node: e.node, t: e.t, kind: 'log', text: e.text, level: e.level });
        return;
      case 'error':
        return this.mark(
          e.node,
          e.t,
          'error',
          e.where ? `${e.message} (${e.where.file}:${e.where.line})` : e.message,
        );
      default:
        return;
    }
  }

  /** An arrow per journey, at the journey's ledger position (a copy starts at its original's send). */
  private create(j: Journey): void {
    const m = j.message;
    this.arrows.push({
      pos: j.pos,
      id: m.id,
      copy: j.copy,
      from: m.from,
      to: m.to,
      type: m.type,
      body: m.body,
      t0: m.sentAt,
      t1: null,
      fate: null,
    });
  }

  private finish(j: Journey): void {
    const a = this.arrows[j.pos];
    const end = j.end;
    if (!a || !end) return;
    a.t1 = end.t;
    a.fate = end.fate;
    if (end.reason !== undefined) a.reason = end.reason;
    if (end.t - a.t0 > LONG_MS) this.long.push(a.pos);
    if (end.fate === 'delivered') {
      this.latencySum += end.t - a.t0;
      this.latencyN++;
    }
  }

  /** Down and paused spans follow the node's status (one rule with the graph: nodeStatus.ts). */
  private lifeline(e: TraceEvent & { node: NodeId }, why?: string): void {
    const before = this.status.get(e.node) ?? 'up';
    const after = statusAfter(before, e);
    this.status.set(e.node, after);
    // A stop ends a crash's span and begins its own ("stopped"), so the tooltip says which.
    if (isDown(before) && (!isDown(after) || e.kind === 'stop')) this.end(this.openDown, e.node, e.t);
    if (before === 'paused' && after !== 'paused') this.end(this.openPause, e.node, e.t);
    if (isDown(after) && (!isDown(before) || e.kind === 'stop'))
      this.begin(this.openDown, this.down, e.node, e.t, why);
    if (after === 'paused' && before !== 'paused') this.begin(this.openPause, this.paused, e.node, e.t);
  }

  private mark(node: NodeId, t: number, kind: MarkKind, text: string): void {
    this.marks.push({ node, t, kind, text });
  }

  private begin(open: Map<NodeId, Span>, list: Span[], node: NodeId, t: number, why?: string): void {
    if (open.has(node)) return;
    const s: Span = why === undefined ? { node, t0: t, t1: null } : { node, t0: t, t1: null, why };
    open.set(node, s);
    list.push(s);
  }

  private end(open: Map<NodeId, Span>, node: NodeId, t: number): void {
    const s = open.get(node);
    if (!s) return;
    s.t1 = t;
    open.delete(node);
  }

  // A band per unordered pair, in force while either direction is cut; heal-all heals each direction alone.
  private partition(from: NodeId, to: NodeId, both: boolean, t: number): void {
    const key = pairKey(from, to);
    let o = this.openBands.get(key);
    if (!o) {
      const band: Band = { a: from, b: to, t0: t, t1: null, ab: false, ba: false };
      this.bands.push(band);
      o = { band, cut: new Set() };
      this.openBands.set(key, o);
    }
    for (const d of both ? [`${from}>${to}`, `${to}>${from}`] : [`${from}>${to}`]) {
      o.cut.add(d);
      if (d === `${o.band.a}>${o.band.b}`) o.band.ab = true;
      else o.band.ba = true;
    }
  }

  private heal(from: NodeId, to: NodeId, both: boolean, t: number): void {
    const key = pairKey(from, to);
    const o = this.openBands.get(key);
    if (!o) return;
    o.cut.delete(`${from}>${to}`);
    if (both) o.cut.delete(`${to}>${from}`);
    if (o.cut.size > 0) return;
    o.band.t1 = t;
    this.openBands.delete(key);
  }

  /** Arrows that cross [from, to]: sent at or before `to`, and not ended before `from`. */
  arrowsIn(from: number, to: number): Arrow[] {
    const all = this.arrows;
    const lo = firstAtOrAfter(all, from - LONG_MS, (a) => a.t0);
    const hi = firstAtOrAfter(all, to, (a) => a.t0, true);
    const out: Arrow[] = [];
    // Long and open arrows sent before the scan starts may still cross the range.
    for (const pos of this.long) if (pos < lo) this.pick(pos, from, to, out);
    for (const pos of this.ledger.open) if (pos < lo) this.pick(pos, from, to, out);
    for (let i = lo; i < hi; i++) {
      const a = all[i] as Arrow;
      if (a.t1 === null || a.t1 >= from) out.push(a);
    }
    return out;
  }

  private pick(pos: number, from: number, to: number, out: Arrow[]): void {
    const a = this.arrows[pos];
    if (a && a.t0 <= to && (a.t1 === null || a.t1 >= from)) out.push(a);
  }

  /** Marks with from <= t <= to. */
  marksIn(from: number, to: number): Mark[] {
    const lo = firstAtOrAfter(this.marks, from, (m) => m.t);
    const hi = firstAtOrAfter(this.marks, to, (m) => m.t, true);
    return this.marks.slice(lo, hi);
  }
}

/** Build from scratch (tests, and a new run). */
export function buildModel(events: readonly TraceEvent[]): SpaceTimeModel {
  return new SpaceTimeModel().append(events);
}

const pairKey = (a: NodeId, b: NodeId): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
