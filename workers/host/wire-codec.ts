/**
 * The compact wire form of NodeBatch and NodeOutput between the kernel Worker and a node Worker.
 *
 * Structured clone costs per object and per string: a plain NodeBatch clones a `{ kind, at, message }`
 * wrapper, a message and its body per delivery, and a NodeOutput clones a `send` effect, its message, its body
 * and a `deliver` effect per message. Here the hot shapes travel as columns instead: times and codes in two
 * arrays of numbers, node names and message types once per post in a string table, empty bodies as a flag, and a
 * `deliver` effect as the index of the batch event it reports (the kernel still has that batch, so it rebuilds
 * the effect from its own copy of the message). Decoding builds the very objects the plain clone would have:
 * same fields, same values, same field order (the trace hash is the JSON of these objects).
 *
 * Anything else (membership news, timers, logs, state, messages with trace context or fields in another
 * order, non-empty bodies) travels as itself in `extra`, cloned as before. Each encoder checks the shape it
 * compacts (field order included) and falls back to `extra` otherwise, so the codec never changes data.
 */
import type {
  Effect,
  InboundEvent,
  Json,
  Message,
  NodeBatch,
  NodeBoot,
  NodeId,
  NodeOutput,
} from '../kernel/protocol';
import { MESSAGE_KEYS, MESSAGE_REQUIRED_KEYS } from '../kernel/protocol';
import {
  DELIVER_KEYS,
  EMPTY_BODY as FROZEN_EMPTY_BODY,
  hasKeys,
  isEmptyBody,
  SEND_KEYS,
} from '../kernel/effect-shape';
import { findDelivery } from '../kernel/effect-guard';
import { arrayPush, freeze, mapGet, mapSet } from '../runtime/intrinsics';

/** A NodeBatch on the wire: its header as it is, its events as columns (one entry per event). */
export interface WireBatch extends ColumnData {
  node: NodeId;
  from: number;
  until: number;
  clockOffset: number;
  boot?: NodeBoot;
}

/** A NodeOutput on the wire: its effects as columns (one entry per effect). */
export interface WireOutput extends ColumnData {
  node: NodeId;
  nextTimerAt: number | null;
  fatal?: NodeOutput['fatal'];
}

// Codes (low 2 bits of the first int32 slot of an entry) and flags.
const GENERIC = 0;
/** Batch: a delivery of a message with the canonical shape. Output: a `send` effect likewise. */
const COMPACT = 1;
/** Batch: the same message object as an earlier event (the network duplicated it). Output: a `deliver` effect. */
const REF = 2;
const EMPTY_BODY = 4;
const REPLY = 8;

const EVENT_KEYS = ['kind', 'at', 'message'] as const;

/**
 * 0 when `m` is not a message the columns can carry exactly; else its flags: the fields `id, from, to, type,
 * body, sentAt` (then `inReplyTo`: REPLY) in that order, strings and a number where expected.
 */
function messageFlags(m: Message): number {
  let i = 0;
  // The wire carries `id .. sentAt` and `inReplyTo` compactly; a message with `trace` goes as an object.
  for (const key in m) if (i === 7 || key !== MESSAGE_KEYS[i++]) return 0;
  if (i < MESSAGE_REQUIRED_KEYS) return 0;
  if (
    typeof m.id !== 'string' ||
    typeof m.from !== 'string' ||
    typeof m.to !== 'string' ||
    typeof m.type !== 'string' ||
    typeof m.sentAt !== 'number'
  )
    return 0;
  let flags = COMPACT;
  if (i === 7) {
    if (typeof m.inReplyTo !== 'string') return 0;
    flags |= REPLY;
  }
  if (isEmptyBody(m.body)) flags |= EMPTY_BODY;
  return flags;
}

/** The columns both directions share: what `Columns` writes, a `Reader` reads back in the same order. */
interface ColumnData {
  count: number;
  /**
   * Per entry: a time, then a compact message's `sentAt` (else 0). Plain arrays, not typed ones: measured in
   * Chromium, allocating and transferring an ArrayBuffer per post cost more (kernel and GC threads) than it saved.
   */
  nums: number[];
  /** Per entry: a code, then two ints (string table indexes, or the index a REF entry points at). */
  ints: number[];
  /** Node names and message types, once each per post. */
  strings: string[];
  /** Per compact message, in order: its id. */
  ids: string[];
  /** Per compact reply, in order: `inReplyTo`. */
  replyTo: string[];
  /** Per generic entry or non-empty body, in order. */
  extra: unknown[];
}

