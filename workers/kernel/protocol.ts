/**
 * The one wire protocol, typed once: what the kernel, the node runtime, the hosts, the checkers and the views
 * say to each other. Everything here is plain data (structured-clone and JSON safe) so it crosses Worker
 * boundaries unchanged and hashes the same in Node and in the browser.
 *
 * Vocabulary (Maelstrom's): a message has `from`, `to`, `type`, `body`, and `inReplyTo` when it answers another.
 */

/** A node's name, unique in a run: `server`, `client-2`, `factory/worker-1`. */
export type NodeId = string;

/** A message's id: `<sender>#<n>`, counted by the sender, so ids never depend on other nodes' timing. */
export type MessageId = string;

/** Any JSON value: message bodies, node state and storage values are JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Trace context carried by a message, for the distributed-tracing lessons. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** A message on the simulated network. */
export interface Message<Body = Json> {
  id: MessageId;
  from: NodeId;
  to: NodeId;
  /** Lowercase message type, e.g. `echo`, `echo_ok`. */
  type: string;
  body: Body;
  /** Set on replies: the id of the request this message answers. */
  inReplyTo?: MessageId;
  trace?: TraceContext;
  /** Virtual time (ms) the sender sent it. */
  sentAt: number;
}

/**
 * The order of a message's fields as the runtime builds it (incarnation.ts) and the trace's JSON has it: the
 * six always there, then `inReplyTo` and `trace` when set. The trace columns and the wire codec carry a
 * message compactly only when it is exactly in this shape; anything else travels as the object it is.
 */
export const MESSAGE_KEYS = ['id', 'from', 'to', 'type', 'body', 'sentAt', 'inReplyTo', 'trace'] as const;
/** How many of {@link MESSAGE_KEYS} every message has. */
export const MESSAGE_REQUIRED_KEYS = 6;

/** What a node knows of one other node. */
export interface PeerInfo {
  id: NodeId;
  role: string;
}

// ---------------------------------------------------------------------------------------------------------
// Kernel -> node: one batch per node per window.
// ---------------------------------------------------------------------------------------------------------

/** An event the kernel hands a node. Within a batch, events are sorted by `at`. */
export type InboundEvent =
  | { kind: 'deliver'; at: number; message: Message }
  /** The set of nodes changed (spawn, stop): `peers` is the whole new list, this node excluded. */
  | { kind: 'membership'; at: number; peers: PeerInfo[] };

/** Boot instructions: start a node's role code (fresh memory), with the storage that survived. */
export interface NodeBoot {
  role: string;
  /** Position of the node in the run (creation order); used for deterministic merge order. */
  index: number;
  /** The node's PRNG seed (already mixed from run seed, node id and incarnation). */
  seed: number;
  /** 0 for the first start, then +1 for every restart. */
  incarnation: number;
  storage: Record<string, Json>;
  peers: PeerInfo[];
}

/**
 * One window of work for one node: handle `events` and every own timer due before `until`, in time order.
 * Messages a node sends inside [from, until) cannot arrive before `until` (the window is no longer than the
 * network's minimum latency), which is what lets all nodes of a window run in parallel.
 */
export interface NodeBatch {
  node: NodeId;
  from: number;
  /** Exclusive end of the window (virtual ms). */
  until: number;
  /** Offset (ms) added to `now()` on this node: clock skew. */
  clockOffset: number;
  /** Present when the node (re)starts at `from`: run its role's main function first. */
  boot?: NodeBoot;
  events: InboundEvent[];
}

// ---------------------------------------------------------------------------------------------------------
// Node -> kernel: effects, in the node's own order.
// ---------------------------------------------------------------------------------------------------------

/** Where in the learner's code something happened. `file` is the role file, e.g. `roles/server.ts`. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Something a node did. Most effects are already the trace events they become (`t` is the node's virtual
 * time, `node` the node itself, same fields in the same order), so the kernel appends them as they are: no
 * second object per send or delivery. `deliver` is made when the node starts handling the message.
 * `spawn` and `stop` are requests instead: the kernel checks them and records its own `spawn`/`stop` events.
 */
export type Effect =
  | Extract<
      TraceEvent,
      { kind: 'send' | 'deliver' | 'timer' | 'log' | 'state' | 'metric' | 'storage' | 'error' }
    >
  | { t: number; kind: 'spawn'; node: NodeId; id: NodeId; role: string; storage?: Record<string, Json> }
  | { t: number; kind: 'stop'; node: NodeId; id: NodeId };

/** A node's answer to one batch. */
export interface NodeOutput {
  node: NodeId;
  effects: Effect[];
  /** Earliest pending timer (virtual ms), or null when the node has none. */
  nextTimerAt: number | null;
  /** Set when the node cannot go on (its code failed to load, or it blew its budget): the kernel crashes it. */
  fatal?: { reason: string; where?: SourceLocation };
}

// ---------------------------------------------------------------------------------------------------------
// The trace: the single source of truth. Every view and checker is a fold over it.
// ---------------------------------------------------------------------------------------------------------

export type DropReason = 'loss' | 'partition' | 'crashed' | 'stopped' | 'unknown-node';

export type PartitionDirection = 'both' | 'one-way';

/** Fields every trace event has. `t` is virtual ms; `node` is the node it concerns, if any. */
interface TraceBase {
  t: number;
}

