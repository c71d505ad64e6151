/**
 * How the trace keeps its events: the two kinds that come once per message (`send`, `deliver`) as typed-array
 * columns, every other kind as the object it arrived as.
 *
 * Why: keeping a run's messages as objects (the event, the Message, its id string, each retained for the
 * whole run) made the garbage collector copy every one of them out of the young generation; that was most of
 * the kernel's time. Columns hold node names and types as interned numbers and message ids as two integers
 * (message-id.ts), so a send retains nothing on the heap but its body (and an empty body, the most common
 * one, is one shared object). Events come back out as objects on request (`event(i)`), equal to what was
 * appended and with the same JSON text, key order included (`json(i)` builds that text without the object).
 *
 * An event takes the column path only when its shape is exactly the one the node runtime makes (keys in
 * that order, string names, finite times, ids the runtime's form); anything else is kept as its object, so
 * nothing is ever lost or reordered.
 */
import { formatMessageId, NO_INCARNATION, parseMessageId, type ParsedId } from './message-id';
import type { Json, Message, TraceContext, TraceEvent } from './protocol';
import { StringTable } from './string-table';

/** The `kind` column. */
const OBJECT = 0;
const SEND = 1;
const DELIVER = 2;

/** Incarnation codes beyond NO_INCARNATION: the id is kept as text in `extras`, or there is none. */
const ID_TEXT = -2;
const NO_ID = -3;

/** The one object every empty body becomes (a frozen `{}`, so sharing it is safe). */
const EMPTY_BODY: Json = Object.freeze({}) as Json;

type SendEvent = Extract<TraceEvent, { kind: 'send' }>;
type DeliverEvent = Extract<TraceEvent, { kind: 'deliver' }>;

/** The rare parts of a send that have no column. */
interface Extras {
  id?: string;
  inReplyTo?: string;
  trace?: TraceContext;
}

/** Events per chunk: columns grow a chunk at a time, so nothing is ever copied or reallocated. */
const CHUNK_BITS = 12;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** The columns of CHUNK_SIZE consecutive events. */
class Chunk {
  readonly kind = new Uint8Array(CHUNK_SIZE);
  readonly t = new Float64Array(CHUNK_SIZE);
  /** send: the sender; deliver: the receiver. */
  readonly node = new Int32Array(CHUNK_SIZE);
  /** send: `message.to`; deliver: `from`. */
  readonly peer = new Int32Array(CHUNK_SIZE);
  readonly type = new Int32Array(CHUNK_SIZE);
  /** The message id, named after its sender (send: `node`; deliver: `peer`). */
  readonly idIncarnation = new Int32Array(CHUNK_SIZE);
  readonly idN = new Float64Array(CHUNK_SIZE);
  /** send only: `inReplyTo`, named after the request's sender (`peer`), or NO_ID. */
  readonly replyIncarnation = new Int32Array(CHUNK_SIZE);
  readonly replyN = new Float64Array(CHUNK_SIZE);
  /**
   * OBJECT: the event; SEND: the body; DELIVER: null. Per chunk and made full size up front: pushing onto
   * one run-long array measured ~60 ns per event (its growth copies and write barriers in old space).
   */
  readonly objects: unknown[] = new Array<unknown>(CHUNK_SIZE).fill(null);
}

export class TraceColumns {
  private length_ = 0;
  private objects_ = 0;
  private readonly chunks: Chunk[] = [];
  private readonly extras = new Map<number, Extras>();
  private readonly strings = new StringTable();
  private readonly parsed: ParsedId = { incarnation: 0, n: 0 };

  get length(): number {
    return this.length_;
  }

  /** How many events are kept as objects (the rest are in columns). For tests and the benchmark's report. */
  get objectCount(): number {
    return this.objects_;
  }

  /** Any event. Sends and deliveries take the columns when their shape is exactly the runtime's. */
  append(event: TraceEvent): void {
    if (event.kind === 'send' && hasSendShape(event)) this.appendSend(event);
    else if (event.kind === 'deliver' && hasKeys(event, DELIVER_KEYS)) this.appendDeliver(event, -1);
    else this.appendObject(event);
  }

  /**
   * A `send` whose keys (and its message's) are in the runtime's order (incarnation.ts makes every send effect
   * that way; a test pins it). Returns its row, for `appendDeliver` of the same message, or -1 when it had to
   * be kept as an object.
   */
  appendSend(event: SendEvent): number {
    const i = this.length_;
    const o = i & CHUNK_MASK;
    if (o === 0) this.chunks.push(new Chunk());
    const c = this.chunks[i >>> CHUNK_BITS]!;
    if (!this.putSend(c, o, event)) {
      this.appendObject(event);
      return -1;
    }
    c.objects[o] = bodyToKeep(event.message.body);
    this.length_ = i + 1;
    return i;
  }

