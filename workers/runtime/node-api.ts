/**
 * The learner-facing node API. This file is the contract: its TSDoc becomes the editor's hover help (it is
 * published as one `.d.ts`, module `@playground/node`), and role code is written against it:
 *
 * ```ts
 * import type { Node } from '@playground/node';
 *
 * export default function server(node: Node) {
 *   node.on('echo', (msg) => node.reply(msg, { text: `Echo: ${msg.body.text}` }));
 * }
 * ```
 *
 * Everything is virtual: time, timers and randomness come from the simulation, so a run replays exactly.
 */
import type { Json, Message, NodeId, PeerInfo, TraceContext } from '../kernel/protocol';

export type { Json, Message, NodeId, PeerInfo, TraceContext };

/** A message whose body is any JSON object: what handlers receive unless you say more. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMessage = Message<any>;

/**
 * A message handler. It may be `async`; the node waits for it (and all it started) to settle. What it
 * returns is otherwise ignored, so a one-liner like `(msg) => node.reply(msg, ...)` is fine. The message is
 * read-only (it is what the trace recorded): copy its body to change it, e.g. `{ ...msg.body, n: 2 }`.
 */
export type Handler = (message: AnyMessage) => unknown;

/** Options for {@link Node.rpc}. */
export interface RpcOptions {
  /** Reject with a timeout error after this many virtual ms. Default: 1000. */
  timeout?: number;
  /** Trace context to carry (distributed tracing). */
  trace?: TraceContext;
}

/** Options for {@link Node.send}. */
export interface SendOptions {
  /** Mark the message as a reply to this message id. */
  inReplyTo?: string;
  /** Trace context to carry (distributed tracing). */
  trace?: TraceContext;
}

/** Options for {@link Node.spawn}. */
export interface SpawnOptions {
  /** Initial storage of the new node. */
  storage?: Record<string, Json>;
}

/** A handle on a timer, to cancel it. */
export interface Timer {
  /** Stop the timer; nothing happens if it already fired. */
  cancel(): void;
}

/** The error an {@link Node.rpc} rejects with when no reply came in time. */
export interface RpcTimeoutError extends Error {
  name: 'RpcTimeoutError';
  /** The node that did not answer. */
  to: NodeId;
  /** The request's message type. */
  type: string;
}

/** A key-value store that survives a crash and restart of this node (memory does not). Values are JSON. */
export interface Storage {
  /** The stored value, or `undefined`. */
  get<T extends Json = Json>(key: string): T | undefined;
  /** Store a value (a copy of it). */
  set(key: string, value: Json): void;
  /** Remove a key. */
  delete(key: string): void;
  /** All keys, in insertion order. */
  keys(): string[];
}

/**
 * One simulated node. Your role's default export receives it once when the node starts (and again, fresh,
 * after every restart: memory is lost, `storage` is kept).
 */
export interface Node {
  /** This node's name, e.g. `server` or `client-2`. */
  readonly id: NodeId;
  /** This node's role, e.g. `server`. */
  readonly role: string;
  /**
   * The other nodes this node knows of, optionally only those of one role, sorted by id.
   * @example const [server] = node.peers('server');
   */
  peers(role?: string): NodeId[];

  /**
   * Handle every message of one type. One handler per type; a later `on` replaces it.
   * @example node.on('echo', (msg) => node.reply(msg, { text: msg.body.text }));
   */
  on(type: string, handler: Handler): void;
  /**
   * Send a message; returns its id. Fire and forget: the network may delay, drop or duplicate it.
   * The body is JSON, at most 64 KB of it (as JSON text; the same for `rpc` and `reply`): a bigger body, or
   * one holding a function, a Map, a class instance or a cycle, throws here, at your line.
   */
  send(to: NodeId, type: string, body?: Json, options?: SendOptions): string;
  /**
   * Send a request and wait for the reply (a message whose `inReplyTo` is the request's id).
   * Rejects with an {@link RpcTimeoutError} after `options.timeout` virtual ms (default 1000).
   * @example const reply = await node.rpc('server', 'echo', { text: 'hi' }, { timeout: 500 });
   */
  rpc(to: NodeId, type: string, body?: Json, options?: RpcOptions): Promise<AnyMessage>;
  /**
   * Answer a request: sends `<type>_ok` (or `type` when given) back to its sender, with `inReplyTo` set.
   * @example node.reply(msg, { text: `Echo: ${msg.body.text}` });
   */
  reply(request: AnyMessage, body?: Json, type?: string): string;

  /** Run `fn` once after `ms` virtual ms. */
  setTimer(ms: number, fn: () => unknown, label?: string): Timer;
  /** Run `fn` every `ms` virtual ms, first after `ms`. */
  every(ms: number, fn: () => unknown, label?: string): Timer;
  /** A promise that resolves after `ms` virtual ms. */
  sleep(ms: number): Promise<void>;
  /**
   * This node's wall clock: virtual ms since the run began, plus this node's clock skew. Like a real
   * machine's clock it can be wrong, and a skew fault can move it forwards or backwards at any moment: use it
   * for timestamps you show or exchange, never to measure how long something took.
   */
  now(): number;
  /**
   * This node's monotonic clock: virtual ms since this node (this life of it) started. Skew never moves it
   * and it never goes back, so it is the clock for leases, timeouts and measuring durations, as
   * `performance.now()` is on a real machine (in role code `performance.now()` is this clock). Its origin is
   * the node's boot: compare readings of one node within one life only (a restart starts it again at 0).
   * @example const started = node.monotonic(); await node.rpc('lock', 'acquire'); const took = node.monotonic() - started;
   */
  monotonic(): number;
  /** A number in [0, 1) from this node's seeded stream. `Math.random()` in role code is the same stream. */
  random(): number;

  /** Log a line (shown in the console and the node inspector). */
  log(...parts: unknown[]): void;
  /** Log a warning. */
  warn(...parts: unknown[]): void;
  /**
   * A plain object shown live in the inspector. Mutate it freely; it is captured after every event.
   * It lives in memory: a crash loses it.
   */
  state: Record<string, Json>;
  /** Record a number on a named chart, e.g. `node.metric('queue_length', q.length)`. */
  metric(name: string, value: number): void;
  /** Storage that survives crash and restart. */
  readonly storage: Storage;

  /**
   * Start a new node of `role` (the factory pattern, autoscaling). Returns its id at once; it boots
   * at the end of the current step and then appears in everyone's `peers()`.
   */
  spawn(role: string, options?: SpawnOptions): NodeId;
  /** Stop a node for good (it may be this node). */
  stop(id: NodeId): void;
}

/** What a role file exports by default. */
export type Role = (node: Node) => void | Promise<void>;
