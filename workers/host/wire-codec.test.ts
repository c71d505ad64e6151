import { describe, expect, it } from 'vitest';
import type { Effect, InboundEvent, Message, NodeBatch, NodeOutput } from '../kernel/protocol';
import { decodeBatch, decodeOutput, encodeBatch, encodeOutput } from './wire-codec';

/** What the other side of a MessagePort gets: a structured clone. */
function post<T>(wire: T): T {
  return structuredClone(wire);
}

/** Field order included: the trace hash is JSON. */
function same(a: unknown, b: unknown): void {
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  expect(b).toEqual(a);
}

const request: Message = { id: 'client#1', from: 'client', to: 'server', type: 'echo', body: {}, sentAt: 1 };
const reply: Message = {
  id: 'client#2',
  from: 'client',
  to: 'server',
  type: 'echo_ok',
  body: { text: 'hi', n: [1, 2, { deep: null }] },
  sentAt: 1.5,
  inReplyTo: 'server#7',
};
const traced: Message = {
  id: 'client#3',
  from: 'client',
  to: 'server',
  type: 'get',
  body: {},
  sentAt: 2,
  trace: { traceId: 't', spanId: 's' },
};
/** Fields in another order than the runtime's: must survive as they are. */
const reordered = { from: 'client', id: 'client#4', to: 'server', type: 'x', body: {}, sentAt: 2 } as Message;
const elsewhere: Message = { ...request, id: 'client#5', to: 'other' };
const arrayBody: Message = { ...request, id: 'client#6', body: [] };
const nullBody: Message = { ...request, id: 'client#7', body: null };

function batchOf(events: InboundEvent[], extra: Partial<NodeBatch> = {}): NodeBatch {
  return { node: 'server', from: 1, until: 3, clockOffset: 0.25, events, ...extra };
}

describe('wire codec: batches', () => {
  it('rebuilds every kind of event exactly, in order', () => {
    const batch = batchOf([
      { kind: 'deliver', at: 1, message: request },
      { kind: 'membership', at: 1.5, peers: [{ id: 'client', role: 'client' }] },
      { kind: 'deliver', at: 1.5, message: reply },
      { kind: 'deliver', at: 2, message: traced },
      { kind: 'deliver', at: 2, message: reordered },
      { kind: 'deliver', at: 2.25, message: elsewhere },
      { kind: 'deliver', at: 2.5, message: arrayBody },
      { kind: 'deliver', at: 2.75, message: nullBody },
    ]);
    const decoded = decodeBatch(post(encodeBatch(batch)));
    same(batch, decoded);
    expect(Object.keys((decoded.events[4] as { message: object }).message)).toEqual(Object.keys(reordered));
  });

  it("carries the runtime's own messages as columns (nothing cloned as an object but non-empty bodies)", () => {
    const wire = encodeBatch(
      batchOf([
        { kind: 'deliver', at: 1, message: request },
        { kind: 'deliver', at: 1.5, message: reply },
      ]),
    );
    expect(wire.extra).toEqual([reply.body]);
    expect(wire.strings).toEqual(['client', 'echo', 'echo_ok']);
  });

  it('hands over empty-body messages frozen, and leaves the rest for the runtime to deep-freeze', () => {
    const decoded = decodeBatch(
      post(
        encodeBatch(
          batchOf([
            { kind: 'deliver', at: 1, message: request },
            { kind: 'deliver', at: 1.5, message: reply },
          ]),
        ),
      ),
    );
    const [empty, full] = decoded.events.map((e) => (e as { message: Message }).message);
    expect(Object.isFrozen(empty) && Object.isFrozen(empty!.body)).toBe(true);
    expect(Object.isFrozen(full)).toBe(false);
  });

  it('keeps boot and an empty batch', () => {
    const batch = batchOf([], {
      boot: { role: 'server', index: 0, seed: 42, incarnation: 1, storage: { k: 1 }, peers: [] },
    });
    same(batch, decodeBatch(post(encodeBatch(batch))));
  });

  it('keeps a duplicated message one object, as a plain clone does', () => {
    const batch = batchOf([
      { kind: 'deliver', at: 1, message: reply },
      { kind: 'deliver', at: 2, message: request },
      { kind: 'deliver', at: 2.5, message: reply },
    ]);
    const decoded = decodeBatch(post(encodeBatch(batch)));
    same(batch, decoded);
    const messages = decoded.events.map((e) => (e as { message: Message }).message);
    expect(messages[2]).toBe(messages[0]);
    expect(messages[1]).not.toBe(messages[0]);
  });
});

