import { describe, expect, it } from 'vitest';
import type { Effect, InboundEvent, Json, Message, NodeBatch, NodeBoot } from '../kernel/protocol';
import { RandomStream } from '../kernel/prng';
import { compileRole } from './compile';
import { NodeRuntime } from './node-runtime';

const yieldToMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
const FILE = 'roles/server.ts';

function runtime(source: string, id = 'server'): NodeRuntime {
  const compiled = compileRole({ role: 'server', file: FILE, source });
  if (!compiled.ok) throw new Error(`${compiled.error.line}: ${compiled.error.message}`);
  return new NodeRuntime(id, compiled.role, { yieldToMacrotask });
}

const boot = (over: Partial<NodeBoot> = {}): NodeBoot => ({
  role: 'server',
  index: 0,
  seed: 42,
  incarnation: 0,
  storage: {},
  peers: [],
  ...over,
});

let sent = 0;
function msg(from: string, to: string, type: string, body: Json = {}, inReplyTo?: string): Message {
  return { id: `${from}#t${++sent}`, from, to, type, body, sentAt: 0, ...(inReplyTo ? { inReplyTo } : {}) };
}
const deliver = (at: number, message: Message): InboundEvent => ({ kind: 'deliver', at, message });

function batch(
  from: number,
  until: number,
  events: InboundEvent[] = [],
  over: Partial<NodeBatch> = {},
): NodeBatch {
  return { node: 'server', from, until, clockOffset: 0, events, ...over };
}

const of = <K extends Effect['kind']>(effects: Effect[], kind: K) =>
  effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
const logs = (effects: Effect[]) => of(effects, 'log').map((e) => [e.t, e.text] as const);