  /**
   * A `deliver` with the runtime's keys in order. `sendRow` is the row of the delivered message's send when the
   * caller knows it (and has checked the delivery names that message): its columns are copied, nothing parsed.
   */
  appendDeliver(event: DeliverEvent, sendRow: number): void {
    const i = this.length_;
    const o = i & CHUNK_MASK;
    if (o === 0) this.chunks.push(new Chunk());
    const c = this.chunks[i >>> CHUNK_BITS]!;
    if (sendRow >= 0 && typeof event.t === 'number' && Number.isFinite(event.t))
      this.copyDelivery(c, o, event.t, sendRow);
    else if (!this.putDeliver(c, o, event)) {
      this.appendObject(event);
      return;
    }
    this.length_ = i + 1;
  }

  private appendObject(event: TraceEvent): void {
    const i = this.length_;
    const o = i & CHUNK_MASK;
    if (o === 0) this.chunks.push(new Chunk());
    const c = this.chunks[i >>> CHUNK_BITS]!;
    c.kind[o] = OBJECT;
    c.objects[o] = event;
    this.objects_++;
    this.length_ = i + 1;
  }

  /** Event `i` as an object (a new one for column events, equal to what was appended). */
  event(i: number): TraceEvent {
    const c = this.chunks[i >>> CHUNK_BITS]!;
    const o = i & CHUNK_MASK;
    const kind = c.kind[o];
    if (kind === OBJECT) return c.objects[o] as TraceEvent;
    const t = c.t[o]!;
    const s = this.strings;
    if (kind === DELIVER) {
      const from = s.text(c.peer[o]!);
      return {
        t,
        kind: 'deliver',
        node: s.text(c.node[o]!),
        messageId: this.idText(i, from, c.idIncarnation[o]!, c.idN[o]!, 'id'),
        from,
        type: s.text(c.type[o]!),
      };
    }
    const node = s.text(c.node[o]!);
    const to = s.text(c.peer[o]!);
    const message: Message = {
      id: this.idText(i, node, c.idIncarnation[o]!, c.idN[o]!, 'id'),
      from: node,
      to,
      type: s.text(c.type[o]!),
      body: c.objects[o] as Json,
      sentAt: t,
    };
    const replyIncarnation = c.replyIncarnation[o]!;
    if (replyIncarnation !== NO_ID)
      message.inReplyTo = this.idText(i, to, replyIncarnation, c.replyN[o]!, 'inReplyTo');
    const trace = this.extras.get(i)?.trace;
    if (trace !== undefined) message.trace = trace;
    return { t, kind: 'send', node, message };
  }

  /** `JSON.stringify(event(i))`, built from the columns without making the objects. */
  json(i: number): string {
    const c = this.chunks[i >>> CHUNK_BITS]!;
    const o = i & CHUNK_MASK;
    const kind = c.kind[o];
    if (kind === OBJECT) return JSON.stringify(c.objects[o]);
    const t = String(c.t[o]);
    const s = this.strings;
    const node = c.node[o]!;
    const peer = c.peer[o]!;
    if (kind === DELIVER) {
      return (
        `{"t":${t},"kind":"deliver","node":${s.json(node)},"messageId":` +
        `${this.idJson(i, peer, c.idIncarnation[o]!, c.idN[o]!, 'id')},"from":${s.json(peer)},` +
        `"type":${s.json(c.type[o]!)}}`
      );
    }
    const body = JSON.stringify(c.objects[o]);
    const replyIncarnation = c.replyIncarnation[o]!;
    const trace = this.extras.get(i)?.trace;
    return (
      `{"t":${t},"kind":"send","node":${s.json(node)},"message":{"id":` +
      `${this.idJson(i, node, c.idIncarnation[o]!, c.idN[o]!, 'id')},"from":${s.json(node)},` +
      `"to":${s.json(peer)},"type":${s.json(c.type[o]!)}` +
      (body === undefined ? '' : `,"body":${body}`) +
      `,"sentAt":${t}` +
      (replyIncarnation === NO_ID
        ? ''
        : `,"inReplyTo":${this.idJson(i, peer, replyIncarnation, c.replyN[o]!, 'inReplyTo')}`) +
      (trace === undefined ? '' : `,"trace":${JSON.stringify(trace)}`) +
      '}}'
    );
  }

  // -------------------------------------------------------------------------------------------------------