describe('wire codec: outputs', () => {
  const batch = batchOf([
    { kind: 'deliver', at: 1, message: request },
    { kind: 'deliver', at: 1.5, message: reply },
    { kind: 'deliver', at: 2, message: traced },
  ]);
  const deliver = (t: number, m: Message): Effect => ({
    t,
    kind: 'deliver',
    node: 'server',
    messageId: m.id,
    from: m.from,
    type: m.type,
  });
  const send = (m: Message): Effect => ({ t: m.sentAt, kind: 'send', node: m.from, message: m });
  const out = (to: string, n: number, extra: Partial<Message> = {}): Message => ({
    id: `server#${n}`,
    from: 'server',
    to,
    type: 'echo_ok',
    body: {},
    sentAt: 1,
    ...extra,
  });

  it('rebuilds sends and deliveries exactly, in order, with the other effects as they are', () => {
    const output: NodeOutput = {
      node: 'server',
      effects: [
        deliver(1, request),
        send(out('client', 1, { inReplyTo: 'client#1' })),
        { t: 1, kind: 'log', node: 'server', level: 'info', text: 'hello' },
        deliver(1.5, reply),
        send(out('client', 2, { body: { a: [1, 'two'] }, sentAt: 1.5 })),
        send(out('db', 3, { type: 'put', sentAt: 1.5, trace: { traceId: 't', spanId: 's' } })),
        { t: 1.5, kind: 'state', node: 'server', state: { count: 2 } },
        deliver(2, traced),
        { t: 2, kind: 'timer', node: 'server', timerId: 3 },
        { t: 2, kind: 'spawn', node: 'server', id: 'w-1', role: 'worker' },
      ],
      nextTimerAt: 7,
    };
    same(output, decodeOutput(post(encodeOutput(output, batch)), batch));
  });

  it('carries the hot effects as columns', () => {
    const output: NodeOutput = {
      node: 'server',
      effects: [deliver(1, request), send(out('client', 1, { inReplyTo: 'client#1' })), deliver(1.5, reply)],
      nextTimerAt: null,
    };
    const wire = encodeOutput(output, batch);
    expect(wire.extra).toEqual([]);
    expect(wire.ids).toEqual(['server#1']);
    expect(wire.replyTo).toEqual(['client#1']);
  });

  it('sends effects it cannot vouch for as they are', () => {
    const odd: Effect[] = [
      // Not a delivery of this batch (wrong time, wrong id), and a send whose time is not the message's.
      { t: 9, kind: 'deliver', node: 'server', messageId: request.id, from: 'client', type: 'echo' },
      { t: 1, kind: 'deliver', node: 'server', messageId: 'nope', from: 'client', type: 'echo' },
      { t: 2, kind: 'send', node: 'server', message: out('client', 4) },
      // Fields in another order.
      {
        kind: 'deliver',
        t: 1,
        node: 'server',
        messageId: request.id,
        from: 'client',
        type: 'echo',
      } as Effect,
      // Deliveries out of batch order.
      deliver(1.5, reply),
      deliver(1, request),
    ];
    const output: NodeOutput = { node: 'server', effects: odd, nextTimerAt: null };
    const decoded = decodeOutput(post(encodeOutput(output, batch)), batch);
    same(output, decoded);
    expect(Object.keys(decoded.effects[3]!)).toEqual(Object.keys(odd[3]!));
  });

  it('keeps fatal', () => {
    const output: NodeOutput = {
      node: 'server',
      effects: [],
      nextTimerAt: null,
      fatal: { reason: 'boom', where: { file: 'roles/server.ts', line: 3 } },
    };
    same(output, decodeOutput(post(encodeOutput(output, batch)), batch));
  });

  it('takes node and sender from the batch, and turns a reference to no delivery into a refusal', () => {
    const output: NodeOutput = {
      node: 'server',
      effects: [send(out('client', 1)), deliver(1, request)],
      nextTimerAt: null,
    };
    const wire = post(encodeOutput(output, batch));
    // What patched learner code could post instead: another node's name, a delivery index out of range.
    wire.node = 'client';
    wire.ints[3] = 2;
    wire.ints[4] = 99;
    const decoded = decodeOutput(wire, batch);
    expect(decoded.node).toBe('server');
    expect(decoded.effects[0]).toMatchObject({ kind: 'send', node: 'server', message: { from: 'server' } });
    expect(decoded.effects[1]).toEqual({
      t: 1,
      kind: 'error',
      node: 'server',
      message: 'the kernel dropped a forged effect: a delivery its batch did not carry',
    });
  });
});
