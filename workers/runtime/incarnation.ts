/**
 * One life of a node: everything a boot creates and a crash loses (handlers, timers, pending rpcs, state,
 * the PRNG position), plus the `Node` object learner code receives. NodeRuntime drives it event by event;
 * this file is the API's semantics.
 *
 * Every effect is stamped with `time`, the node's current virtual time (without skew). It moves only at
 * event boundaries, so code that runs in a microtask or after tracked async work is stamped with the time
 * of the event whose processing it belongs to.
 */
import type { Effect, Json, Message, MessageId, NodeBoot, NodeId, PeerInfo } from '../kernel/protocol';
import { RandomStream } from '../kernel/prng';
import type { CompiledRole, RoleGlobals } from './role-module';
import { locateError, shortStack } from './role-module';
import { makeRoleGlobals } from './node-globals';
import type { AnyMessage, Handler, Node, RpcOptions, SendOptions, SpawnOptions, Timer } from './node-api';
import { RpcTimeoutError, rpcPromise } from './rpc';
import { NodeStorage } from './storage';
import { isEmptyBody } from '../kernel/effect-shape';
import { describeError, formatParts, freezeMessage, replyTypeOf, snapshot } from './format';
import type { TimerEntry } from './timers';
import { TimerQueue } from './timers';
import {
  arrayPush,
  freeze,
  isFrozen,
  jsonParse,
  jsonStringify,
  mapDelete,
  mapGet,
  mapSet,
  reflectApply,
  setAdd,
  setDelete,
} from './intrinsics';

const DEFAULT_RPC_TIMEOUT = 1000;
/** Replies that come after their rpc timed out are dropped quietly; remember that many such rpc ids. */
const TIMED_OUT_MEMORY = 4096;

interface PendingRpc {
  resolve: (message: AnyMessage) => void;
  timeout: TimerEntry;
}

export class Incarnation {
  /** The object role code receives. */
  readonly node: Node;
  readonly globals: RoleGlobals;
  readonly timers = new TimerQueue();
  /** Virtual time of the event being handled (no skew). */
  time: number;
  /** Virtual time this incarnation booted: the origin of its monotonic clock. */
  private readonly bootTime: number;
  clockOffset = 0;
  /** Where effects go: the current batch's list (NodeRuntime swaps it per batch). */
  effects: Effect[] = [];
  /** Set when handling settled a runtime promise (rpc reply or timeout, sleep): continuations must run. */
  settled = false;
  /** Tracked async work in flight (Web Crypto). */
  asyncPending = 0;

  private readonly handlers = new Map<string, Handler>();
  private readonly pendingRpcs = new Map<MessageId, PendingRpc>();
  private readonly timedOut = new Set<MessageId>();
  private readonly userTimers = new Map<number, TimerEntry>();
  private readonly spawned = new Map<string, number>();
  private readonly stream: RandomStream;
  private readonly storage: NodeStorage;
  private readonly msgPrefix: string;
  private readonly spawnInfix: string;
  private asyncChain: Promise<unknown> = Promise.resolve();
  private messages = 0;
  private timerIds = 0;
  private peerList: PeerInfo[] = [];
  private state: Record<string, Json> = {};
  private lastState: string | undefined;
  /** The object whose JSON is `lastState` (for captureState's fast path). */
  private lastStateObject: unknown;
  private lastStateError: string | undefined;

  constructor(
    readonly id: NodeId,
    private readonly role: CompiledRole,
    boot: NodeBoot,
    time: number,
  ) {
    this.time = time;
    this.bootTime = time;
    this.stream = new RandomStream(boot.seed);
    // Ids stay unique across restarts: the incarnation is part of them once there was one.
    this.msgPrefix = boot.incarnation > 0 ? `${id}#${boot.incarnation}.` : `${id}#`;
    this.spawnInfix = boot.incarnation > 0 ? `${boot.incarnation}.` : '';
    this.storage = new NodeStorage(boot.storage, (key, value) =>
      arrayPush(this.effects, { t: this.time, kind: 'storage', node: this.id, key, value }),
    );
    this.setPeers(boot.peers);
    this.globals = makeRoleGlobals({
      now: () => this.time + this.clockOffset,
      monotonic: () => this.time - this.bootTime,
      random: () => this.stream.next(),
      startTimer: (ms, fn, repeat, label) => this.startTimer(ms, fn, repeat, label).id,
      clearTimer: (id) => this.clearTimer(id),
      track: (p) => this.track(p),
    });
    this.node = this.makeNode(boot.role);
  }

  // -------------------------------------------------------------------------------------------------------
  // Driven by NodeRuntime.
  // -------------------------------------------------------------------------------------------------------