/** `n` zeros, a plain array. (The node side runs in the learner's realm: no `Array.prototype.fill`, see intrinsics.ts.) */
function zeros(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = 0;
  return out;
}

/** Writes `count` entries; each entry is a time, a code and two ints. */
class Columns implements ColumnData {
  readonly strings: string[] = [];
  readonly ids: string[] = [];
  readonly replyTo: string[] = [];
  readonly extra: unknown[] = [];
  readonly nums: number[];
  readonly ints: number[];
  private readonly index = new Map<string, number>();

  constructor(readonly count: number) {
    this.nums = zeros(count * 2);
    this.ints = zeros(count * 3);
  }

  generic(i: number, t: number, value: unknown): void {
    this.nums[i * 2] = t;
    this.ints[i * 3] = GENERIC;
    arrayPush(this.extra, value);
  }

  ref(i: number, t: number, to: number): void {
    this.nums[i * 2] = t;
    this.ints[i * 3] = REF;
    this.ints[i * 3 + 1] = to;
  }

  /** A message of `flags` (from `messageFlags`); `peer` is its sender or receiver, whichever is not this node. */
  message(i: number, t: number, m: Message, flags: number, peer: string): void {
    this.nums[i * 2] = t;
    this.nums[i * 2 + 1] = m.sentAt;
    this.ints[i * 3] = flags;
    this.ints[i * 3 + 1] = this.intern(peer);
    this.ints[i * 3 + 2] = this.intern(m.type);
    arrayPush(this.ids, m.id);
    if (flags & REPLY) arrayPush(this.replyTo, m.inReplyTo!);
    if (!(flags & EMPTY_BODY)) arrayPush(this.extra, m.body);
  }

  private intern(text: string): number {
    let i = mapGet(this.index, text);
    if (i === undefined) {
      i = this.strings.length;
      arrayPush(this.strings, text);
      mapSet(this.index, text, i);
    }
    return i;
  }
}

/** Reads what `Columns` wrote, entry by entry. */
class Reader {
  private readonly nums: number[];
  private readonly ints: number[];
  private id = 0;
  private reply = 0;
  private more = 0;

  constructor(private readonly data: ColumnData) {
    this.nums = data.nums;
    this.ints = data.ints;
  }

  code(i: number): number {
    return this.ints[i * 3]!;
  }
  time(i: number): number {
    return this.nums[i * 2]!;
  }
  /** The REF entry's index. */
  target(i: number): number {
    return this.ints[i * 3 + 1]!;
  }
  generic(): unknown {
    return this.data.extra[this.more++];
  }

  /** The message of a compact entry, between this node (`from` or `to`) and the interned peer. */
  message(i: number, self: string, selfIsSender: boolean): Message {
    const { strings, ids, replyTo } = this.data;
    const code = this.ints[i * 3]!;
    const peer = strings[this.ints[i * 3 + 1]!]!;
    const from = selfIsSender ? self : peer;
    const to = selfIsSender ? peer : self;
    const type = strings[this.ints[i * 3 + 2]!]!;
    const sentAt = this.nums[i * 2 + 1]!;
    const id = ids[this.id++]!;
    if (!(code & EMPTY_BODY)) {
      // Left unfrozen: the node runtime deep-freezes a message it finds unfrozen (incarnation.ts, deliver).
      const body = this.generic() as Json;
      return code & REPLY
        ? { id, from, to, type, body, sentAt, inReplyTo: replyTo[this.reply++]! }
        : { id, from, to, type, body, sentAt };
    }
    // An empty body is the shared frozen {}, so the message is read-only as made: freezing it here spares the
    // runtime its deep walk of every delivered message.
    const body = FROZEN_EMPTY_BODY;
    return freeze(
      code & REPLY
        ? { id, from, to, type, body, sentAt, inReplyTo: replyTo[this.reply++]! }
        : { id, from, to, type, body, sentAt },
    );
  }
}

function columnsOf(c: Columns): ColumnData {
  const { count, nums, ints, strings, ids, replyTo, extra } = c;
  return { count, nums, ints, strings, ids, replyTo, extra };
}

