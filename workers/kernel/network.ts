/**
 * The network model: per directed link latency, loss, duplication, reordering and optional bandwidth, plus
 * partitions. It decides each message's fate; the kernel turns that into trace events and deliveries.
 *
 * route() is the per-message hot path, so: no key string is built unless some override or partition starts at
 * the sender, no PRNG is created for a link that needs no randomness, and no JSON work unless bandwidth is set.
 */
import { finishSeed, mixSeedPart, RandomStream, SEED_HASH_INIT } from './prng';
import { minLatency, sampleLatency, validateLatency } from './latency';
import type { LatencySpec, LinkSpec, Message, NodeId, PartitionDirection } from './protocol';

export const DEFAULT_LINK: LinkSpec = Object.freeze({
  latency: Object.freeze({ kind: 'constant', ms: 5 }) as LatencySpec,
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderMs: 0,
});

/** Where a sent message goes: dropped (with why), or delivered at one or more arrival times (more than one = duplicated). */
export type Route = { dropped: 'loss' | 'partition' } | { dropped?: undefined; arrivals: number[] };

/** Every drop of a kind looks the same, so share one frozen object instead of allocating per message. */
const DROPPED_LOSS: Route = Object.freeze({ dropped: 'loss' });
const DROPPED_PARTITION: Route = Object.freeze({ dropped: 'partition' });

/** Bytes added to every message's body size when bandwidth is limited: ids, addresses, type. */
export const MESSAGE_HEADER_BYTES = 64;

/** A link spec with what route() needs precomputed. */
interface LinkState {
  spec: LinkSpec;
  /** minLatency(spec.latency). */
  min: number;
  /** Whether any decision on this link draws randomness (false: skip creating the message's stream). */
  random: boolean;
}

function linkKey(from: NodeId, to: NodeId): string {
  return `${from}\u0000${to}`;
}

