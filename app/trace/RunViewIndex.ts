/**
 * The run at any virtual time, fast: the trace arrives in chunks (`append`), and `at(t)` answers without
 * refolding from zero. Overwritten state is snapshotted every `snapshotEvery` events; append-only state
 * (logs, errors, metrics, journeys) is stored once with trace indices and cut by binary search. Forward
 * playback continues from the previous answer, so a frame folds only the events since the last frame.
 */
import type { NodeView, TraceChunk } from '../../workers/host/control-api';
import type { NodeId, TraceEvent } from '../../workers/kernel/protocol';
import { applyEvent, cloneFold, emptyFold, type FoldNode, type FoldState } from './fold';
import { assembleNodes, Directory, nodeView } from './directory';
import { JourneyLedger, toFlying, visibleAt } from './journeys';
import { countBefore, countUpTo } from './search';
import { Series, SeriesLog } from './series';
import { TypeOrder } from './typeOrder';
import { DEFAULT_FADE_MS, type NodeViewState, type RunView } from './types';

interface Snapshot {
  /** The fold of events [0, index). */
  index: number;
  fold: FoldState;
  /** Ledger positions of the journeys still open at `index`, ascending. */
  open: number[];
}

export class RunViewIndex {
  private readonly events: TraceEvent[] = [];
  private readonly dir: Directory;
  private readonly head = emptyFold();
  private readonly ledger = new JourneyLedger();
  private readonly snapshots: Snapshot[] = [{ index: 0, fold: emptyFold(), open: [] }];
  private readonly spawned = new Set<NodeId>();
  private readonly series = new Map<NodeId, Series>();
  private readonly logs = new SeriesLog<RunView['logs'][number]>();
  private readonly errors = new SeriesLog<RunView['errors'][number]>();
  private readonly types = new TypeOrder();
  /** The last fold answered, continued when the cursor moves forward. */
  private cursor: { index: number; fold: FoldState } | undefined;
  private readonly nodeCache = new Map<NodeId, { key: string; view: NodeViewState }>();
  private last: { t: number; fadeMs: number; length: number; dir: number; view: RunView } | undefined;

  constructor(
    nodes: readonly NodeView[] = [],
    readonly snapshotEvery = 500,
  ) {
    this.dir = new Directory(nodes);
  }

  /** Events ingested so far. */
  get length(): number {
    return this.events.length;
  }

  /** Virtual time of the last event ingested (0 when empty). */
  get lastT(): number {
    return this.events[this.events.length - 1]?.t ?? 0;
  }

  /** The events ingested so far (read-only: the timeline draws from it). */
  get trace(): readonly TraceEvent[] {
    return this.events;
  }

  setNodes(nodes: readonly NodeView[]): void {
    this.dir.set(nodes);
  }

  /** Ingest a kernel chunk; tolerates a chunk that overlaps what we have (re-sent after a retry). */
  appendChunk(chunk: TraceChunk): void {
    const skip = this.events.length - chunk.from;
    if (skip < 0)
      throw new Error(`trace gap: have ${this.events.length} events, chunk starts at ${chunk.from}`);
    this.append(skip === 0 ? chunk.events : chunk.events.slice(skip));
    this.setNodes(chunk.nodes);
  }

  /** Ingest events in trace order (virtual time never decreases). */
  append(events: readonly TraceEvent[]): this {
    for (const e of events) {
      const i = this.events.length;
      if (i > 0 && i % this.snapshotEvery === 0) {
        this.snapshots.push({ index: i, fold: cloneFold(this.head), open: Array.from(this.ledger.open) });
      }
      this.events.push(e);
      applyEvent(this.head, e, i, this.dir, this.dir.size + this.head.nodes.size);
      this.ledger.add(e, i);
      this.types.add(e, i);
      this.record(e, i);
    }
    return this;
  }

  private record(e: TraceEvent, i: number): void {
    switch (e.kind) {
      case 'spawn':
        this.spawned.add(e.node);
        return;
      case 'log':
        this.seriesOf(e.node).logs.push(i, { t: e.t, level: e.level, text: e.text });
        this.logs.push(i, { t: e.t, node: e.node, level: e.level, text: e.text });
        return;
      case 'error': {
        const err = e.where ? { t: e.t, message: e.message, where: e.where } : { t: e.t, message: e.message };
        this.seriesOf(e.node).errors.push(i, err);
        this.errors.push(i, { ...err, node: e.node });
        return;
      }
      case 'metric':
        this.seriesOf(e.node).metric(e.name).push(i, { t: e.t, value: e.value });
        return;
      default:
        return;
    }
  }

