import { describe, expect, it } from 'vitest';
import type { NodeBatch, NodeBoot, RoleSource } from '../kernel/protocol';
import { InProcessHost } from './in-process-host';

const roles: RoleSource[] = [
  {
    role: 'server',
    file: 'roles/server.ts',
    source: `import type { Node } from '@playground/node';
export default function server(node: Node) {
  node.on('echo', async (msg) => {
    await node.sleep(1);
    node.reply(msg, { text: msg.body.text });
  });
}`,
  },
  {
    role: 'client',
    file: 'roles/client.ts',
    source: `export default function client(node) {
  node.every(10, async () => {
    const reply = await node.rpc('server', 'echo', { text: 'hi ' + node.id });
    node.log(reply.body.text);
  });
}`,
  },
];

const boot = (role: string, index: number, incarnation = 0): NodeBoot => ({
  role,
  index,
  seed: 100 + index,
  incarnation,
  storage: {},
  peers: [],
});
const batch = (node: string, from: number, until: number, over: Partial<NodeBatch> = {}): NodeBatch => ({
  node,
  from,
  until,
  clockOffset: 0,
  events: [],
  ...over,
});

describe('InProcessHost', () => {
  it('reports load errors with file and line', async () => {
    const host = new InProcessHost();
    const errors = await host.load([
      ...roles,
      { role: 'bad', file: 'roles/bad.ts', source: 'let x = 1;\nlet = ;' },
    ]);
    expect(errors).toEqual([expect.objectContaining({ role: 'bad', file: 'roles/bad.ts', line: 2 })]);
  });

  it('runs nodes concurrently and answers in batch order', async () => {
    const host = new InProcessHost();
    expect(await host.load(roles)).toEqual([]);
    const outs = await host.deliver([
      batch('client-1', 0, 11, { boot: boot('client', 1) }),
      batch('server', 0, 11, { boot: boot('server', 0) }),
      batch('client-2', 0, 11, { boot: boot('client', 2) }),
    ]);
    expect(outs.map((o) => o.node)).toEqual(['client-1', 'server', 'client-2']);
    const request = outs[0]?.effects.find((e) => e.kind === 'send');
    expect(request).toMatchObject({ t: 10, message: { id: 'client-1#1', to: 'server', type: 'echo' } });
    if (request?.kind !== 'send') throw new Error('no request');

    const [server] = await host.deliver([
      batch('server', 11, 20, { events: [{ kind: 'deliver', at: 12, message: request.message }] }),
    ]);
    const reply = server?.effects.find((e) => e.kind === 'send');
    expect(reply).toMatchObject({
      t: 13,
      message: { to: 'client-1', type: 'echo_ok', inReplyTo: 'client-1#1' },
    });
    if (reply?.kind !== 'send') throw new Error('no reply');

    const [client] = await host.deliver([
      batch('client-1', 11, 15, { events: [{ kind: 'deliver', at: 14, message: reply.message }] }),
    ]);
    expect(client?.effects.filter((e) => e.kind === 'log')).toEqual([
      { t: 14, kind: 'log', node: 'client-1', level: 'info', text: 'hi client-1' },
    ]);
    expect(client?.nextTimerAt).toBe(20);
  });

  it('answers fatal for a node that never booted, an unknown role, and a stopped node', async () => {
    const host = new InProcessHost();
    await host.load(roles);
    const [never, unknown] = await host.deliver([
      batch('ghost', 0, 1),
      batch('x', 0, 1, { boot: boot('nope', 9) }),
    ]);
    expect(never?.fatal?.reason).toMatch(/not running/);
    expect(unknown?.fatal?.reason).toMatch(/unknown role 'nope'/);

    await host.deliver([batch('server', 0, 1, { boot: boot('server', 0) })]);
    await host.stop(['server']);
    const [stopped] = await host.deliver([batch('server', 1, 2)]);
    expect(stopped?.fatal).toBeDefined();
    const [restarted] = await host.deliver([batch('server', 2, 3, { boot: boot('server', 0, 1) })]);
    expect(restarted?.fatal).toBeUndefined();
    await host.dispose();
  });

  it('accepts an injected macrotask yield', async () => {
    let yields = 0;
    const host = new InProcessHost({
      yieldToMacrotask: () => {
        yields++;
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    await host.load(roles);
    await host.deliver([batch('server', 0, 1, { boot: boot('server', 0) })]);
    expect(yields).toBeGreaterThan(0);
  });

  it('gives the same outputs for the same batches (determinism)', async () => {
    const run = async () => {
      const host = new InProcessHost();
      await host.load(roles);
      const outs = [];
      outs.push(
        ...(await host.deliver([
          batch('client-1', 0, 50, { boot: boot('client', 1) }),
          batch('client-2', 0, 50, { boot: boot('client', 2) }),
        ])),
      );
      return JSON.stringify(outs);
    };
    expect(await run()).toBe(await run());
  });
});