describe('NodeRuntime: messages', () => {
  it('boots and answers an echo with a reply to the sender', async () => {
    const rt = runtime(`
      import type { Node } from '@playground/node';
      export default function server(node: Node) {
        node.on('echo', (msg) => node.reply(msg, { text: \`Echo: \${msg.body.text}\` }));
      }`);
    const request = msg('client', 'server', 'echo', { text: 'hi' });
    const out = await rt.handleBatch(batch(0, 10, [deliver(3, request)], { boot: boot() }));
    expect(out.fatal).toBeUndefined();
    expect(out.effects).toEqual([
      { t: 0, kind: 'state', node: 'server', state: {} },
      { t: 3, kind: 'deliver', node: 'server', messageId: request.id, from: 'client', type: 'echo' },
      {
        t: 3,
        kind: 'send',
        node: 'server',
        message: {
          id: 'server#1',
          from: 'server',
          to: 'client',
          type: 'echo_ok',
          body: { text: 'Echo: hi' },
          inReplyTo: request.id,
          sentAt: 3,
        },
      },
    ]);
    expect(out.nextTimerAt).toBeNull();
  });

  it('makes send and deliver effects with the keys in the order the trace columns take (trace-columns.ts)', async () => {
    const rt = runtime(`export default function server(node) {
      node.on('echo', (msg) => {
        node.reply(msg, {});
        node.send('client', 'note', { n: 1 }, { trace: { traceId: 't', spanId: 's' } });
      });
    }`);
    const out = await rt.handleBatch(
      batch(0, 10, [deliver(3, msg('client', 'server', 'echo'))], { boot: boot() }),
    );
    const keys = (effect: object) => Object.keys(effect).join(',');
    const [delivered] = of(out.effects, 'deliver');
    const [reply, note] = of(out.effects, 'send');
    expect(keys(delivered!)).toBe('t,kind,node,messageId,from,type');
    expect(keys(reply!)).toBe('t,kind,node,message');
    expect(keys(reply!.message)).toBe('id,from,to,type,body,sentAt,inReplyTo');
    expect(keys(note!.message)).toBe('id,from,to,type,body,sentAt,trace');
    expect(Object.isFrozen(note!.message) && Object.isFrozen(note!.message.body)).toBe(true);
    expect(Object.isFrozen(note!.message.trace)).toBe(true);
  });

  it('warns about a message type without a handler', async () => {
    const rt = runtime('export default function (node) {}');
    const out = await rt.handleBatch(
      batch(0, 10, [deliver(1, msg('c', 'server', 'nope'))], { boot: boot() }),
    );
    expect(of(out.effects, 'log')).toEqual([
      { t: 1, kind: 'log', node: 'server', level: 'warn', text: "no handler for 'nope' (from c)" },
    ]);
  });

  it('copies a message body when sent, so later mutation does not travel', async () => {
    const rt = runtime(`export default function (node) {
      const body = { n: 1 }; node.send('x', 'a', body); body.n = 2; }`);
    const out = await rt.handleBatch(batch(0, 10, [], { boot: boot() }));
    expect(of(out.effects, 'send')[0]?.message.body).toEqual({ n: 1 });
  });

  it('correlates the replies of two concurrent rpcs to different peers', async () => {
    const rt = runtime(
      `export default function (node) {
        node.on('go', async () => {
          const [a, b] = await Promise.all([node.rpc('s1', 'get'), node.rpc('s2', 'get')]);
          node.state.a = a.body.v;
          node.state.b = b.body.v;
        });
      }`,
      'client',
    );
    const first = await rt.handleBatch(
      batch(0, 5, [deliver(1, msg('t', 'client', 'go'))], { node: 'client', boot: boot() }),
    );
    const sends = of(first.effects, 'send').map((e) => e.message);
    expect(sends.map((m) => [m.id, m.to])).toEqual([
      ['client#1', 's1'],
      ['client#2', 's2'],
    ]);
    expect(first.nextTimerAt).toBe(1001);
    const second = await rt.handleBatch(
      batch(
        5,
        10,
        [
          deliver(6, msg('s2', 'client', 'get_ok', { v: 'two' }, 'client#2')),
          deliver(7, msg('s1', 'client', 'get_ok', { v: 'one' }, 'client#1')),
        ],
        { node: 'client' },
      ),
    );
    expect(of(second.effects, 'log')).toEqual([]);
    expect(of(second.effects, 'state')).toEqual([
      { t: 7, kind: 'state', node: 'client', state: { a: 'one', b: 'two' } },
    ]);
    expect(second.nextTimerAt).toBeNull();
  });

  it('rejects an rpc with RpcTimeoutError at its deadline, and drops the late reply quietly', async () => {
    const rt = runtime(`export default function (node) {
      node.on('go', async () => {
        try {
          await node.rpc('server2', 'echo', { text: 'x' }, { timeout: 100 });
        } catch (e) {
          node.log(e.name, e.message, e.to, e.type, e instanceof Error, node.now());
        }
      });
    }`);
    const first = await rt.handleBatch(
      batch(0, 50, [deliver(0, msg('t', 'server', 'go'))], { boot: boot() }),
    );
    expect(first.nextTimerAt).toBe(100);
    expect(logs(first.effects)).toEqual([]);
    const second = await rt.handleBatch(batch(50, 150));
    expect(logs(second.effects)).toEqual([
      [100, "RpcTimeoutError rpc 'echo' to server2 timed out after 100 ms server2 echo true 100"],
    ]);
    const late = await rt.handleBatch(
      batch(150, 200, [deliver(160, msg('server2', 'server', 'echo_ok', {}, 'server#1'))]),
    );
    expect(late.effects.map((e) => e.kind)).toEqual(['deliver']);
  });

  it('reports an rpc nobody awaited as a warning when it times out', async () => {
    const rt = runtime(`export default function (node) { node.rpc('x', 'ping', null, { timeout: 10 }); }`);
    const out = await rt.handleBatch(batch(0, 20, [], { boot: boot() }));
    expect(of(out.effects, 'log')).toEqual([
      {
        t: 10,
        kind: 'log',
        node: 'server',
        level: 'warn',
        text: "rpc 'ping' to x timed out after 10 ms (nobody awaited it)",
      },
    ]);
    expect(of(out.effects, 'error')).toEqual([]);
  });

  it('reports a floating rpc chain that rejects as an error', async () => {
    const rt = runtime(
      `export default function (node) { node.rpc('x', 'ping', null, { timeout: 10 }).then(() => {}); }`,
    );
    const out = await rt.handleBatch(batch(0, 20, [], { boot: boot() }));
    expect(of(out.effects, 'error').map((e) => [e.t, e.message])).toEqual([
      [10, "RpcTimeoutError: rpc 'ping' to x timed out after 10 ms"],
    ]);
  });

  it('replaces the peers on a membership event', async () => {
    const rt = runtime(`export default function (node) {
      node.on('who', () => node.log(node.peers(), node.peers('db')));
    }`);
    const peers = [
      { id: 'b', role: 'db' },
      { id: 'a', role: 'web' },
    ];
    const out = await rt.handleBatch(
      batch(0, 10, [{ kind: 'membership', at: 1, peers }, deliver(2, msg('a', 'server', 'who'))], {
        boot: boot({ peers: [{ id: 'z', role: 'db' }] }),
      }),
    );
    expect(logs(out.effects)).toEqual([[2, '["a","b"] ["b"]']]);
  });
});

