/**
 * WorkerHost over real MessagePorts (Node's), with fake node Workers on the far ends that speak node-wire:
 * outputs come back in batch order whoever answers first, and the watchdog still kills a silent node.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, NodeBatch, NodeOutput } from '../kernel/protocol';
import type { FromNode, NodeProvider, ToNode } from './node-wire';
import { decodeBatch, encodeOutput } from './wire-codec';
import { WorkerHost } from './worker-host';

/** How a fake node answers a batch: with an output after `delayMs`, or never (it spins). */
type Behaviour = (batch: NodeBatch) => { output: NodeOutput; delayMs: number } | 'spin';

function fakeProvider(behaviour: Behaviour): NodeProvider & { terminated: string[]; ports: MessagePort[] } {
  const terminated: string[] = [];
  const ports: MessagePort[] = [];
  return {
    terminated,
    ports,
    async openNode() {
      const channel = new MessageChannel();
      const port = channel.port1;
      ports.push(port, channel.port2);
      port.onmessage = (event: MessageEvent<ToNode>) => {
        const data = event.data;
        if (data.kind !== 'batch') return;
        const batch = decodeBatch(data.batch);
        // A booting node says when its role is compiled: from then on the watchdog counts.
        if (batch.boot) port.postMessage({ kind: 'started', seq: data.seq } satisfies FromNode);
        const answer = behaviour(batch);
        if (answer === 'spin') return;
        const reply: FromNode = { kind: 'output', seq: data.seq, output: encodeOutput(answer.output, batch) };
        setTimeout(() => port.postMessage(reply), answer.delayMs);
      };
      port.postMessage({ kind: 'ready' } satisfies FromNode);
      return channel.port2;
    },
    async terminateNode(nodeId) {
      terminated.push(nodeId);
    },
  };
}

const message = (from: string, to: string, n: number): Message => ({
  id: `${from}#${n}`,
  from,
  to,
  type: 'echo',
  body: {},
  sentAt: 0,
});

/** Each node echoes what it got: a `deliver` and a reply per message. */
function echo(batch: NodeBatch): NodeOutput {
  const effects: NodeOutput['effects'] = [];
  for (const event of batch.events) {
    if (event.kind !== 'deliver') continue;
    const m = event.message;
    effects.push({
      t: event.at,
      kind: 'deliver',
      node: batch.node,
      messageId: m.id,
      from: m.from,
      type: m.type,
    });
    const reply: Message = {
      id: `${batch.node}#r${m.id}`,
      from: batch.node,
      to: m.from,
      type: 'echo_ok',
      body: {},
      sentAt: event.at,
      inReplyTo: m.id,
    };
    effects.push({ t: event.at, kind: 'send', node: batch.node, message: reply });
  }
  return { node: batch.node, effects, nextTimerAt: null };
}

const batchFor = (node: string, n: number): NodeBatch => ({
  node,
  from: 1,
  until: 2,
  clockOffset: 0,
  events: [{ kind: 'deliver', at: 1, message: message('client', node, n) }],
});

let provider: ReturnType<typeof fakeProvider> | undefined;
afterEach(() => {
  for (const port of provider?.ports ?? []) port.close();
  provider = undefined;
});

