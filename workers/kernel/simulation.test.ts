/**
 * The kernel end to end over the in-process host: each fault kind changes the trace as it should, and runs
 * are deterministic. Assertions are on traces, never on timing.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../host/headless';
import type { FaultSpec, LinkSpec, RoleSource, TraceEvent } from './protocol';
import type { RunResult, ScenarioData } from './scenario';
import { Simulation } from './simulation';
import { hashEvents } from './trace';
import { InProcessHost } from '../host/in-process-host';

/** A sends `ping` to B every `every` ms (count `n`); B counts them and replies `pong`. */
const pinger = (every: number, n: number): RoleSource => ({
  role: 'a',
  file: 'roles/a.ts',
  source: `
    export default function a(node) {
      let sent = 0;
      const timer = node.every(${every}, () => {
        sent++;
        node.send('b', 'ping', { n: sent });
        if (sent >= ${n}) timer.cancel();
      });
      node.on('pong', () => {});
    }`,
});
const ponger: RoleSource = {
  role: 'b',
  file: 'roles/b.ts',
  source: `
    export default function b(node) {
      node.on('ping', (msg) => node.send(msg.from, 'pong', { n: msg.body.n }));
    }`,
};

function scenario(faults: FaultSpec[] = [], link: Partial<LinkSpec> = {}, until = 1000): ScenarioData {
  return {
    id: 'test',
    title: 'test',
    roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts' } },
    network: { defaults: { latency: { kind: 'constant', ms: 5 }, ...link } },
    faults,
    until,
  };
}

async function run(s: ScenarioData, roles: RoleSource[] = [pinger(10, 1000), ponger], seed = 1) {
  const outcome = await runScenario({ scenario: s, roles, seed });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome;
}

const deliveries = (r: RunResult, from: string, to: string) =>
  r.trace.filter(
    (e): e is Extract<TraceEvent, { kind: 'deliver' }> =>
      e.kind === 'deliver' && e.from === from && e.node === to,
  );