/** Kernel side: the wire form of `batch`. */
export function encodeBatch(batch: NodeBatch): WireBatch {
  const events = batch.events;
  const columns = new Columns(events.length);
  /** Messages already written, to keep a duplicated message one object on the other side too. */
  const seen = new Map<Message, number>();
  const node = batch.node;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind !== 'deliver' || !hasKeys(event, EVENT_KEYS)) {
      columns.generic(i, event.at, event);
      continue;
    }
    const m = event.message;
    const earlier = mapGet(seen, m);
    if (earlier !== undefined) {
      columns.ref(i, event.at, earlier);
      continue;
    }
    mapSet(seen, m, i);
    const flags = m.to === node ? messageFlags(m) : 0;
    if (flags === 0) columns.generic(i, event.at, event);
    else columns.message(i, event.at, m, flags, m.from);
  }
  const wire: WireBatch = {
    node,
    from: batch.from,
    until: batch.until,
    clockOffset: batch.clockOffset,
    ...columnsOf(columns),
  };
  if (batch.boot) wire.boot = batch.boot;
  return wire;
}

/** Node side: the NodeBatch `encodeBatch` was given, field for field. */
export function decodeBatch(wire: WireBatch): NodeBatch {
  const read = new Reader(wire);
  const events: InboundEvent[] = new Array(wire.count);
  for (let i = 0; i < wire.count; i++) {
    const code = read.code(i);
    if (code === GENERIC) events[i] = read.generic() as InboundEvent;
    else if (code === REF) {
      const first = events[read.target(i)] as InboundEvent & { kind: 'deliver' };
      events[i] = { kind: 'deliver', at: read.time(i), message: first.message };
    } else events[i] = { kind: 'deliver', at: read.time(i), message: read.message(i, wire.node, false) };
  }
  const batch: NodeBatch = {
    node: wire.node,
    from: wire.from,
    until: wire.until,
    clockOffset: wire.clockOffset,
    events,
  };
  if (wire.boot) batch.boot = wire.boot;
  return batch;
}

/**
 * Node side: `output` for `batch` (the decoded batch it answers). A `deliver` effect that reports a batch
 * event exactly travels as that event's index; a `send` of a canonical message as columns.
 */
export function encodeOutput(output: NodeOutput, batch: NodeBatch): WireOutput {
  const effects = output.effects;
  const columns = new Columns(effects.length);
  const node = batch.node;
  /** Next batch event a `deliver` effect may report (they come in batch order). */
  let cursor = 0;
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!;
    if (effect.kind === 'send') {
      const m = effect.message;
      const flags =
        effect.node === node && m.from === node && effect.t === m.sentAt && hasKeys(effect, SEND_KEYS)
          ? messageFlags(m)
          : 0;
      if (flags !== 0) {
        columns.message(i, effect.t, m, flags, m.to);
        continue;
      }
    } else if (effect.kind === 'deliver' && effect.node === node) {
      const at = findDelivery(batch.events, cursor, effect, node);
      if (at >= 0 && hasKeys(effect, DELIVER_KEYS)) {
        columns.ref(i, effect.t, at);
        cursor = at + 1;
        continue;
      }
    }
    columns.generic(i, effect.t, effect);
  }
  const wire: WireOutput = { node: output.node, nextTimerAt: output.nextTimerAt, ...columnsOf(columns) };
  if (output.fatal) wire.fatal = output.fatal;
  return wire;
}

/**
 * Kernel side: the NodeOutput `encodeOutput` was given, for the batch the kernel sent (not its wire form).
 * Compact sends and deliveries get `node` and `from` from the batch, never from the node. The wire comes from
 * learner-reachable code: malformed columns may throw (the caller turns that into the node's crash), and
 * whatever decodes is still only a claim the kernel checks.
 */
export function decodeOutput(wire: WireOutput, batch: NodeBatch): NodeOutput {
  const read = new Reader(wire);
  const effects: Effect[] = new Array(wire.count);
  const node = batch.node;
  for (let i = 0; i < wire.count; i++) {
    const code = read.code(i);
    if (code === GENERIC) effects[i] = read.generic() as Effect;
    else if (code === REF) {
      const event = batch.events[read.target(i)];
      const t = read.time(i);
      // The node names the batch event it reports; one that is not a delivery of its batch is a forgery.
      if (event?.kind !== 'deliver') {
        const message = 'the kernel dropped a forged effect: a delivery its batch did not carry';
        effects[i] = { t, kind: 'error', node, message };
        continue;
      }
      const m = event.message;
      effects[i] = { t, kind: 'deliver', node, messageId: m.id, from: m.from, type: m.type };
    } else effects[i] = { t: read.time(i), kind: 'send', node, message: read.message(i, node, true) };
  }
  // `node` is the batch's, whatever the node wrote: the kernel checks every effect against it (effect-guard.ts).
  const output: NodeOutput = { node, effects, nextTimerAt: wire.nextTimerAt };
  if (wire.fatal) output.fatal = wire.fatal;
  return output;
}