  /** Write a send into row `o` of chunk `c` (false, writing nothing, when it must stay an object). */
  private putSend(c: Chunk, o: number, event: SendEvent): boolean {
    const { t, node, message } = event;
    if (typeof t !== 'number' || !Number.isFinite(t)) return false;
    const { id, from, to, type, sentAt, inReplyTo, trace } = message;
    if (sentAt !== t || from !== node || typeof node !== 'string' || typeof to !== 'string') return false;
    if (typeof type !== 'string' || typeof id !== 'string') return false;
    if (inReplyTo !== undefined && typeof inReplyTo !== 'string') return false;
    const s = this.strings;
    let extras: Extras | undefined;
    const parsed = this.parsed;
    if (parseMessageId(id, node, parsed)) {
      c.idIncarnation[o] = parsed.incarnation;
      c.idN[o] = parsed.n;
    } else {
      c.idIncarnation[o] = ID_TEXT;
      extras = { id };
    }
    if (inReplyTo === undefined) c.replyIncarnation[o] = NO_ID;
    else if (parseMessageId(inReplyTo, to, parsed)) {
      c.replyIncarnation[o] = parsed.incarnation;
      c.replyN[o] = parsed.n;
    } else {
      c.replyIncarnation[o] = ID_TEXT;
      (extras ??= {}).inReplyTo = inReplyTo;
    }
    if (trace !== undefined) (extras ??= {}).trace = trace;
    if (extras) this.extras.set(this.length_, extras);
    c.kind[o] = SEND;
    c.t[o] = t;
    c.node[o] = s.intern(node);
    c.peer[o] = s.intern(to);
    c.type[o] = s.intern(type);
    return true;
  }

  private putDeliver(c: Chunk, o: number, event: DeliverEvent): boolean {
    const { t, node, messageId, from, type } = event;
    if (typeof t !== 'number' || !Number.isFinite(t)) return false;
    if (typeof node !== 'string' || typeof from !== 'string' || typeof type !== 'string') return false;
    if (typeof messageId !== 'string' || !parseMessageId(messageId, from, this.parsed)) return false;
    const s = this.strings;
    c.kind[o] = DELIVER;
    c.t[o] = t;
    c.node[o] = s.intern(node);
    c.peer[o] = s.intern(from);
    c.type[o] = s.intern(type);
    c.idIncarnation[o] = this.parsed.incarnation;
    c.idN[o] = this.parsed.n;
    return true;
  }

  /** Row `o` of `c` becomes the delivery at `t` of the message sent in row `sendRow`. */
  private copyDelivery(c: Chunk, o: number, t: number, sendRow: number): void {
    const from = this.chunks[sendRow >>> CHUNK_BITS]!;
    const r = sendRow & CHUNK_MASK;
    c.kind[o] = DELIVER;
    c.t[o] = t;
    c.node[o] = from.peer[r]!;
    c.peer[o] = from.node[r]!;
    c.type[o] = from.type[r]!;
    const incarnation = from.idIncarnation[r]!;
    c.idIncarnation[o] = incarnation;
    c.idN[o] = from.idN[r]!;
    if (incarnation === ID_TEXT) this.extras.set(this.length_, { id: this.extras.get(sendRow)!.id! });
  }

  private idText(i: number, sender: string, incarnation: number, n: number, field: keyof Extras): string {
    if (incarnation === ID_TEXT) return this.extras.get(i)![field] as string;
    return formatMessageId(sender, incarnation, n);
  }

  private idJson(i: number, sender: number, incarnation: number, n: number, field: keyof Extras): string {
    if (incarnation === ID_TEXT) return JSON.stringify(this.extras.get(i)![field]);
    const open = this.strings.jsonOpen(sender);
    return incarnation === NO_INCARNATION ? `${open}#${n}"` : `${open}#${incarnation}.${n}"`;
  }
}

const SEND_KEYS = ['t', 'kind', 'node', 'message'];
const DELIVER_KEYS = ['t', 'kind', 'node', 'messageId', 'from', 'type'];
const MESSAGE_KEYS = ['id', 'from', 'to', 'type', 'body', 'sentAt'];

/** Keys exactly `t, kind, node, message`, and the message's exactly the runtime's (incarnation.ts), in order. */
function hasSendShape(event: SendEvent): boolean {
  if (!hasKeys(event, SEND_KEYS)) return false;
  const message = event.message;
  if (typeof message !== 'object' || message === null) return false;
  let k = 0;
  for (const key in message) {
    if (k < MESSAGE_KEYS.length) {
      if (key !== MESSAGE_KEYS[k]) return false;
      k++;
    } else if (k === MESSAGE_KEYS.length && key === 'inReplyTo') k++;
    else if (k <= MESSAGE_KEYS.length + 1 && key === 'trace') k = MESSAGE_KEYS.length + 2;
    else return false;
  }
  return k >= MESSAGE_KEYS.length;
}

function hasKeys(object: object, keys: readonly string[]): boolean {
  let k = 0;
  for (const key in object) if (key !== keys[k++]) return false;
  return k === keys.length;
}

/**
 * What the trace keeps of a body: the body itself, except that a plain `{}` (what the runtime's body copy makes
 * of an empty object) becomes the shared EMPTY_BODY, so the most common body costs nothing to keep.
 */
function bodyToKeep(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Object.getPrototypeOf(body) !== Object.prototype)
    return body;
  for (const _ in body) return body;
  return 'toJSON' in body ? body : EMPTY_BODY;
}