  private seriesOf(id: NodeId): Series {
    let s = this.series.get(id);
    if (!s) this.series.set(id, (s = new Series()));
    return s;
  }

  /** The run at virtual time t. Same t and trace: the same object, so React can skip work. */
  at(t: number, fadeMs: number = DEFAULT_FADE_MS): RunView {
    const l = this.last;
    if (
      l &&
      l.t === t &&
      l.fadeMs === fadeMs &&
      l.length === this.events.length &&
      l.dir === this.dir.version
    ) {
      return l.view;
    }
    const cut = countUpTo(this.events, t);
    const fold = this.foldAt(cut);
    const view: RunView = {
      t,
      nodes: assembleNodes(fold, this.dir, this.spawned, (id, n) => this.nodeAt(id, n, cut)),
      messages: this.messagesAt(t, cut, fadeMs),
      // The fold replaces these entries rather than mutating them (fold.ts), so they are handed out as they
      // are: copying thousands of traffic pairs every frame was a share of each frame's garbage.
      blocked: Array.from(fold.blocked.values()),
      links: Array.from(fold.links.values()),
      traffic: Array.from(fold.traffic.values()),
      messageTypes: this.types.upTo(cut),
      eventIndex: cut,
      logs: this.logs.upTo(cut),
      errors: this.errors.upTo(cut),
    };
    this.last = { t, fadeMs, length: this.events.length, dir: this.dir.version, view };
    return view;
  }

  /** The fold of events [0, cut): from the cursor if it is on the way, else from the nearest snapshot. */
  private foldAt(cut: number): FoldState {
    const snap = this.snapshotBefore(cut);
    const c = this.cursor;
    let fold: FoldState;
    let from: number;
    if (c && c.index <= cut && c.index >= snap.index) {
      fold = c.fold;
      from = c.index;
    } else {
      fold = cloneFold(snap.fold);
      from = snap.index;
    }
    for (let i = from; i < cut; i++) {
      applyEvent(fold, this.events[i] as TraceEvent, i, this.dir, this.dir.size + fold.nodes.size);
    }
    this.cursor = { index: cut, fold };
    return fold;
  }

  private snapshotBefore(index: number): Snapshot {
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.snapshots[mid] as Snapshot).index <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.snapshots[lo] as Snapshot;
  }

  /**
   * Journeys drawn at t: those open at a snapshot before the fade window, plus those created since. Any
   * journey that ends inside the window ended after that snapshot, so it is in one of the two lists.
   */
  private messagesAt(t: number, cut: number, fadeMs: number): RunView['messages'] {
    const snap = this.snapshotBefore(Math.min(cut, countBefore(this.events, t - fadeMs)));
    const all = this.ledger.all;
    const out: RunView['messages'] = [];
    for (const pos of snap.open) {
      const j = all[pos];
      if (j && visibleAt(j, t, cut, fadeMs)) out.push(toFlying(j, t));
    }
    for (let pos = this.firstJourneyFrom(snap.index); pos < all.length; pos++) {
      const j = all[pos];
      if (!j || j.created >= cut) break;
      if (visibleAt(j, t, cut, fadeMs)) out.push(toFlying(j, t));
    }
    return out;
  }

  /** Ledger position of the first journey created at trace index >= index (journeys are in trace order). */
  private firstJourneyFrom(index: number): number {
    const all = this.ledger.all;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((all[mid] as { created: number }).created < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A node's view, reused while nothing about the node changed (same object: memoised views skip it). */
  private nodeAt(id: NodeId, n: FoldNode, cut: number): NodeViewState {
    const key = `${n.last}|${this.dir.version}`;
    const hit = this.nodeCache.get(id);
    if (hit && hit.key === key) return hit.view;
    const s = this.series.get(id);
    const view = nodeView(n, this.dir, s ? s.upTo(cut) : { logs: [], errors: [], metrics: {} });
    this.nodeCache.set(id, { key, view });
    return view;
  }
}
