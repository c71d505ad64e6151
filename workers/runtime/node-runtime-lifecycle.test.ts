import { describe, expect, it } from 'vitest';
import type { Effect, InboundEvent, Json, Message, NodeBatch, NodeBoot } from '../kernel/protocol';
import { compileRole } from './compile';
import { NodeRuntime } from './node-runtime';

const yieldToMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
const FILE = 'roles/server.ts';

function runtime(source: string): NodeRuntime {
  const compiled = compileRole({ role: 'server', file: FILE, source });
  if (!compiled.ok) throw new Error(`${compiled.error.line}: ${compiled.error.message}`);
  return new NodeRuntime('server', compiled.role, { yieldToMacrotask });
}

const boot = (over: Partial<NodeBoot> = {}): NodeBoot => ({
  role: 'server',
  index: 0,
  seed: 1,
  incarnation: 0,
  storage: {},
  peers: [],
  ...over,
});
let sent = 0;
const msg = (type: string, body: Json = {}): Message => ({
  id: `c#${++sent}`,
  from: 'c',
  to: 'server',
  type,
  body,
  sentAt: 0,
});
const deliver = (at: number, message: Message): InboundEvent => ({ kind: 'deliver', at, message });
const batch = (
  from: number,
  until: number,
  events: InboundEvent[] = [],
  over: Partial<NodeBatch> = {},
): NodeBatch => ({
  node: 'server',
  from,
  until,
  clockOffset: 0,
  events,
  ...over,
});
const of = <K extends Effect['kind']>(effects: Effect[], kind: K) =>
  effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);

describe('NodeRuntime: errors', () => {
  it('reports a throw with the role file and the learner line, and keeps the node running', async () => {
    const rt = runtime(
      [
        "import type { Node } from '@playground/node';", // 1
        '', // 2
        'export default function server(node: Node) {', // 3
        "  node.on('boom', (msg) => {", // 4
        '    const n: number = msg.body.n;', // 5
        '    if (n > 0) {', // 6
        "      throw new Error('line seven');", // 7
        '    }', // 8
        '  });', // 9
        "  node.on('ok', () => node.log('still here'));", // 10
        '}', // 11
      ].join('\n'),
    );
    const out = await rt.handleBatch(
      batch(0, 10, [deliver(1, msg('boom', { n: 1 })), deliver(2, msg('ok'))], { boot: boot() }),
    );
    const [error] = of(out.effects, 'error');
    expect(error).toMatchObject({ t: 1, message: 'Error: line seven', where: { file: FILE, line: 7 } });
    expect(error?.stack).toContain('roles/server.ts:7:');
    expect(of(out.effects, 'log').map((e) => e.text)).toEqual(['still here']);
  });

  it('reports a throw in the role main and keeps the handlers it registered', async () => {
    const rt = runtime(`export default function (node) {
      node.on('ok', () => node.log('ok'));
      throw new TypeError('main failed');
    }`);
    const out = await rt.handleBatch(batch(0, 10, [deliver(1, msg('ok'))], { boot: boot() }));
    expect(out.fatal).toBeUndefined();
    expect(of(out.effects, 'error')).toMatchObject([
      { t: 0, message: 'TypeError: main failed', where: { line: 3 } },
    ]);
    expect(of(out.effects, 'log').map((e) => e.text)).toEqual(['ok']);
  });

  it('reports the rejection of an async handler with its line', async () => {
    const rt = runtime(`export default function (node) {
      node.on('go', async () => {
        await node.sleep(5);
        throw new Error('later');
      });
    }`);
    const out = await rt.handleBatch(batch(0, 10, [deliver(1, msg('go'))], { boot: boot() }));
    expect(of(out.effects, 'error')).toMatchObject([
      { t: 6, message: 'Error: later', where: { file: FILE, line: 4 } },
    ]);
  });

  it('is fatal when the default export is not a function (no default export at all does not compile)', async () => {
    const none = compileRole({ role: 'server', file: FILE, source: 'export const x = 1;' });
    expect(none.ok || none.error.message).toBe(
      'there is no default export: a role is export default function name(node) { ... }',
    );
    const empty = compileRole({ role: 'server', file: FILE, source: ' \n' });
    expect(empty.ok || empty.error).toMatchObject({
      file: FILE,
      line: 1,
      message: expect.stringMatching(/the file is empty/),
    });
    const notFn = await runtime('export default 3;').handleBatch(batch(0, 10, [], { boot: boot() }));
    expect(notFn.fatal?.reason).toMatch(/not a function/);
  });

  it('answers a batch before any boot with fatal', async () => {
    const out = await runtime('export default function () {}').handleBatch(batch(0, 10));
    expect(out.fatal?.reason).toMatch(/has not booted/);
  });
});

