/**
 * How the trace keeps its events: the two kinds that come once per message (`send`, `deliver`) as typed-array
 * columns, every other kind as the object it arrived as.
 *
 * Why: keeping a run's messages as objects (the event, the Message, its id string, each retained for the
 * whole run) made the garbage collector copy every one of them out of the young generation; that was most of
 * the kernel's time. And every byte kept is fresh memory the machine must hand over (page faults cost several
 * ns per byte on a VM), so rows are small: an event is 13 bytes (kind, time, a reference), and a message its
 * send and deliveries share is 32 bytes (names and type as interned numbers, ids as two integers, see
 * message-id.ts, and a body reference: an empty body, the most common one, is no object at all).
 *
 * Events come back out as objects on request (`event(i)`), equal to what was appended and with the same JSON
 * text, key order included (`json(i)` builds that text without making the objects). An event takes the column
 * path only when its shape is exactly the one the node runtime makes (keys in that order, string names,
 * finite times, ids of the runtime's form); anything else is kept as its object, so nothing is ever lost.
 */
import { DELIVER_KEYS, EMPTY_BODY, hasKeys, isEmptyBody, SEND_KEYS } from './effect-shape';
import { formatMessageId, NO_INCARNATION, parseMessageId, type ParsedId } from './message-id';
import {
  MESSAGE_KEYS,
  MESSAGE_REQUIRED_KEYS,
  type Json,
  type Message,
  type TraceContext,
  type TraceEvent,
} from './protocol';
import { StringTable } from './string-table';

/** The `kind` column. */
const OBJECT = 0;
const SEND = 1;
const DELIVER = 2;

/** Incarnation codes beyond NO_INCARNATION: the id is kept as text in `extras`, or there is none. */
const ID_TEXT = -2;
const NO_ID = -3;
/** Counters above this are kept as text (they do not fit the Int32 column). */
const MAX_COUNTER = 0x7fffffff;

/** `body` column value of an empty body. */
const NO_BODY = -1;

type SendEvent = Extract<TraceEvent, { kind: 'send' }>;
type DeliverEvent = Extract<TraceEvent, { kind: 'deliver' }>;

/** The rare parts of a message that have no column, by message row. */
interface Extras {
  id?: string;
  inReplyTo?: string;
  trace?: TraceContext;
}

/** Rows per chunk: columns grow a chunk at a time, so nothing is ever copied or reallocated. */
const CHUNK_BITS = 12;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** CHUNK_SIZE consecutive events. */
class EventChunk {
  readonly kind = new Uint8Array(CHUNK_SIZE);
  readonly t = new Float64Array(CHUNK_SIZE);
  /** SEND and DELIVER: the message row; OBJECT: the index in `objects`. */
  readonly ref = new Int32Array(CHUNK_SIZE);
  readonly objects: TraceEvent[] = [];
}

/** CHUNK_SIZE consecutive messages: what a send and its deliveries share. */
class MessageChunk {
  /** The sender (`from`, and the node of the send event). */
  readonly node = new Int32Array(CHUNK_SIZE);
  /** The receiver (`to`, and the node of each deliver event). */
  readonly peer = new Int32Array(CHUNK_SIZE);
  readonly type = new Int32Array(CHUNK_SIZE);
  /** The id, named after the sender. */
  readonly idIncarnation = new Int32Array(CHUNK_SIZE);
  readonly idN = new Int32Array(CHUNK_SIZE);
  /** `inReplyTo`, named after the receiver (whose request this answers), or NO_ID. */
  readonly replyIncarnation = new Int32Array(CHUNK_SIZE);
  readonly replyN = new Int32Array(CHUNK_SIZE);
  /** Index in `bodies`, or NO_BODY for an empty one. */
  readonly body = new Int32Array(CHUNK_SIZE);
  readonly bodies: unknown[] = [];
}