  /** A message arrives. Returns true when learner code returned a thenable. */
  deliver(message: Message): boolean {
    // Sent messages are frozen already in-process; a Worker's structured-clone copy is not (yet).
    if (!isFrozen(message)) freezeMessage(message);
    arrayPush(this.effects, {
      t: this.time,
      kind: 'deliver',
      node: this.id,
      messageId: message.id,
      from: message.from,
      type: message.type,
    });
    const inReplyTo = message.inReplyTo;
    if (inReplyTo !== undefined && this.pendingRpcs.size > 0) {
      const rpc = mapGet(this.pendingRpcs, inReplyTo);
      if (rpc) {
        mapDelete(this.pendingRpcs, inReplyTo);
        this.timers.cancel(rpc.timeout);
        this.settled = true;
        rpc.resolve(message);
        return false;
      }
    }
    const handler = mapGet(this.handlers, message.type);
    if (handler) return this.invoke(handler, message);
    if (inReplyTo !== undefined && setDelete(this.timedOut, inReplyTo)) return false; // late reply: quietly dropped
    this.log('warn', `no handler for '${message.type}' (from ${message.from})`);
    return false;
  }

  /** A timer is due; `time` is when it fires. Returns true when learner code returned a thenable. */
  fire(entry: TimerEntry): boolean {
    this.timers.take();
    if (entry.interval > 0) this.timers.requeue(entry, this.time + entry.interval);
    else if (entry.kind === 'user') mapDelete(this.userTimers, entry.id);
    if (entry.kind === 'internal') {
      entry.fn();
      return false;
    }
    const effect: Effect = { t: this.time, kind: 'timer', node: this.id, timerId: entry.id };
    if (entry.label !== undefined) effect.label = entry.label;
    arrayPush(this.effects, effect);
    return this.invoke(entry.fn, undefined);
  }