describe('NodeRuntime: async work', () => {
  it('stamps effects of async continuations with the time of their event', async () => {
    const rt = runtime(`export default function (node) {
      node.on('go', async (msg) => {
        await Promise.resolve();
        await null;
        node.send('x', 'after', { n: msg.body.n });
      });
    }`);
    const out = await rt.handleBatch(
      batch(0, 10, [deliver(2, msg('go', { n: 1 })), deliver(3, msg('go', { n: 2 }))], { boot: boot() }),
    );
    expect(of(out.effects, 'send').map((e) => [e.t, e.message.body])).toEqual([
      [2, { n: 1 }],
      [3, { n: 2 }],
    ]);
  });

  it('waits for crypto.subtle inside an async handler, within the batch, in call order', async () => {
    const rt = runtime(`export default function (node) {
      node.on('hash', async (msg) => {
        const data = new TextEncoder().encode(msg.body.text);
        const [a, b] = await Promise.all([
          crypto.subtle.digest('SHA-256', data),
          crypto.subtle.digest('SHA-1', data),
        ]);
        const hex = (buf) => Array.from(new Uint8Array(buf), (x) => x.toString(16).padStart(2, '0')).join('');
        node.log(hex(a).slice(0, 8), hex(b).slice(0, 8));
        const again = await crypto.subtle.digest('SHA-256', data);
        node.state.h = hex(again).slice(0, 8);
      });
      node.on('uuid', () => node.log(crypto.randomUUID()));
    }`);
    const out = await rt.handleBatch(
      batch(0, 10, [deliver(4, msg('hash', { text: 'abc' })), deliver(5, msg('uuid'))], { boot: boot() }),
    );
    const logs = of(out.effects, 'log');
    expect(logs[0]).toMatchObject({ t: 4, text: 'ba7816bf a9993e36' });
    expect(logs[1]?.t).toBe(5);
    expect(logs[1]?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(of(out.effects, 'state')).toEqual([
      { t: 0, kind: 'state', node: 'server', state: {} },
      { t: 4, kind: 'state', node: 'server', state: { h: 'ba7816bf' } },
    ]);
  });
});

describe('NodeRuntime: memory, storage, spawn', () => {
  const source = `export default function (node) {
    node.log('booted', node.storage.get('count') ?? 0, JSON.stringify(node.state));
    node.on('inc', () => {
      node.state.count = (node.state.count ?? 0) + 1;
      node.storage.set('count', node.state.count);
    });
    node.on('noop', () => {});
    node.on('spawn', () => node.log(node.spawn('worker'), node.spawn('worker'), node.spawn('db'), node.send('x', 'hi')));
  }`;

  it('keeps storage across a re-boot with the storage passed in, not memory', async () => {
    const rt = runtime(source);
    const first = await rt.handleBatch(
      batch(0, 10, [deliver(1, msg('inc')), deliver(2, msg('inc')), deliver(3, msg('noop'))], {
        boot: boot(),
      }),
    );
    expect(of(first.effects, 'storage')).toEqual([
      { t: 1, kind: 'storage', node: 'server', key: 'count', value: 1 },
      { t: 2, kind: 'storage', node: 'server', key: 'count', value: 2 },
    ]);
    // State effects only when it changed: none for 'noop'.
    expect(of(first.effects, 'state').map((e) => [e.t, e.state])).toEqual([
      [0, {}],
      [1, { count: 1 }],
      [2, { count: 2 }],
    ]);
    const again = await rt.handleBatch(
      batch(20, 30, [deliver(21, msg('inc'))], { boot: boot({ incarnation: 1, storage: { count: 2 } }) }),
    );
    expect(of(again.effects, 'log').map((e) => e.text)).toEqual(['booted 2 {}']);
    expect(of(again.effects, 'state').map((e) => [e.t, e.state])).toEqual([
      [20, {}],
      [21, { count: 1 }],
    ]);
  });

  it('names spawned nodes and messages uniquely across incarnations', async () => {
    const first = await runtime(source).handleBatch(
      batch(0, 10, [deliver(1, msg('spawn'))], { boot: boot() }),
    );
    expect(of(first.effects, 'log')[1]?.text).toBe('server/worker-1 server/worker-2 server/db-1 server#1');
    expect(of(first.effects, 'spawn')).toEqual([
      { t: 1, kind: 'spawn', node: 'server', id: 'server/worker-1', role: 'worker' },
      { t: 1, kind: 'spawn', node: 'server', id: 'server/worker-2', role: 'worker' },
      { t: 1, kind: 'spawn', node: 'server', id: 'server/db-1', role: 'db' },
    ]);
    const later = await runtime(source).handleBatch(
      batch(0, 10, [deliver(1, msg('spawn'))], { boot: boot({ incarnation: 2 }) }),
    );
    expect(of(later.effects, 'log')[1]?.text).toBe(
      'server/worker-2.1 server/worker-2.2 server/db-2.1 server#2.1',
    );
  });

  it('emits stop and metric effects', async () => {
    const rt = runtime(
      `export default function (node) { node.metric('q', 3); node.stop('server/worker-1'); }`,
    );
    const out = await rt.handleBatch(batch(0, 10, [], { boot: boot() }));
    expect(out.effects.filter((e) => e.kind === 'metric' || e.kind === 'stop')).toEqual([
      { t: 0, kind: 'metric', node: 'server', name: 'q', value: 3 },
      { t: 0, kind: 'stop', node: 'server', id: 'server/worker-1' },
    ]);
  });
});

describe('NodeRuntime: large batches', () => {
  it('answers every message of large batches, in order (throughput itself is `npm run bench`)', async () => {
    const rt = runtime(`export default function (node) {
      node.on('ping', (msg) => { node.send(msg.from, 'pong', msg.body); });
    }`);
    await rt.handleBatch(batch(0, 1, [], { boot: boot() }));
    // Batches of 1000 messages; each message is handled and answered with its own body.
    const n = 1000;
    const rounds = 100;
    const batches = Array.from({ length: rounds }, (_, r) =>
      batch(
        1 + r,
        2 + r,
        Array.from({ length: n }, (_, i) =>
          deliver(1 + r + i / n, {
            id: `c#${r}.${i}`,
            from: 'c',
            to: 'server',
            type: 'ping',
            body: i,
            sentAt: 0,
          }),
        ),
      ),
    );
    let handled = 0;
    for (const b of batches) {
      const out = await rt.handleBatch(b);
      const sends = out.effects.filter((e) => e.kind === 'send');
      expect(sends.map((e) => e.message.body)).toEqual(b.events.map((_, i) => i));
      handled += sends.length;
    }
    expect(handled).toBe(rounds * n);
  });
});
