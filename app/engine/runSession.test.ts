import { describe, expect, it } from 'vitest';
import type { KernelControl, RunConfig, TraceChunk } from '../../workers/host/control-api';
import type { FaultSpec, TraceEvent } from '../../workers/kernel/protocol';
import { RunSession } from './runSession';

const UNTIL = 1000;
const nodes = [{ id: 'server', role: 'server', index: 0, status: 'up' as const }];

const config = (faults: FaultSpec[] = [], source = ''): RunConfig => ({
  scenario: {
    id: 'tick',
    title: 'Tick',
    roles: { server: { file: 'roles/server.ts' } },
    until: UNTIL,
    faults,
  },
  roles: [{ role: 'server', file: 'roles/server.ts', source }],
  seed: 1,
});

/**
 * A kernel of one node that logs every 100 ms, and crashes where its scenario (or an injection) says.
 * `gate` holds the next `load` until released, to look at the session while a fork is being recomputed.
 */
function fakeKernel() {
  let faults: FaultSpec[] = [];
  let at = 0;
  let sent = 0;
  let gate: Promise<void> | undefined;
  let advanceGate: Promise<void> | undefined;
  const events = (): TraceEvent[] => {
    const all: TraceEvent[] = [];
    for (let t = 0; t <= UNTIL; t += 100)
      all.push({ t, kind: 'log', node: 'server', level: 'info', text: `${t}` });
    for (const f of faults)
      if (f.kind === 'crash') all.push({ t: f.at, kind: 'crash', node: f.node, reason: 'test' });
    return all.sort((a, b) => a.t - b.t);
  };
  const chunk = (toMs: number): TraceChunk => {
    at = Math.max(at, Math.min(toMs, UNTIL));
    const upTo = events().filter((e) => e.t <= at);
    const result = { from: sent, events: upTo.slice(sent), virtualMs: at, finished: at >= UNTIL, nodes };
    sent = upTo.length;
    return result;
  };
  const control: KernelControl = {
    async load(c) {
      await gate;
      faults = [...(c.scenario.faults ?? [])];
      at = sent = 0;
      return { ok: true, nodes };
    },
    async advance(toMs) {
      await advanceGate;
      return chunk(toMs);
    },
    step: async () => chunk(at + 100),
    async inject(fault) {
      faults.push(fault);
    },
    traceHash: async () => '',
    dispose: async () => undefined,
  };
  /** A gate that holds what awaits it until released; `set` installs it where the kernel awaits. */
  const gateOn = (set: (gate: Promise<void> | undefined) => void) => () => {
    let release = () => {};
    set(new Promise((resolve) => (release = resolve)));
    return () => {
      set(undefined);
      release();
    };
  };
  const hold = gateOn((g) => (gate = g));
  /** Holds the next `advance` until released: an advance in flight while something else happens. */
  const holdAdvance = gateOn((g) => (advanceGate = g));
  return { control, hold, holdAdvance };
}

const crashAt = (at: number): FaultSpec => ({ at, kind: 'crash', node: 'server' });
const crashes = (s: RunSession) => s.events.filter((e) => e.kind === 'crash').map((e) => e.t);

describe('RunSession', () => {
  it('a fault before the cursor forks the run, which is not over (nor past the fault) until recomputed', async () => {
    const kernel = fakeKernel();
    const session = new RunSession(kernel.control);
    await session.load(config());
    await session.reach(UNTIL);
    expect(session.finished).toBe(true);

    const release = kernel.hold();
    const forked = session.addFault(crashAt(500), config([crashAt(500)]));
    // A playing cursor must wait at the fault, not end the run on the old trace (which has no crash).
    expect(session.finished).toBe(false);
    expect(session.reachedMs).toBe(500);
    // Stepping does not walk into the old run's events after the fault.
    const step = session.nextEventAfter(500);
    release();
    await forked;
    expect(crashes(session)).toEqual([500]);
    expect(session.finished).toBe(true);
    expect(session.reachedMs).toBe(UNTIL);
    expect(await step).toBe(500 + 100);
    // The run it forked from is kept as a branch.
    expect(session.branches.map((b) => b.faults)).toEqual([[]]);
  });

  it('an advance in flight when a fault forks the run does not end it on the old trace', async () => {
    const kernel = fakeKernel();
    const session = new RunSession(kernel.control);
    await session.load(config());
    await session.reach(400);
    // A playing cursor asked for more of the old run; the kernel is working on it (to the end).
    const releaseAdvance = kernel.holdAdvance();
    session.ensureAhead(900, 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const releaseLoad = kernel.hold();
    const forked = session.addFault(crashAt(300), config([crashAt(300)]));
    releaseAdvance();
    // The old run's chunk arrives after the fork began: it is not the run any more.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.finished).toBe(false);
    expect(session.reachedMs).toBe(300);
    releaseLoad();
    await forked;
    await session.reach(UNTIL);
    expect(crashes(session)).toEqual([300]);
  });

  it('a fault ahead of the kernel is injected into the running simulation, no fork', async () => {
    const kernel = fakeKernel();
    const session = new RunSession(kernel.control);
    await session.load(config());
    await session.reach(300);
    await session.addFault(crashAt(600), config([crashAt(600)]));
    expect(session.reachedMs).toBe(600);
    await session.reach(UNTIL);
    expect(crashes(session)).toEqual([600]);
    expect(session.branches).toEqual([]);
  });

  it('an edit compares with the run before it only as far as that run went', async () => {
    // The fake kernel's trace does not depend on the code: an edited rerun repeats it event for event.
    const session = new RunSession(fakeKernel().control);
    await session.load(config([], 'a'));
    await session.reach(300);
    await session.load(config([], 'b'));
    await session.reach(UNTIL);
    expect(session.divergence).toEqual({ kind: 'same', upTo: 4, until: 300 });
    // Run to its end, the next edit's rerun is compared all the way.
    await session.load(config([], 'c'));
    await session.reach(UNTIL);
    expect(session.divergence).toEqual({ kind: 'same', upTo: 11 });
  });

  it('a run only loaded (never left 0 ms) is nothing to compare an edit with', async () => {
    const session = new RunSession(fakeKernel().control);
    await session.load(config([], 'a'));
    await session.load(config([], 'b'));
    await session.reach(UNTIL);
    expect(session.divergence).toBeUndefined();
  });
});