  setPeers(peers: PeerInfo[]): void {
    this.peerList = peers
      .filter((p) => p.id !== this.id)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Call learner code; report what it throws or its returned promise rejects with. */
  invoke<A>(fn: (arg: A) => unknown, arg: A): boolean {
    try {
      const result = fn(arg);
      if (result === undefined || result === null) return false;
      const then = (result as { then?: unknown }).then;
      if (typeof then !== 'function') return false;
      reflectApply(then, result, [undefined, (err: unknown) => this.reportError(err)]);
      return true;
    } catch (err) {
      this.reportError(err);
      return false;
    }
  }

  /** Emit a `state` effect if `node.state` changed since the last one (the string is the cheap comparison). */
  captureState(): void {
    // Fast path, exact: the object last reported as `{}` still has no keys and nothing that JSON would call.
    if (this.lastState === '{}' && this.state === this.lastStateObject && isEmptyBody(this.state)) return;
    let json: string;
    try {
      json = (jsonStringify(this.state) as string | undefined) ?? 'null';
    } catch (err) {
      const message = `node.state is not JSON: ${(err as Error).message}`;
      if (message !== this.lastStateError) this.log('error', message);
      this.lastStateError = message;
      return;
    }
    this.lastStateError = undefined;
    if (json === this.lastState) return;
    this.lastState = json;
    this.lastStateObject = this.state;
    arrayPush(this.effects, { t: this.time, kind: 'state', node: this.id, state: jsonParse(json) as Json });
  }

  reportError(err: unknown, prefix = ''): void {
    const message = prefix + describeError(err);
    const effect: Effect = { t: this.time, kind: 'error', node: this.id, message };
    const where = locateError(err, this.role.file);
    if (where) effect.where = where;
    const stack = shortStack(err, this.role.file);
    if (stack) effect.stack = stack;
    arrayPush(this.effects, effect);
  }

  log(level: 'info' | 'warn' | 'error', text: string): void {
    arrayPush(this.effects, { t: this.time, kind: 'log', node: this.id, level, text });
  }

  // -------------------------------------------------------------------------------------------------------
  // The API's semantics.
  // -------------------------------------------------------------------------------------------------------

  /** node.reply: the default type is `${request.type}_ok`. Reads `request` in the order it always did. */
  reply(request: AnyMessage, body: Json | undefined, type: string | undefined): string {
    const to = request.from;
    return this.send(to, type ?? replyTypeOf(request.type), body, undefined, request.id);
  }

  send(
    to: NodeId,
    type: string,
    body: Json | undefined,
    options: SendOptions | undefined,
    inReplyTo?: MessageId,
  ): string {
    const id = this.msgPrefix + ++this.messages;
    const dest = String(to);
    const kind = String(type);
    const copy = snapshot(body);
    const replyTo = inReplyTo !== undefined ? inReplyTo : options?.inReplyTo;
    // A reply is one literal with `inReplyTo` (adding it afterwards would cost each reply a second object, the
    // out-of-object property store). Field order is what the trace's JSON has always had.
    const message: Message =
      replyTo === undefined
        ? { id, from: this.id, to: dest, type: kind, body: copy, sentAt: this.time }
        : { id, from: this.id, to: dest, type: kind, body: copy, sentAt: this.time, inReplyTo: replyTo };
    if (options?.trace !== undefined) message.trace = snapshot(options.trace as unknown as Json) as never;
    // The body and trace copies are frozen already; only an `inReplyTo` that is not a string needs the walk.
    if (typeof replyTo === 'object' && replyTo !== null) freezeMessage(message);
    else freeze(message);
    arrayPush(this.effects, { t: this.time, kind: 'send', node: this.id, message });
    return id;
  }

  rpc(
    to: NodeId,
    type: string,
    body: Json | undefined,
    options: RpcOptions | undefined,
  ): Promise<AnyMessage> {
    const timeoutMs = options?.timeout ?? DEFAULT_RPC_TIMEOUT;
    const id = this.send(to, type, body, options?.trace ? { trace: options.trace } : undefined);
    const { promise, resolve, reject } = rpcPromise<AnyMessage>((reason, root) => {
      if (root) this.log('warn', `${describeError(reason, false)} (nobody awaited it)`);
      else this.reportError(reason);
    });
    const timeout = this.timers.add(
      this.time + Math.max(0, Number(timeoutMs) || 0),
      () => {
        mapDelete(this.pendingRpcs, id);
        setAdd(this.timedOut, id);
        if (this.timedOut.size > TIMED_OUT_MEMORY)
          setDelete(this.timedOut, this.timedOut.values().next().value as string);
        this.settled = true;
        reject(new RpcTimeoutError(String(to), String(type), timeoutMs));
      },
      'internal',
      0,
    );
    mapSet(this.pendingRpcs, id, { resolve, timeout });
    return promise;
  }

  startTimer(ms: number, fn: () => unknown, repeat: boolean, label: string | undefined): TimerEntry {
    if (typeof fn !== 'function') throw new TypeError('a timer needs a function');
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    if (repeat && delay <= 0) throw new RangeError('every(ms): ms must be > 0');
    const id = ++this.timerIds;
    const entry = this.timers.add(this.time + delay, fn, 'user', id, repeat ? delay : 0, label);
    mapSet(this.userTimers, id, entry);
    return entry;
  }

  clearTimer(id: number): void {
    const entry = mapGet(this.userTimers, id);
    if (!entry) return;
    mapDelete(this.userTimers, id);
    this.timers.cancel(entry);
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      this.timers.add(
        this.time + delay,
        () => {
          this.settled = true;
          resolve();
        },
        'internal',
        0,
      );
    });
  }

  /**
   * Track real async work (Web Crypto). Results are handed to role code in the order the calls were made,
   * whatever order the platform finishes them in: each result waits for the previous one.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.asyncPending++;
    const inOrder = this.asyncChain.then(() => work);
    const done = (): void => {
      this.asyncPending--;
    };
    this.asyncChain = inOrder.then(done, done);
    return inOrder;
  }

  private makeNode(role: string): Node {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const node: Node = {
      id: this.id,
      role,
      peers: (r?: string) => {
        const list = r === undefined ? self.peerList : self.peerList.filter((p) => p.role === r);
        return list.map((p) => p.id);
      },
      on: (type: string, handler: Handler) => {
        if (typeof handler !== 'function')
          throw new TypeError(`node.on('${type}', handler): handler must be a function`);
        mapSet(self.handlers, String(type), handler);
      },
      send: (to, type, body, options) => self.send(to, type, body, options),
      rpc: (to, type, body, options) => self.rpc(to, type, body, options),
      reply: (request, body, type) => self.reply(request, body, type),
      setTimer: (ms, fn, label) => self.handle(self.startTimer(ms, fn, false, label)),
      every: (ms, fn, label) => self.handle(self.startTimer(ms, fn, true, label)),
      sleep: (ms) => self.sleep(ms),
      now: () => self.time + self.clockOffset,
      monotonic: () => self.time - self.bootTime,
      random: () => self.stream.next(),
      log: (...parts) => self.log('info', formatParts(parts)),
      warn: (...parts) => self.log('warn', formatParts(parts)),
      get state() {
        return self.state;
      },
      set state(value: Record<string, Json>) {
        self.state = value;
      },
      metric: (name, value) => {
        arrayPush(self.effects, {
          t: self.time,
          kind: 'metric',
          node: self.id,
          name: String(name),
          value: Number(value),
        });
      },
      storage: this.storage,
      spawn: (childRole: string, options?: SpawnOptions) => {
        const k = (mapGet(self.spawned, childRole) ?? 0) + 1;
        mapSet(self.spawned, childRole, k);
        const id = `${self.id}/${childRole}-${self.spawnInfix}${k}`;
        const storage =
          options?.storage && (jsonParse(jsonStringify(options.storage)) as Record<string, Json>);
        arrayPush(self.effects, {
          t: self.time,
          kind: 'spawn',
          node: self.id,
          id,
          role: String(childRole),
          ...(storage ? { storage } : {}),
        });
        return id;
      },
      stop: (id) => {
        arrayPush(self.effects, { t: self.time, kind: 'stop', node: self.id, id: String(id) });
      },
    };
    return freeze(node);
  }

  private handle(entry: TimerEntry): Timer {
    return { cancel: () => this.clearTimer(entry.id) };
  }
}