export class TraceColumns {
  private length_ = 0;
  private messages = 0;
  private objects_ = 0;
  private readonly events: EventChunk[] = [];
  private readonly messageChunks: MessageChunk[] = [];
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
   * that way; a test pins it). Returns its message row, for `appendDeliver` of the same message, or -1 when it
   * had to be kept as an object.
   */
  appendSend(event: SendEvent): number {
    const m = this.putSend(event);
    if (m < 0) this.appendObject(event);
    else this.appendRow(SEND, event.t, m);
    return m;
  }

  /**
   * A `deliver` with the runtime's keys in order. `messageRow` is what `appendSend` returned for the delivered
   * message when the caller knows it (and has checked the delivery names that message): nothing is parsed.
   */
  appendDeliver(event: DeliverEvent, messageRow: number): void {
    const t = event.t;
    const m =
      typeof t !== 'number' || !Number.isFinite(t)
        ? -1
        : messageRow >= 0
          ? messageRow
          : this.putDeliver(event);
    if (m < 0) this.appendObject(event);
    else this.appendRow(DELIVER, t, m);
  }

  /** Event `i` as an object (a new one for column events, equal to what was appended). */
  event(i: number): TraceEvent {
    const c = this.events[i >>> CHUNK_BITS]!;
    const o = i & CHUNK_MASK;
    const kind = c.kind[o];
    const ref = c.ref[o]!;
    if (kind === OBJECT) return c.objects[ref]!;
    const t = c.t[o]!;
    const s = this.strings;
    const m = this.messageChunks[ref >>> CHUNK_BITS]!;
    const r = ref & CHUNK_MASK;
    const sender = s.text(m.node[r]!);
    const receiver = s.text(m.peer[r]!);
    const type = s.text(m.type[r]!);
    const id = this.idText(ref, sender, m.idIncarnation[r]!, m.idN[r]!, 'id');
    if (kind === DELIVER) return { t, kind: 'deliver', node: receiver, messageId: id, from: sender, type };
    const bodyRef = m.body[r]!;
    const message: Message = {
      id,
      from: sender,
      to: receiver,
      type,
      body: (bodyRef === NO_BODY ? EMPTY_BODY : m.bodies[bodyRef]) as Json,
      sentAt: t,
    };
    const replyIncarnation = m.replyIncarnation[r]!;
    if (replyIncarnation !== NO_ID)
      message.inReplyTo = this.idText(ref, receiver, replyIncarnation, m.replyN[r]!, 'inReplyTo');
    const trace = this.extras.get(ref)?.trace;
    if (trace !== undefined) message.trace = trace;
    return { t, kind: 'send', node: sender, message };
  }

  /** `JSON.stringify(event(i))`, built from the columns without making the objects. */
  json(i: number): string {
    const c = this.events[i >>> CHUNK_BITS]!;
    const o = i & CHUNK_MASK;
    const kind = c.kind[o];
    const ref = c.ref[o]!;
    if (kind === OBJECT) return JSON.stringify(c.objects[ref]);
    const t = String(c.t[o]);
    const s = this.strings;
    const m = this.messageChunks[ref >>> CHUNK_BITS]!;
    const r = ref & CHUNK_MASK;
    const sender = m.node[r]!;
    const receiver = m.peer[r]!;
    const id = this.idJson(ref, sender, m.idIncarnation[r]!, m.idN[r]!, 'id');
    const type = s.json(m.type[r]!);
    if (kind === DELIVER) {
      return (
        `{"t":${t},"kind":"deliver","node":${s.json(receiver)},"messageId":${id},` +
        `"from":${s.json(sender)},"type":${type}}`
      );
    }
    const bodyRef = m.body[r]!;
    const body = bodyRef === NO_BODY ? '{}' : JSON.stringify(m.bodies[bodyRef]);
    const replyIncarnation = m.replyIncarnation[r]!;
    const trace = this.extras.get(ref)?.trace;
    return (
      `{"t":${t},"kind":"send","node":${s.json(sender)},"message":{"id":${id},"from":${s.json(sender)},` +
      `"to":${s.json(receiver)},"type":${type}` +
      (body === undefined ? '' : `,"body":${body}`) +
      `,"sentAt":${t}` +
      (replyIncarnation === NO_ID
        ? ''
        : `,"inReplyTo":${this.idJson(ref, receiver, replyIncarnation, m.replyN[r]!, 'inReplyTo')}`) +
      (trace === undefined ? '' : `,"trace":${JSON.stringify(trace)}`) +
      '}}'
    );
  }

  // -------------------------------------------------------------------------------------------------------

  private appendRow(kind: number, t: number, ref: number): void {
    const i = this.length_;
    const o = i & CHUNK_MASK;
    if (o === 0) this.events.push(new EventChunk());
    const c = this.events[i >>> CHUNK_BITS]!;
    c.kind[o] = kind;
    c.t[o] = t;
    c.ref[o] = ref;
    this.length_ = i + 1;
  }

  private appendObject(event: TraceEvent): void {
    const i = this.length_;
    const o = i & CHUNK_MASK;
    if (o === 0) this.events.push(new EventChunk());
    const c = this.events[i >>> CHUNK_BITS]!;
    c.kind[o] = OBJECT;
    c.ref[o] = c.objects.length;
    c.objects.push(event);
    this.objects_++;
    this.length_ = i + 1;
  }

  /** The next message row, in a new chunk when needed. */
  private nextMessage(): MessageChunk {
    const o = this.messages & CHUNK_MASK;
    if (o === 0) this.messageChunks.push(new MessageChunk());
    return this.messageChunks[this.messages >>> CHUNK_BITS]!;
  }

  /** The message row of a send, or -1 (writing nothing) when it must stay an object. */
  private putSend(event: SendEvent): number {
    const { t, node, message } = event;
    if (typeof t !== 'number' || !Number.isFinite(t)) return -1;
    const { id, from, to, type, body, sentAt, inReplyTo, trace } = message;
    if (sentAt !== t || from !== node || typeof node !== 'string' || typeof to !== 'string') return -1;
    if (typeof type !== 'string' || typeof id !== 'string') return -1;
    if (inReplyTo !== undefined && typeof inReplyTo !== 'string') return -1;
    const row = this.messages;
    const m = this.nextMessage();
    const r = row & CHUNK_MASK;
    let extras: Extras | undefined;
    const parsed = this.parsed;
    if (parseMessageId(id, node, parsed) && parsed.n <= MAX_COUNTER) {
      m.idIncarnation[r] = parsed.incarnation;
      m.idN[r] = parsed.n;
    } else {
      m.idIncarnation[r] = ID_TEXT;
      extras = { id };
    }
    if (inReplyTo === undefined) m.replyIncarnation[r] = NO_ID;
    else if (parseMessageId(inReplyTo, to, parsed) && parsed.n <= MAX_COUNTER) {
      m.replyIncarnation[r] = parsed.incarnation;
      m.replyN[r] = parsed.n;
    } else {
      m.replyIncarnation[r] = ID_TEXT;
      (extras ??= {}).inReplyTo = inReplyTo;
    }
    if (trace !== undefined) (extras ??= {}).trace = trace;
    if (extras) this.extras.set(row, extras);
    const s = this.strings;
    m.node[r] = s.intern(node);
    m.peer[r] = s.intern(to);
    m.type[r] = s.intern(type);
    if (isEmptyBody(body)) m.body[r] = NO_BODY;
    else {
      m.body[r] = m.bodies.length;
      m.bodies.push(body);
    }
    this.messages = row + 1;
    return row;
  }

  /** A message row for a delivery whose send row is not known (its id parsed), or -1. */
  private putDeliver(event: DeliverEvent): number {
    const { node, messageId, from, type } = event;
    if (typeof node !== 'string' || typeof from !== 'string' || typeof type !== 'string') return -1;
    const parsed = this.parsed;
    if (typeof messageId !== 'string' || !parseMessageId(messageId, from, parsed)) return -1;
    if (parsed.n > MAX_COUNTER) return -1;
    const row = this.messages;
    const m = this.nextMessage();
    const r = row & CHUNK_MASK;
    const s = this.strings;
    m.node[r] = s.intern(from);
    m.peer[r] = s.intern(node);
    m.type[r] = s.intern(type);
    m.idIncarnation[r] = parsed.incarnation;
    m.idN[r] = parsed.n;
    m.replyIncarnation[r] = NO_ID;
    m.body[r] = NO_BODY;
    this.messages = row + 1;
    return row;
  }

  private idText(row: number, sender: string, incarnation: number, n: number, field: keyof Extras): string {
    if (incarnation === ID_TEXT) return this.extras.get(row)![field] as string;
    return formatMessageId(sender, incarnation, n);
  }

  private idJson(row: number, sender: number, incarnation: number, n: number, field: keyof Extras): string {
    if (incarnation === ID_TEXT) return JSON.stringify(this.extras.get(row)![field]);
    const open = this.strings.jsonOpen(sender);
    return incarnation === NO_INCARNATION ? `${open}#${n}"` : `${open}#${incarnation}.${n}"`;
  }
}

/** Keys exactly `t, kind, node, message`, and the message's exactly the runtime's (incarnation.ts), in order. */
function hasSendShape(event: SendEvent): boolean {
  if (!hasKeys(event, SEND_KEYS)) return false;
  const message = event.message;
  if (typeof message !== 'object' || message === null) return false;
  // The required keys in order, then optional ones in order (inReplyTo, trace), each at most once.
  let k = 0;
  for (const key in message) {
    if (k < MESSAGE_REQUIRED_KEYS) {
      if (key !== MESSAGE_KEYS[k]) return false;
      k++;
      continue;
    }
    while (k < MESSAGE_KEYS.length && MESSAGE_KEYS[k] !== key) k++;
    if (k === MESSAGE_KEYS.length) return false;
    k++;
  }
  return k >= MESSAGE_REQUIRED_KEYS;
}
