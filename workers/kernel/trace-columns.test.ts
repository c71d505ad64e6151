import { describe, expect, it } from 'vitest';
import type { Message, TraceEvent } from './protocol';
import { TraceColumns } from './trace-columns';

/** A send shaped as the runtime makes it (incarnation.ts), optional fields appended in its order. */
function send(t: number, message: Partial<Message> & { id: string; from: string; to: string }): TraceEvent {
  const { id, from, to, type = 'echo', body = {}, inReplyTo, trace } = message;
  const m: Message = { id, from, to, type, body, sentAt: t };
  if (inReplyTo !== undefined) m.inReplyTo = inReplyTo;
  if (trace !== undefined) m.trace = trace;
  return { t, kind: 'send', node: from, message: m };
}

function deliver(t: number, to: string, id: string, from: string, type = 'echo'): TraceEvent {
  return { t, kind: 'deliver', node: to, messageId: id, from, type };
}

/** Every shape the columns must keep exactly: the common ones, the rare fields, and ones they must refuse. */
function variety(): TraceEvent[] {
  return [
    send(1, { id: 'client#1', from: 'client', to: 'server' }),
    deliver(2, 'server', 'client#1', 'client'),
    send(2, { id: 'server#1', from: 'server', to: 'client', type: 'echo_ok', inReplyTo: 'client#1' }),
    send(2.5, {
      id: 'server#3.12',
      from: 'server',
      to: 'client',
      body: { text: 'hé "quoted" \n', n: [1, 2.5, null] },
    }),
    send(3, { id: 'client#2', from: 'client', to: 'server', body: 'just a string' }),
    send(3, { id: 'client#3', from: 'client', to: 'server', body: null }),
    send(3, { id: 'client#4', from: 'client', to: 'server', body: 0 }),
    send(4, { id: 'my-own-id', from: 'client', to: 'server', inReplyTo: 'not#an#id' }),
    send(4, { id: 'client#5', from: 'client', to: 'serv"er', inReplyTo: 'serv"er#2.7', type: 'ty\\pe' }),
    send(5, {
      id: 'client#6',
      from: 'client',
      to: 'server',
      trace: { traceId: 't1', spanId: 's1', parentSpanId: 's0' },
    }),
    deliver(6, 'server', 'client#6', 'client'),
    deliver(6, 'server', 'server#3.12', 'server'),
    // Not the runtime's shape: must come back exactly as given (kept as objects).
    deliver(7, 'server', 'weird id', 'client'),
    {
      t: 7,
      kind: 'deliver',
      messageId: 'client#1',
      node: 'server',
      from: 'client',
      type: 'echo',
    } as TraceEvent,
    {
      t: 8,
      kind: 'send',
      node: 'client',
      message: { from: 'client', id: 'client#9', to: 'server', type: 'echo', body: {}, sentAt: 8 },
    },
    {
      t: 8,
      kind: 'send',
      node: 'client',
      message: {
        ...(send(8, { id: 'client#10', from: 'client', to: 'x' }) as { message: Message }).message,
        sentAt: 7,
      },
    },
    { t: Infinity, kind: 'deliver', node: 'server', messageId: 'client#1', from: 'client', type: 'echo' },
    { t: 9, kind: 'log', node: 'server', level: 'info', text: 'hello' },
    { t: 9, kind: 'state', node: 'server', state: { a: 1 } },
    { t: 10, kind: 'crash', node: 'server', reason: 'fault' },
  ];
}

describe('TraceColumns', () => {
  it('gives back every event equal to what was appended, with the same JSON text', () => {
    const events = variety();
    const columns = new TraceColumns();
    for (const event of events) columns.append(event);
    expect(columns.length).toBe(events.length);
    events.forEach((event, i) => {
      const text = JSON.stringify(event);
      expect(columns.event(i), `event ${i}`).toEqual(event);
      expect(JSON.stringify(columns.event(i)), `event ${i}`).toBe(text);
      expect(columns.json(i), `json ${i}`).toBe(text);
    });
  });

  it('keeps the runtime-shaped sends and deliveries in columns, and anything else as objects', () => {
    const columns = new TraceColumns();
    for (const event of variety()) columns.append(event);
    // The last eight of variety(): five sends/deliveries not of the runtime's shape, then log, state, crash.
    expect(columns.objectCount).toBe(8);
  });

  it('a delivery given its send row copies the send (incarnation ids and text ids alike)', () => {
    const sends = [
      send(1, { id: 'a#2.9', from: 'a', to: 'b', type: 'ping' }),
      send(1, { id: 'custom', from: 'a', to: 'b' }),
    ] as Extract<TraceEvent, { kind: 'send' }>[];
    const columns = new TraceColumns();
    const rows = sends.map((e) => columns.appendSend(e));
    expect(rows).toEqual([0, 1]);
    const delivered = sends.map((e, k) => {
      const event = deliver(3 + k, 'b', e.message.id, 'a', e.message.type) as Extract<
        TraceEvent,
        { kind: 'deliver' }
      >;
      columns.appendDeliver(event, rows[k]!);
      return event;
    });
    expect(columns.event(2)).toEqual(delivered[0]);
    expect(columns.event(3)).toEqual(delivered[1]);
    expect(columns.json(3)).toBe(JSON.stringify(delivered[1]));
    expect(columns.objectCount).toBe(0);
  });

  it('spans many chunks without losing or mixing rows', () => {
    const columns = new TraceColumns();
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      columns.append(
        send(i, { id: `n${i % 7}#${i}`, from: `n${i % 7}`, to: `n${(i + 1) % 7}`, body: { i } }),
      );
      if (i % 1000 === 0) columns.append({ t: i, kind: 'pause', node: 'n0' });
    }
    expect(columns.length).toBe(n + 10);
    expect(columns.event(9_999 + 10)).toEqual(
      send(9_999, { id: 'n3#9999', from: 'n3', to: 'n4', body: { i: 9_999 } }),
    );
    expect(columns.event(4_005)).toEqual({ t: 4_000, kind: 'pause', node: 'n0' });
  });

  it('keeps one shared object for every empty body', () => {
    const columns = new TraceColumns();
    columns.append(send(1, { id: 'a#1', from: 'a', to: 'b', body: {} }));
    columns.append(send(2, { id: 'a#2', from: 'a', to: 'b', body: {} }));
    const [first, second] = [columns.event(0), columns.event(1)] as { message: Message }[];
    expect(first!.message.body).toBe(second!.message.body);
    expect(Object.isFrozen(first!.message.body)).toBe(true);
  });
});