const ofKind = <K extends TraceEvent['kind']>(r: RunResult, kind: K) =>
  r.trace.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('faults', () => {
  it('a partitioned link delivers nothing while partitioned, and delivers again once healed', async () => {
    const { result } = await run(
      scenario([
        { at: 300, kind: 'partition', from: 'a', to: 'b' },
        { at: 600, kind: 'heal', from: 'a', to: 'b' },
      ]),
    );
    const during = (e: { t: number }) => e.t >= 300 && e.t < 600;
    expect(deliveries(result, 'a', 'b').filter(during)).toEqual([]);
    expect(deliveries(result, 'b', 'a').filter(during)).toEqual([]);
    expect(deliveries(result, 'a', 'b').filter((e) => e.t >= 610).length).toBeGreaterThan(30);
    expect(ofKind(result, 'drop').filter((d) => d.reason === 'partition').length).toBeGreaterThan(25);
  });

  it('a one-way partition blocks one direction only', async () => {
    // b pings a here, so that traffic flows both ways independently.
    const both: RoleSource[] = [
      pinger(10, 1000),
      {
        ...ponger,
        source: ponger.source.replace(
          "node.on('ping'",
          "node.every(10, () => node.send('a', 'hello', {})); node.on('ping'",
        ),
      },
    ];
    const { result } = await run(
      scenario([{ at: 100, kind: 'partition', from: 'a', to: 'b', direction: 'one-way' }]),
      both,
    );
    expect(deliveries(result, 'a', 'b').filter((e) => e.t >= 100)).toEqual([]);
    expect(deliveries(result, 'b', 'a').filter((e) => e.t >= 200).length).toBeGreaterThan(50);
  });

  it('loses messages at the configured rate (binomial bounds over 10k messages)', async () => {
    const { result } = await run(scenario([], { loss: 0.2 }, 10_100), [
      pinger(1, 10_000),
      { ...ponger, source: 'export default (node) => node.on("ping", () => {})' },
    ]);
    const sent = ofKind(result, 'send').length;
    const lost = ofKind(result, 'drop').filter((d) => d.reason === 'loss').length;
    expect(sent).toBe(10_000);
    const sd = Math.sqrt(sent * 0.2 * 0.8);
    expect(Math.abs(lost - sent * 0.2)).toBeLessThan(4 * sd);
    expect(deliveries(result, 'a', 'b').length).toBe(sent - lost);
  });

  it('delivers a duplicated message twice', async () => {
    const { result } = await run(scenario([], { duplicate: 1 }), [
      pinger(10, 20),
      { ...ponger, source: 'export default (node) => node.on("ping", () => {})' },
    ]);
    const sent = ofKind(result, 'send');
    expect(sent.length).toBe(20);
    expect(ofKind(result, 'duplicate').length).toBe(20);
    for (const m of sent)
      expect(deliveries(result, 'a', 'b').filter((d) => d.messageId === m.message.id).length).toBe(2);
  });

  it('a crash loses memory and keeps storage; a restart boots fresh with the storage', async () => {
    const counter: RoleSource = {
      role: 'b',
      file: 'roles/b.ts',
      source: `
        export default function b(node) {
          let inMemory = 0;
          node.on('ping', () => {
            inMemory++;
            node.storage.set('stored', (node.storage.get('stored') ?? 0) + 1);
            node.state.inMemory = inMemory;
            node.state.stored = node.storage.get('stored');
          });
        }`,
    };
    const { result } = await run(
      scenario([
        { at: 200, kind: 'crash', node: 'b' },
        { at: 300, kind: 'restart', node: 'b' },
      ]),
      [pinger(10, 50), counter],
    );
    const states = ofKind(result, 'state').map((e) => ({
      t: e.t,
      ...(e.state as { inMemory: number; stored: number }),
    }));
    const before = states.filter((s) => s.t < 200).at(-1)!;
    const firstAfter = states.find((s) => s.t > 300)!;
    expect(before.inMemory).toBe(before.stored);
    expect(firstAfter.inMemory).toBe(1);
    expect(firstAfter.stored).toBe(before.stored + 1);
    expect(ofKind(result, 'drop').filter((d) => d.reason === 'crashed').length).toBeGreaterThan(5);
    expect(result.nodes.find((n) => n.id === 'b')!.storage.stored).toBe(states.at(-1)!.stored);
  });

  it('clock skew shifts now() on that node only', async () => {
    const clock = (role: string): RoleSource => ({
      role,
      file: `roles/${role}.ts`,
      source: `export default (node) => node.setTimer(500, () => node.log(String(node.now()) + ' ' + Date.now()));`,
    });
    const { result } = await run(scenario([{ at: 100, kind: 'skew', node: 'b', offsetMs: 250 }]), [
      clock('a'),
      clock('b'),
    ]);
    const logs = Object.fromEntries(ofKind(result, 'log').map((l) => [l.node, l.text]));
    expect(logs).toEqual({ a: '500 500', b: '750 750' });
  });

  it('pause delays handling without losing messages', async () => {
    const { result } = await run(
      scenario([
        { at: 200, kind: 'pause', node: 'b' },
        { at: 400, kind: 'resume', node: 'b' },
      ]),
      [pinger(10, 60), { ...ponger, source: 'export default (node) => node.on("ping", () => {})' }],
    );
    const got = deliveries(result, 'a', 'b');
    expect(got.length).toBe(60);
    expect(got.filter((d) => d.t > 200 && d.t < 400)).toEqual([]);
    expect(got.filter((d) => d.t === 400).length).toBeGreaterThanOrEqual(19);
    expect(ofKind(result, 'drop')).toEqual([]);
  });
});

