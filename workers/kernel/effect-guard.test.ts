/**
 * The kernel accepts from a node only effects of that node (effect-guard.ts). A host that rewrites one node's
 * output stands in for learner code that patched its runtime or its port: every forgery is dropped, named in
 * an `error` event of the node that sent it, and nothing of it reaches the trace or another node.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../host/headless';
import { InProcessHost } from '../host/in-process-host';
import type { Effect, NodeBatch, NodeHost, NodeOutput, RoleSource, TraceEvent } from './protocol';
import type { ScenarioData } from './scenario';

const roles: RoleSource[] = [
  {
    role: 'a',
    file: 'roles/a.ts',
    source: `export default function a(node) {
      node.every(10, () => node.send('b', 'ping', {}));
    }`,
  },
  {
    role: 'b',
    file: 'roles/b.ts',
    source: `export default function b(node) {
      node.state = { pings: 0 };
      node.on('ping', () => { node.state = { pings: node.state.pings + 1 }; });
    }`,
  },
];

const scenario: ScenarioData = {
  id: 'guard',
  title: 'guard',
  roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts' } },
  network: { defaults: { latency: { kind: 'constant', ms: 5 } } },
  faults: [],
  until: 100,
};

/** The in-process host, with node a's output rewritten by `forge` on each of its batches. */
class ForgingHost extends InProcessHost {
  constructor(private readonly forge: (batch: NodeBatch, effects: Effect[]) => Effect[]) {
    super();
  }
  override async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    const outputs = await super.deliver(batches);
    return outputs.map((output, i) =>
      output.node === 'a' ? { ...output, effects: this.forge(batches[i]!, output.effects) } : output,
    );
  }
}

async function traceWith(forge: (batch: NodeBatch, effects: Effect[]) => Effect[]): Promise<TraceEvent[]> {
  const host: NodeHost = new ForgingHost(forge);
  const outcome = await runScenario({ scenario, roles, seed: 1, host });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return [...outcome.result.trace];
}

const errorsOf = (trace: TraceEvent[], node: string) =>
  trace.filter((e) => e.kind === 'error' && e.node === node).map((e) => (e as { message: string }).message);

describe('the kernel refuses effects a node could not have made', () => {
  it('an honest run has no refusals', async () => {
    const trace = await traceWith((_, effects) => effects);
    expect(errorsOf(trace, 'a')).toEqual([]);
    expect(trace.filter((e) => e.kind === 'send').length).toBeGreaterThan(5);
  });

  it('drops a send in the name of another node, and a message from another node', async () => {
    const trace = await traceWith((batch, effects) => [
      ...effects,
      {
        t: batch.from,
        kind: 'send',
        node: 'b',
        message: { id: 'b#900', from: 'b', to: 'a', type: 'x', body: {}, sentAt: batch.from },
      },
      {
        t: batch.from,
        kind: 'send',
        node: 'a',
        message: { id: 'a#901', from: 'b', to: 'a', type: 'x', body: {}, sentAt: batch.from },
      },
    ]);
    expect(trace.some((e) => e.kind === 'send' && e.message.type === 'x')).toBe(false);
    expect(trace.some((e) => e.kind === 'deliver' && e.type === 'x')).toBe(false);
    const errors = errorsOf(trace, 'a');
    expect(errors).toContain(`the kernel dropped a forged effect: a send effect in the name of "b"`);
    expect(errors).toContain(`the kernel dropped a forged effect: a message 'from' "b"`);
    expect(errorsOf(trace, 'b')).toEqual([]);
  });

  it("drops message ids that are not the node's own, or used already", async () => {
    let n = 0;
    const trace = await traceWith((batch, effects) => {
      const fake = (id: string): Effect => ({
        t: batch.from,
        kind: 'send',
        node: 'a',
        message: { id, from: 'a', to: 'b', type: 'fake', body: {}, sentAt: batch.from },
      });
      return n++ === 3 ? [...effects, fake('b#1'), fake('a#1'), fake('a#2.5')] : effects;
    });
    expect(trace.some((e) => e.kind === 'send' && e.message.type === 'fake')).toBe(false);
    const errors = errorsOf(trace, 'a');
    expect(errors).toContain(
      `the kernel dropped a forged effect: a message with the id 'b#1', which is not one of a's`,
    );
    expect(errors).toContain(
      `the kernel dropped a forged effect: a message with the id a#1, which it used already`,
    );
    expect(errors).toContain(
      `the kernel dropped a forged effect: a message with the id 'a#2.5', which is not one of a's`,
    );
  });

  it('drops a fake crash of another node, a delivery never given, another node state and a time out of its window', async () => {
    const trace = await traceWith((batch, effects) => [
      ...effects,
      { t: batch.from, kind: 'crash', node: 'b', reason: 'forged' } as unknown as Effect,
      { t: batch.from, kind: 'partition', node: 'a', from: 'a', to: 'b' } as unknown as Effect,
      { t: batch.from, kind: 'deliver', node: 'a', messageId: 'b#1', from: 'b', type: 'pong' },
      { t: batch.from, kind: 'state', node: 'b', state: { pings: 1000 } },
      { t: batch.from - 1, kind: 'log', node: 'a', level: 'info', text: 'from the past' },
    ]);
    expect(trace.some((e) => e.kind === 'crash')).toBe(false);
    expect(trace.some((e) => e.kind === 'deliver' && e.node === 'a')).toBe(false);
    expect(
      trace.some((e) => e.kind === 'state' && e.node === 'b' && JSON.stringify(e.state).includes('1000')),
    ).toBe(false);
    expect(trace.some((e) => e.kind === 'log' && e.text === 'from the past')).toBe(false);
    const errors = errorsOf(trace, 'a');
    expect(errors).toContain('the kernel dropped a forged effect: a crash effect in the name of "b"');
    expect(errors).toContain(
      'the kernel dropped a forged effect: an effect of kind "partition", which only the kernel makes',
    );
    expect(errors).toContain(`the kernel dropped a forged effect: a delivery of 'b#1' it was not given`);
    expect(errors).toContain(`the kernel dropped a forged effect: a state effect in the name of "b"`);
    expect(errors.some((m) => m.startsWith('the kernel dropped a forged effect: a log effect at'))).toBe(
      true,
    );
    // Trace time never runs backwards, forgeries or not.
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.t).toBeGreaterThanOrEqual(trace[i - 1]!.t);
  });
});