function requireProbability(where: string, field: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${where}: ${field} must be a probability in [0, 1], got ${String(value)}`);
  }
}

/** Throws a readable Error when a link spec makes no sense; `where` names the link in the message. */
export function validateLink(spec: LinkSpec, where = 'link'): void {
  try {
    validateLatency(spec.latency);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  requireProbability(where, 'loss', spec.loss);
  requireProbability(where, 'duplicate', spec.duplicate);
  requireProbability(where, 'reorder', spec.reorder);
  if (typeof spec.reorderMs !== 'number' || !Number.isFinite(spec.reorderMs) || spec.reorderMs < 0) {
    throw new Error(`${where}: reorderMs must be a finite number >= 0, got ${String(spec.reorderMs)}`);
  }
  const bw = spec.bandwidth;
  if (bw !== undefined && (typeof bw !== 'number' || !Number.isFinite(bw) || bw <= 0)) {
    throw new Error(
      `${where}: bandwidth must be a finite number > 0 (bytes per ms) or absent, got ${String(bw)}`,
    );
  }
}

/** `base` with the fields `over` sets; only LinkSpec's own fields are copied (no stray keys from lesson files). */
function mergeLink(base: LinkSpec, over: Partial<LinkSpec>): LinkSpec {
  const merged: LinkSpec = {
    latency: over.latency ?? base.latency,
    loss: over.loss ?? base.loss,
    duplicate: over.duplicate ?? base.duplicate,
    reorder: over.reorder ?? base.reorder,
    reorderMs: over.reorderMs ?? base.reorderMs,
  };
  // An explicit `bandwidth: undefined` in the override lifts the limit.
  const bandwidth = 'bandwidth' in over ? over.bandwidth : base.bandwidth;
  if (bandwidth !== undefined) merged.bandwidth = bandwidth;
  return merged;
}

function stateOf(spec: LinkSpec): LinkState {
  return {
    spec,
    min: minLatency(spec.latency),
    random: spec.loss > 0 || spec.duplicate > 0 || spec.reorder > 0 || spec.latency.kind !== 'constant',
  };
}

function copyLink(spec: LinkSpec): LinkSpec {
  return { ...spec, latency: { ...spec.latency } };
}

export class Network {
  private readonly defaults: LinkState;
  /** Overrides per directed pair. */
  private readonly links = new Map<string, LinkState>();
  /** Senders with at least one override: lets route() skip building a key for everyone else. */
  private readonly overriddenFrom = new Set<NodeId>();
  /** Blocked directed pairs, in the order they were blocked. */
  private readonly blocked = new Map<string, { from: NodeId; to: NodeId }>();
  /** How many blocked pairs start at each sender: lets route() skip building a key for everyone else. */
  private readonly blockedFrom = new Map<NodeId, number>();
  /** When each bandwidth-limited directed link finishes transmitting what it has queued. */
  private readonly busyUntil = new Map<string, number>();
  /** The seed hash state after (seed, 'net'): route() only hashes the message id on top. */
  private readonly netPrefix: number;
  /** One stream object reseeded per message, instead of a new one each time. */
  private readonly rng = new RandomStream(0);
  private lookaheadMs: number;

  constructor(seed: number, defaults?: Partial<LinkSpec>) {
    const spec = mergeLink(DEFAULT_LINK, defaults ?? {});
    validateLink(spec, 'default link');
    this.defaults = stateOf(spec);
    this.lookaheadMs = this.defaults.min;
    this.netPrefix = mixSeedPart(mixSeedPart(SEED_HASH_INIT, seed), 'net');
  }

  /** Override the behaviour of the directed link from -> to (merged over the current spec of that link). */
  setLink(from: NodeId, to: NodeId, spec: Partial<LinkSpec>): void {
    const key = linkKey(from, to);
    const merged = mergeLink((this.links.get(key) ?? this.defaults).spec, spec);
    validateLink(merged, `link ${from} -> ${to}`);
    this.links.set(key, stateOf(copyLink(merged)));
    this.overriddenFrom.add(from);
    // Rare (scenario setup, a fault): recomputing over all links keeps the rule obvious.
    let min = this.defaults.min;
    for (const state of this.links.values()) min = Math.min(min, state.min);
    this.lookaheadMs = min;
  }

  /** The effective spec of a directed link (a copy: changing it changes nothing). */
  link(from: NodeId, to: NodeId): LinkSpec {
    return copyLink(this.stateOf(from, to).spec);
  }

  /** Block from -> to ('both' also blocks to -> from). Idempotent. */
  partition(from: NodeId, to: NodeId, direction: PartitionDirection): void {
    this.block(from, to);
    if (direction === 'both') this.block(to, from);
  }

  heal(from: NodeId, to: NodeId, direction: PartitionDirection): void {
    this.unblock(from, to);
    if (direction === 'both') this.unblock(to, from);
  }

  healAll(): void {
    this.blocked.clear();
    this.blockedFrom.clear();
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blockedFrom.has(from) && this.blocked.has(linkKey(from, to));
  }

  /** Every currently blocked directed pair (for views), in the order they were blocked. */
  blockedPairs(): { from: NodeId; to: NodeId }[] {
    return Array.from(this.blocked.values(), (pair) => ({ from: pair.from, to: pair.to }));
  }

  /** The smallest latency any link can produce right now (defaults and all overrides): the kernel's lookahead window. */
  lookahead(): number {
    return this.lookaheadMs;
  }

  /**
   * Decide the fate of a message sent at `at`. Randomness comes from streamFor(seed, 'net', message.id), so
   * the decision does not depend on processing order. Draws, always in this order when the link needs any:
   * loss, duplicate, then per copy: latency, reorder coin, reorder delay. Drawing a fixed set keeps a message's
   * latency the same whether or not loss is turned on.
   *
   * With `bandwidth`, the link is a FIFO: the message starts transmitting at max(at, busy-until), takes
   * (body JSON length + 64) / bandwidth ms, and each copy arrives at that end + its latency (duplication
   * happens past the bottleneck; lost and partitioned messages never occupy it). That part depends on the
   * order messages are routed in, which the kernel keeps deterministic.
   */
  route(message: Message, at: number): Route {
    const arrivals: number[] = [];
    const dropped = this.routeInto(message, at, arrivals);
    if (dropped === 'loss') return DROPPED_LOSS;
    if (dropped === 'partition') return DROPPED_PARTITION;
    return { arrivals };
  }

  /**
   * route() without allocating (the kernel's hot path): the arrival times replace the contents of `arrivals`
   * (left empty on a drop); returns why the message was dropped, or null.
   */
  routeInto(message: Message, at: number, arrivals: number[]): 'loss' | 'partition' | null {
    arrivals.length = 0;
    const from = message.from;
    const to = message.to;
    let key: string | undefined;
    if (this.blockedFrom.has(from)) {
      key = linkKey(from, to);
      if (this.blocked.has(key)) return 'partition';
    }
    let state = this.defaults;
    if (this.overriddenFrom.has(from)) {
      key ??= linkKey(from, to);
      state = this.links.get(key) ?? this.defaults;
    }
    const spec = state.spec;

    if (!state.random) {
      // Constant latency, nothing probabilistic: no stream needed.
      const start =
        spec.bandwidth === undefined
          ? at
          : this.transmit(key ?? linkKey(from, to), message, at, spec.bandwidth);
      arrivals.push(start + state.min);
      return null;
    }

    const rng = this.rng.reseed(finishSeed(mixSeedPart(this.netPrefix, message.id)));
    const lossDraw = rng.next();
    const duplicateDraw = rng.next();
    if (lossDraw < spec.loss) return 'loss';
    const start =
      spec.bandwidth === undefined
        ? at
        : this.transmit(key ?? linkKey(from, to), message, at, spec.bandwidth);
    arrivals.push(start + this.delay(spec, rng));
    if (duplicateDraw < spec.duplicate) arrivals.push(start + this.delay(spec, rng));
    return null;
  }

  /** One copy's time on the wire: latency plus, with probability `reorder`, a uniform extra in [0, reorderMs). */
  private delay(spec: LinkSpec, rng: RandomStream): number {
    const latency = sampleLatency(spec.latency, rng);
    const coin = rng.next();
    const extra = rng.next() * spec.reorderMs;
    return coin < spec.reorder ? latency + extra : latency;
  }

  /** Queue a message on a bandwidth-limited link; returns when its last byte leaves. */
  private transmit(key: string, message: Message, at: number, bandwidth: number): number {
    const bytes = JSON.stringify(message.body ?? null).length + MESSAGE_HEADER_BYTES;
    const start = Math.max(at, this.busyUntil.get(key) ?? -Infinity);
    const end = start + bytes / bandwidth;
    this.busyUntil.set(key, end);
    return end;
  }

  private stateOf(from: NodeId, to: NodeId): LinkState {
    return this.overriddenFrom.has(from)
      ? (this.links.get(linkKey(from, to)) ?? this.defaults)
      : this.defaults;
  }

  private block(from: NodeId, to: NodeId): void {
    const key = linkKey(from, to);
    if (this.blocked.has(key)) return;
    this.blocked.set(key, { from, to });
    this.blockedFrom.set(from, (this.blockedFrom.get(from) ?? 0) + 1);
  }

  private unblock(from: NodeId, to: NodeId): void {
    if (!this.blocked.delete(linkKey(from, to))) return;
    const left = (this.blockedFrom.get(from) ?? 1) - 1;
    if (left > 0) this.blockedFrom.set(from, left);
    else this.blockedFrom.delete(from);
  }
}