describe('determinism', () => {
  const jittery = scenario([], { latency: { kind: 'uniform', min: 1, max: 20 }, loss: 0.1, duplicate: 0.05 });

  it('the same scenario, code and seed give the same trace hash', async () => {
    const [x, y] = [await run(jittery, undefined, 7), await run(jittery, undefined, 7)];
    expect(x.hash).toBe(y.hash);
    expect(x.result.trace.length).toBeGreaterThan(100);
  });

  it('a different seed gives a different trace', async () => {
    expect((await run(jittery, undefined, 7)).hash).not.toBe((await run(jittery, undefined, 8)).hash);
  });

  it('inserting a fault at t does not change the trace before t', async () => {
    const base = await run(jittery, undefined, 3);
    const faulty = await run({ ...jittery, faults: [{ at: 500, kind: 'crash', node: 'b' }] }, undefined, 3);
    const before = (r: RunResult) => r.trace.filter((e) => e.t < 500);
    expect(before(faulty.result)).toEqual(before(base.result));
    expect(faulty.hash).not.toBe(base.hash);
  });

  it('running to the scenario’s end finishes the run, even when the last window ends exactly there', async () => {
    // Traffic every 10 ms up to the end: the last window ends at `until` itself, with events still queued.
    const made = await Simulation.create(
      { scenario: scenario([], {}, 500), seed: 1, host: new InProcessHost() },
      [pinger(10, 1000), ponger],
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    await made.sim.runUntil(500);
    expect(made.sim.now).toBe(500);
    expect(made.sim.finished).toBe(true);
    // Nothing is recorded by finishing: the trace is the headless run's.
    expect(made.sim.trace.hash()).toBe((await run(scenario([], {}, 500))).hash);
  });

  it('keeps every send and delivery in the trace columns, and the hash is pinned (the trace format held)', async () => {
    // Replies after a restart carry incarnation ids (`b#1.3`); pauses hold messages back and hand them over.
    const faults: FaultSpec[] = [
      { at: 200, kind: 'crash', node: 'b' },
      { at: 300, kind: 'restart', node: 'b' },
      { at: 400, kind: 'pause', node: 'b' },
      { at: 450, kind: 'resume', node: 'b' },
    ];
    const made = await Simulation.create(
      { scenario: { ...jittery, faults }, seed: 5, host: new InProcessHost() },
      [pinger(10, 1000), ponger],
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    await made.sim.runUntil(1000);
    const { trace } = made.sim;
    const messageEvents = trace.events.filter((e) => e.kind === 'send' || e.kind === 'deliver').length;
    expect(messageEvents).toBeGreaterThan(150);
    expect(trace.objectCount).toBe(trace.length - messageEvents);
    expect(trace.events.some((e) => e.kind === 'send' && e.message.id.startsWith('b#1.'))).toBe(true);
    // Each event hashes as its JSON text: the same events rebuilt as plain objects hash the same.
    expect(hashEvents(structuredClone(trace.events))).toBe(trace.hash());
    expect(trace.hash()).toBe(PINNED_RUN_HASH);
  });
});

/**
 * The hash of the run above; it moves only when the trace's content or format changes (then say why).
 * Last moved: initial nodes are recorded at t=0, and timers of the paused node fire at its resume time.
 */
const PINNED_RUN_HASH = 'fa3c3c957c7ad38c';

describe('errors', () => {
  it('a throwing handler becomes an error event naming the node, file and line; the node keeps running', async () => {
    const thrower: RoleSource = {
      role: 'b',
      file: 'roles/b.ts',
      source: [
        'export default function b(node) {',
        "  node.on('ping', (msg) => {",
        '    if (msg.body.n === 3) {',
        "      throw new Error('boom');",
        '    }',
        "    node.send(msg.from, 'pong', {});",
        '  });',
        '}',
      ].join('\n'),
    };
    const { result } = await run(scenario(), [pinger(10, 5), thrower]);
    const [error] = ofKind(result, 'error');
    expect(error).toMatchObject({
      node: 'b',
      message: expect.stringContaining('boom'),
      where: { file: 'roles/b.ts', line: 4 },
    });
    expect(ofKind(result, 'send').filter((e) => e.message.type === 'pong').length).toBe(4);
  });

  it('code that does not compile is refused with file and line before anything runs', async () => {
    const broken: RoleSource = {
      role: 'b',
      file: 'roles/b.ts',
      source: 'export default function b(node) {\n  node.on(\n}',
    };
    const outcome = await runScenario({ scenario: scenario(), roles: [pinger(10, 5), broken], seed: 1 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.errors[0]).toMatchObject({ role: 'b', file: 'roles/b.ts', line: expect.any(Number) });
  });
});

describe('membership', () => {
  it('spawned nodes boot with the storage given, appear in peers, and stop for good', async () => {
    const roles: RoleSource[] = [
      {
        role: 'a',
        file: 'roles/a.ts',
        source: `export default (node) => {
          node.setTimer(10, () => node.spawn('b', { storage: { job: 7 } }));
          node.setTimer(50, () => node.log('peers ' + node.peers('b').join(',')));
          node.setTimer(60, () => node.stop(node.peers('b')[0]));
          node.setTimer(100, () => node.log('peers ' + node.peers('b').join(',')));
        }`,
      },
      {
        role: 'b',
        file: 'roles/b.ts',
        source: `export default (node) => node.log('job ' + node.storage.get('job'));`,
      },
    ];
    const s: ScenarioData = {
      ...scenario(),
      roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts', count: 0 } },
    };
    const { result } = await run(s, roles);
    // The initial node is recorded at t=0 (no parent), the spawned one when it was asked for.
    expect(ofKind(result, 'spawn')).toMatchObject([
      { t: 0, node: 'a', role: 'a' },
      { node: 'a/b-1', role: 'b', parent: 'a' },
    ]);
    expect(ofKind(result, 'log').map((l) => `${l.node}: ${l.text}`)).toEqual([
      'a/b-1: job 7',
      'a: peers a/b-1',
      'a: peers ',
    ]);
    expect(result.nodes.find((n) => n.id === 'a/b-1')).toMatchObject({ alive: false, storage: { job: 7 } });
  });
});

describe('fault names', () => {
  it('a fault may name a role that starts with no node; it applies to the nodes spawned by then', async () => {
    const roles: RoleSource[] = [
      {
        role: 'a',
        file: 'roles/a.ts',
        source: `export default (node) => node.setTimer(10, () => node.spawn('b'));`,
      },
      { role: 'b', file: 'roles/b.ts', source: `export default () => {};` },
    ];
    const s: ScenarioData = {
      ...scenario([{ at: 200, kind: 'crash', node: 'b' }]),
      roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts', count: 0 } },
    };
    const { result } = await run(s, roles);
    expect(ofKind(result, 'crash')).toMatchObject([{ t: 200, node: 'a/b-1' }]);
  });

  it('a fault naming nothing of the run is refused with the name', async () => {
    await expect(run(scenario([{ at: 1, kind: 'crash', node: 'nobody' }]))).rejects.toThrow(/names 'nobody'/);
  });
});

describe('messages are read-only', () => {
  it('a handler that changes a received body gets a TypeError naming its line, and the trace keeps what was sent', async () => {
    const mutator: RoleSource = {
      role: 'b',
      file: 'roles/b.ts',
      source: [
        'export default function b(node) {',
        "  node.on('ping', (msg) => {",
        '    msg.body.n = 99;',
        '  });',
        '}',
      ].join('\n'),
    };
    const { result } = await run(scenario(), [pinger(10, 3), mutator]);
    const errors = ofKind(result, 'error');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ node: 'b', where: { file: 'roles/b.ts', line: 3 } });
    expect(errors[0]!.message).toMatch(/read.only|Cannot assign/i);
    expect(ofKind(result, 'send').map((e) => (e.message.body as { n: number }).n)).toEqual([1, 2, 3]);
  });
});