describe('NodeRuntime: timers', () => {
  it('fires timers in virtual-time order, events first on ties, setTimer(0) in the same batch', async () => {
    const rt = runtime(`export default function (node) {
      node.setTimer(30, () => node.log('b'));
      node.setTimer(10, () => node.log('a'));
      node.setTimer(30, () => node.log('b2'));
      node.every(20, () => node.log('tick'), 'heartbeat');
      const t = node.setTimer(15, () => node.log('cancelled'));
      t.cancel();
      node.on('x', () => node.setTimer(0, () => node.log('zero')));
      node.on('y', () => node.log('y'));
    }`);
    const out = await rt.handleBatch(
      batch(0, 50, [deliver(5, msg('c', 'server', 'x')), deliver(10, msg('c', 'server', 'y'))], {
        boot: boot(),
      }),
    );
    expect(logs(out.effects)).toEqual([
      [5, 'zero'],
      [10, 'y'],
      [10, 'a'],
      [20, 'tick'],
      [30, 'b'],
      [30, 'b2'],
      [40, 'tick'],
    ]);
    expect(of(out.effects, 'timer').find((e) => e.t === 20)).toEqual({
      t: 20,
      kind: 'timer',
      node: 'server',
      timerId: 4,
      label: 'heartbeat',
    });
    expect(out.nextTimerAt).toBe(60);
    // Paused until 100: the overdue tick fires at 100, then keeps its period from there.
    const late = await rt.handleBatch(batch(100, 101));
    expect(logs(late.effects)).toEqual([[100, 'tick']]);
    expect(late.nextTimerAt).toBe(120);
  });

  it('sleeps in virtual time', async () => {
    const rt = runtime(`export default function (node) {
      node.on('go', async () => { node.log('a'); await node.sleep(10); node.log('b', node.now()); });
    }`);
    const first = await rt.handleBatch(batch(0, 5, [deliver(1, msg('c', 'server', 'go'))], { boot: boot() }));
    expect(logs(first.effects)).toEqual([[1, 'a']]);
    expect(first.nextTimerAt).toBe(11);
    const second = await rt.handleBatch(batch(5, 20, [], { clockOffset: 1000 }));
    expect(logs(second.effects)).toEqual([[11, 'b 1011']]);
  });
});

describe('NodeRuntime: virtual globals', () => {
  const source = `export default function (node) {
    node.on('go', () => {
      node.log(Math.random(), node.random(), Date.now(), new Date().getTime(), performance.now(), new Date(5).getTime());
      setTimeout(() => node.log('st', Date.now()), 5);
      const id = setTimeout(() => node.log('never'), 6);
      clearTimeout(id);
    });
  }`;

  it('replaces Math.random, Date and setTimeout with the node seeded stream and clock', async () => {
    const go = msg('c', 'server', 'go');
    const run = async () => {
      const rt = runtime(source);
      return rt.handleBatch(
        batch(100, 200, [deliver(150, go)], { boot: boot({ seed: 7 }), clockOffset: 30 }),
      );
    };
    const [a, b] = [await run(), await run()];
    expect(a.effects).toEqual(b.effects);
    const stream = new RandomStream(7);
    const [r1, r2] = [stream.next(), stream.next()];
    expect(logs(a.effects)).toEqual([
      // performance.now() is the monotonic clock: 50 ms since boot at 100, skew not added.
      [150, `${r1} ${r2} 180 180 50 5`],
      [155, 'st 185'],
    ]);
  });

  it('keeps Math frozen and Date instances real', async () => {
    const rt = runtime(`export default function (node) {
      node.log(Object.isFrozen(Math), new Date() instanceof Date, typeof Date(), Math.max(1, 2), typeof setImmediate);
    }`);
    const out = await rt.handleBatch(batch(0, 1, [], { boot: boot() }));
    expect(logs(out.effects)).toEqual([[0, 'true true string 2 undefined']]);
  });
});