export type TraceEvent =
  | (TraceBase & { kind: 'send'; node: NodeId; message: Message })
  | (TraceBase & { kind: 'deliver'; node: NodeId; messageId: MessageId; from: NodeId; type: string })
  | (TraceBase & {
      kind: 'drop';
      node: NodeId;
      messageId: MessageId;
      from: NodeId;
      to: NodeId;
      type: string;
      reason: DropReason;
    })
  /** The network made an extra copy of a message; both copies carry the same message id. */
  | (TraceBase & { kind: 'duplicate'; node: NodeId; messageId: MessageId; to: NodeId })
  | (TraceBase & { kind: 'timer'; node: NodeId; timerId: number; label?: string })
  | (TraceBase & { kind: 'crash'; node: NodeId; reason: string })
  | (TraceBase & { kind: 'restart'; node: NodeId; incarnation: number })
  | (TraceBase & { kind: 'pause'; node: NodeId })
  | (TraceBase & { kind: 'resume'; node: NodeId })
  | (TraceBase & { kind: 'spawn'; node: NodeId; role: string; parent?: NodeId })
  | (TraceBase & { kind: 'stop'; node: NodeId; by?: NodeId })
  | (TraceBase & { kind: 'skew'; node: NodeId; offsetMs: number })
  | (TraceBase & { kind: 'partition'; from: NodeId; to: NodeId; direction: PartitionDirection })
  | (TraceBase & { kind: 'heal'; from: NodeId; to: NodeId; direction: PartitionDirection })
  | (TraceBase & { kind: 'link'; from: NodeId; to: NodeId; spec: Partial<LinkSpec> })
  | (TraceBase & { kind: 'log'; node: NodeId; level: LogLevel; text: string })
  | (TraceBase & { kind: 'state'; node: NodeId; state: Json })
  | (TraceBase & { kind: 'metric'; node: NodeId; name: string; value: number })
  | (TraceBase & { kind: 'storage'; node: NodeId; key: string; value: Json | undefined })
  | (TraceBase & { kind: 'error'; node: NodeId; message: string; where?: SourceLocation; stack?: string })
  /** At t=0, when the scenario has a nemesis: the faults it drew for this seed (they then happen as usual). */
  | (TraceBase & { kind: 'nemesis'; faults: FaultSpec[] });

export type TraceKind = TraceEvent['kind'];

// ---------------------------------------------------------------------------------------------------------
// Network and fault vocabulary, shared by the kernel, scenarios and the UI.
// ---------------------------------------------------------------------------------------------------------

/** A latency distribution in virtual ms. Every sample is at least `min` (default 1 ms, never below 0.1 ms). */
export type LatencySpec =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; stddev: number; min?: number }
  /** `min` plus an exponential delay of mean `mean` (so samples average `min + mean`). */
  | { kind: 'exponential'; mean: number; min?: number }
  /** Mostly `median`, sometimes far slower: log-normal with the given 99th percentile. */
  | { kind: 'long-tail'; median: number; p99: number; min?: number };

/** How one directed link behaves. Probabilities are in [0, 1]. */
export interface LinkSpec {
  latency: LatencySpec;
  /** Probability a message is lost. */
  loss: number;
  /** Probability a message is delivered twice. */
  duplicate: number;
  /** Probability a message is held back by an extra uniform delay in [0, reorderMs), overtaking order. */
  reorder: number;
  reorderMs: number;
  /** Bytes per virtual ms; messages queue behind each other on the link. Absent means unlimited. */
  bandwidth?: number;
}

/** A fault at a virtual time. Node names may also be a role name (meaning every node of that role). */
export type FaultSpec =
  | { at: number; kind: 'crash'; node: string }
  | { at: number; kind: 'restart'; node: string }
  | { at: number; kind: 'pause'; node: string }
  | { at: number; kind: 'resume'; node: string }
  | { at: number; kind: 'skew'; node: string; offsetMs: number }
  /** Block `from` -> `to` (and `to` -> `from` unless one-way). */
  | { at: number; kind: 'partition'; from: string; to: string; direction?: PartitionDirection }
  | { at: number; kind: 'heal'; from: string; to: string; direction?: PartitionDirection }
  /** Cut the nodes into groups that cannot reach each other. */
  | { at: number; kind: 'split'; groups: string[][] }
  /** Heal every partition. */
  | { at: number; kind: 'heal-all' }
  /** Change a link's behaviour (slow, flaky): both directions unless `direction` is one-way. */
  | {
      at: number;
      kind: 'link';
      from: string;
      to: string;
      spec: Partial<LinkSpec>;
      direction?: PartitionDirection;
    };

export type FaultKind = FaultSpec['kind'];

// ---------------------------------------------------------------------------------------------------------
// The host seam: where node runtimes live. Three calls, two implementations (in-process for Node and tests,
// one Web Worker per node in the browser). The kernel only ever talks to this interface.
// ---------------------------------------------------------------------------------------------------------

/** The code of one role, as the learner wrote it (TypeScript). */
export interface RoleSource {
  role: string;
  /** Path shown in errors, e.g. `roles/server.ts`. */
  file: string;
  source: string;
}

/** Why a role's code could not be loaded: a syntax error, with where. */
export interface LoadError {
  role: string;
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface NodeHost {
  /** Compile every role's code. Resolves with the errors (empty when all compiled). Nothing runs yet. */
  load(roles: RoleSource[]): Promise<LoadError[]>;
  /**
   * Hand each node its batch for one window and collect their outputs, one per batch in the same order.
   * Nodes of one window may run in parallel; the result must not depend on which finished first.
   */
  deliver(batches: NodeBatch[]): Promise<NodeOutput[]>;
  /** Forget these nodes' memory (crash or stop). A later batch with `boot` starts them afresh. */
  stop(nodes: NodeId[]): Promise<void>;
  /** Release everything (Workers, ports). */
  dispose(): Promise<void>;
}
