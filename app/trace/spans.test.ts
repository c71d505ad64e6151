import { describe, expect, it } from 'vitest';
import type { Message, TraceContext, TraceEvent } from '../../workers/kernel/protocol';
import { slowTraces, traceTrees, treesAt } from './spans';

let n = 0;
function call(
  t: number,
  from: string,
  to: string,
  type: string,
  trace: TraceContext | undefined,
  inReplyTo?: string,
  body: Message['body'] = {},
): { send: TraceEvent; deliver: (at: number) => TraceEvent; id: string } {
  const id = `${from}#${++n}`;
  const message: Message = {
    id,
    from,
    to,
    type,
    body,
    sentAt: t,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(trace ? { trace } : {}),
  };
  return {
    id,
    send: { t, kind: 'send', node: from, message },
    deliver: (at) => ({ t: at, kind: 'deliver', node: to, messageId: id, from, type }),
  };
}

/** client -> gateway order (root), gateway -> two services in parallel, each answered; then the order. */
function orderTrace(): TraceEvent[] {
  const order = call(0, 'client', 'gateway', 'order', { traceId: 'T1', spanId: 'a' });
  const q1 = call(5, 'gateway', 'service-1', 'quote', { traceId: 'T1', spanId: 'b', parentSpanId: 'a' });
  const q2 = call(5, 'gateway', 'service-2', 'quote', { traceId: 'T1', spanId: 'c', parentSpanId: 'a' });
  const r1 = call(12, 'service-1', 'gateway', 'quote_ok', undefined, q1.id);
  const r2 = call(40, 'service-2', 'gateway', 'quote_ok', undefined, q2.id, { error: 'no price' });
  const done = call(44, 'gateway', 'client', 'order_ok', undefined, order.id);
  return [
    order.send,
    order.deliver(4),
    q1.send,
    q2.send,
    q1.deliver(8),
    q2.deliver(9),
    r1.send,
    r1.deliver(15),
    r2.send,
    r2.deliver(43),
    done.send,
    done.deliver(48),
  ];
}

describe('traceTrees', () => {
  it('pairs each request with its reply into spans, a tree by parentSpanId', () => {
    const [tree] = traceTrees(orderTrace());
    expect(tree).toMatchObject({ traceId: 'T1', start: 0, end: 48, problems: [] });
    expect(tree!.spans.map((s) => [s.spanId, s.depth, s.from, s.to, s.start, s.arrived, s.end])).toEqual([
      ['a', 0, 'client', 'gateway', 0, 4, 48],
      ['b', 1, 'gateway', 'service-1', 5, 8, 15],
      ['c', 1, 'gateway', 'service-2', 5, 9, 43],
    ]);
    expect(tree!.spans[2]!.error).toBe(true);
    expect(tree!.spans[1]!.error).toBeUndefined();
  });

  it('says what breaks the tree: a second root, an unknown parent, a reused spanId', () => {
    const root = call(0, 'client', 'gateway', 'order', { traceId: 'T', spanId: 'a' });
    const orphan = call(1, 'service-1', 'store', 'read', { traceId: 'T', spanId: 'x', parentSpanId: 'zz' });
    const retry1 = call(2, 'gateway', 'service-1', 'quote', { traceId: 'T', spanId: 'b', parentSpanId: 'a' });
    const retry2 = call(3, 'gateway', 'service-1', 'quote', { traceId: 'T', spanId: 'b', parentSpanId: 'a' });
    const other = call(4, 'service-2', 'store', 'read', { traceId: 'T', spanId: 'r' });
    const [tree] = traceTrees([root.send, orphan.send, retry1.send, retry2.send, other.send]);
    expect(tree!.problems).toEqual([
      'span b is used by more than one call',
      'read from service-1: its parent zz was never sent',
      'it has more than one root',
    ]);
    expect(tree!.end).toBeUndefined();
    // Every call is drawn once, however broken the tree.
    expect(tree!.spans).toHaveLength(5);
  });

  it('messages without a trace context make no spans', () => {
    const plain = call(0, 'a', 'b', 'ping', undefined);
    expect(traceTrees([plain.send, plain.deliver(3)])).toEqual([]);
  });
});

describe('treesAt', () => {
  it('follows the cursor: later calls, arrivals and answers are not there yet', () => {
    const trees = traceTrees(orderTrace());
    expect(treesAt(trees, -1)).toEqual([]);
    const [at10] = treesAt(trees, 10);
    expect(at10!.end).toBeUndefined();
    expect(at10!.spans.map((s) => [s.spanId, s.arrived, s.end])).toEqual([
      ['a', 4, undefined],
      ['b', 8, undefined],
      ['c', 9, undefined],
    ]);
    const [at43] = treesAt(trees, 43);
    expect(at43!.spans[2]).toMatchObject({ end: 43, error: true });
    expect(treesAt(trees, 48)[0]).toBe(trees[0]);
  });
});

describe('slowTraces', () => {
  it('marks the slowest tenth of the finished traces, once there are ten', () => {
    const tree = (id: string, d: number) => ({ traceId: id, spans: [], start: 0, end: d, problems: [] });
    const trees = Array.from({ length: 20 }, (_, i) => tree(`t${i}`, i === 7 ? 500 : i === 3 ? 400 : 20 + i));
    expect([...slowTraces(trees)].sort()).toEqual(['t3', 't7']);
    expect(slowTraces(trees.slice(0, 9))).toEqual(new Set());
  });
});