describe('WorkerHost', () => {
  it('returns outputs in batch order, whoever answers first, window after window', async () => {
    // The first node answers last.
    provider = fakeProvider((batch) => ({ output: echo(batch), delayMs: batch.node === 'a' ? 30 : 0 }));
    const host = new WorkerHost(provider, { budgetMs: 1000 });
    for (let window = 0; window < 3; window++) {
      const batches = ['a', 'b', 'c'].map((node) => batchFor(node, window));
      const outputs = await host.deliver(batches);
      expect(outputs.map((o) => o.node)).toEqual(['a', 'b', 'c']);
      outputs.forEach((output, i) => expect(JSON.stringify(output)).toBe(JSON.stringify(echo(batches[i]!))));
    }
    // Overlapping calls each get their own outputs.
    const [x, y] = await Promise.all([host.deliver([batchFor('a', 7)]), host.deliver([batchFor('b', 8)])]);
    expect(x[0]!.effects[0]).toMatchObject({ messageId: 'client#7' });
    expect(y[0]!.effects[0]).toMatchObject({ messageId: 'client#8' });
    await host.dispose();
  });

  it('kills a node that makes no progress within the budget, and reports it as fatal', async () => {
    // The spinner boots fine, then spins in its first message.
    provider = fakeProvider((batch) =>
      batch.node === 'spinner' && !batch.boot ? 'spin' : { output: echo(batch), delayMs: 0 },
    );
    const host = new WorkerHost(provider, { budgetMs: 100 });
    await host.load([
      {
        role: 'spinner',
        file: 'roles/spinner.ts',
        source: "export default function (node) {\n  node.on('echo', () => { for (;;); });\n}\n",
      },
    ]);
    const boot = { role: 'spinner', index: 1, seed: 1, incarnation: 0, storage: {}, peers: [] };
    const booted = await host.deliver([
      { node: 'spinner', from: 0, until: 1, clockOffset: 0, events: [], boot },
    ]);
    expect(booted[0]!.fatal).toBeUndefined();
    const started = performance.now();
    const outputs = await host.deliver([batchFor('ok', 1), batchFor('spinner', 1)]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(outputs[0]!.fatal).toBeUndefined();
    expect(outputs[1]!.fatal).toEqual({
      reason:
        "handling 'echo' from client: did not finish within 0.1 s (an infinite loop?); the run was stopped",
      where: { file: 'roles/spinner.ts', line: 2 },
    });
    expect(provider.terminated).toEqual(['spinner']);
    // Idle afterwards: the watchdog disarms and a later window works.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const again = await host.deliver([batchFor('ok', 2)]);
    expect(again[0]!.fatal).toBeUndefined();
    await host.dispose();
  });

  it('reports nodes whose Worker died on its own (their frame crashed) as stopped, now or at their next batch', async () => {
    provider = fakeProvider((batch) =>
      batch.node === 'waiting' ? 'spin' : { output: echo(batch), delayMs: 0 },
    );
    let lose: ((node: string, reason: string) => void) | undefined;
    provider.watchLost = (listener) => (lose = listener);
    const host = new WorkerHost(provider, { budgetMs: 10_000 });
    await host.deliver([batchFor('idle', 1)]);
    const out = host.deliver([batchFor('waiting', 1)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    lose!('waiting', 'its frame died');
    lose!('idle', 'its frame died');
    expect((await out)[0]!.fatal).toEqual({ reason: 'its frame died' });
    const next = await host.deliver([batchFor('idle', 2)]);
    expect(next[0]!.fatal).toEqual({ reason: 'its frame died' });
    // Reported once: the batch after that goes to a fresh Worker.
    expect((await host.deliver([batchFor('idle', 3)]))[0]!.fatal).toBeUndefined();
    await host.dispose();
  });

  it('ends a batch as a crash when its Worker is lost while still starting (before it said ready)', async () => {
    // The frame was rebuilt while 32 Workers started: a lost Worker never says `ready`, and the run hung.
    provider = fakeProvider((batch) => ({ output: echo(batch), delayMs: 0 }));
    const opened = provider.openNode.bind(provider);
    let lose: ((node: string, reason: string) => void) | undefined;
    provider.watchLost = (listener) => (lose = listener);
    const silent = new MessageChannel();
    provider.ports.push(silent.port1, silent.port2);
    provider.openNode = async (nodeId) => (nodeId === 'starting' ? silent.port2 : opened(nodeId));
    const host = new WorkerHost(provider, { budgetMs: 10_000 });
    const boot = { role: 'r', index: 0, seed: 1, incarnation: 0, storage: {}, peers: [] };
    const out = host.deliver([
      batchFor('ok', 1),
      { node: 'starting', from: 0, until: 1, clockOffset: 0, events: [], boot },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    lose!('starting', 'its frame died');
    const outputs = await out;
    expect(outputs[0]!.fatal).toBeUndefined();
    expect(outputs[1]!.fatal).toEqual({ reason: 'its frame died' });
    // The node's next batch opens a fresh Worker.
    provider.openNode = opened;
    expect((await host.deliver([batchFor('starting', 2)]))[0]!.fatal).toBeUndefined();
    await host.dispose();
  });

  it('blames no node while the frame is silent, and counts again once it answers', async () => {
    provider = fakeProvider((batch) =>
      batch.node === 'slow' ? 'spin' : { output: echo(batch), delayMs: 0 },
    );
    let frame: ((answering: boolean) => void) | undefined;
    provider.watchFrame = (listener) => (frame = listener);
    const host = new WorkerHost(provider, { budgetMs: 100 });
    await host.deliver([batchFor('ok', 1)]);
    frame!(false);
    let settled = false;
    const out = host.deliver([batchFor('slow', 1)]).then((outputs) => ((settled = true), outputs));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(settled).toBe(false);
    expect(provider.terminated).toEqual([]);
    frame!(true);
    const outputs = await out;
    expect(outputs[0]!.fatal?.reason).toContain('did not finish within 0.1 s');
    expect(provider.terminated).toEqual(['slow']);
    await host.dispose();
  });

  it("ends the last run's node Workers when a new run loads (Rerun starts from fresh realms)", async () => {
    provider = fakeProvider((batch) => ({ output: echo(batch), delayMs: 0 }));
    const host = new WorkerHost(provider, { budgetMs: 1000 });
    await host.deliver([batchFor('a', 1), batchFor('b', 1)]);
    expect(provider.terminated).toEqual([]);
    await host.load([]);
    expect(provider.terminated.sort()).toEqual(['a', 'b']);
    await host.deliver([batchFor('a', 2)]);
    // a's second Worker: one more port pair.
    expect(provider.ports).toHaveLength(6);
    await host.dispose();
  });
});
