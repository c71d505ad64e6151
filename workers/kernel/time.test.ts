/**
 * Time in the kernel: trace time never decreases, whatever the faults; a paused node's overdue timers fire at
 * the resume time; the monotonic clock ignores skew while the wall clock follows it, backwards too.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../host/headless';
import type { FaultSpec, RoleSource, TraceEvent } from './protocol';
import type { ScenarioData } from './scenario';

const ticker: RoleSource = {
  role: 'a',
  file: 'roles/a.ts',
  source: `
    export default function a(node) {
      node.every(250, () => {
        node.log('now=' + node.now() + ' mono=' + node.monotonic());
        node.send('b', 'tick', {});
      });
      node.on('tock', () => {});
    }`,
};
const echo: RoleSource = {
  role: 'b',
  file: 'roles/b.ts',
  source: `
    export default function b(node) {
      node.setTimer(100, () => node.log('b timer'));
      node.on('tick', (msg) => node.send(msg.from, 'tock', {}));
    }`,
};

function scenario(faults: FaultSpec[], until = 4000): ScenarioData {
  return {
    id: 'time',
    title: 'time',
    roles: { a: { file: 'roles/a.ts' }, b: { file: 'roles/b.ts' } },
    network: { defaults: { latency: { kind: 'uniform', min: 5, max: 40 }, duplicate: 0.1, reorder: 0.2 } },
    faults,
    until,
  };
}

async function trace(s: ScenarioData, seed = 3): Promise<readonly TraceEvent[]> {
  const outcome = await runScenario({ scenario: s, roles: [ticker, echo], seed });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result.trace;
}

const logsOf = (events: readonly TraceEvent[], node: string) =>
  events.flatMap((e) => (e.kind === 'log' && e.node === node ? [{ t: e.t, text: e.text }] : []));

function firstBackwards(events: readonly TraceEvent[]): string | undefined {
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.t < events[i - 1]!.t)
      return `event ${i} (${events[i]!.kind} at ${events[i]!.t}) after ${events[i - 1]!.kind} at ${events[i - 1]!.t}`;
  }
  return undefined;
}

describe('time never runs backwards', () => {
  const kinds: [string, FaultSpec[]][] = [
    [
      'crash and restart',
      [
        { at: 1000, kind: 'crash', node: 'a' },
        { at: 1900, kind: 'restart', node: 'a' },
      ],
    ],
    [
      'pause and resume',
      [
        { at: 1000, kind: 'pause', node: 'a' },
        { at: 2000, kind: 'resume', node: 'a' },
      ],
    ],
    [
      'pause of the receiver',
      [
        { at: 1000, kind: 'pause', node: 'b' },
        { at: 2600, kind: 'resume', node: 'b' },
      ],
    ],
    [
      'skew forwards and back',
      [
        { at: 800, kind: 'skew', node: 'a', offsetMs: 500 },
        { at: 1600, kind: 'skew', node: 'a', offsetMs: -700 },
      ],
    ],
    [
      'partition and heal',
      [
        { at: 1000, kind: 'partition', from: 'a', to: 'b' },
        { at: 2000, kind: 'heal', from: 'a', to: 'b' },
      ],
    ],
    [
      'split and heal-all',
      [
        { at: 1000, kind: 'split', groups: [['a'], ['b']] },
        { at: 2000, kind: 'heal-all' },
      ],
    ],
    [
      'a slow link',
      [{ at: 1000, kind: 'link', from: 'a', to: 'b', spec: { latency: { kind: 'constant', ms: 900 } } }],
    ],
  ];
  for (const [name, faults] of kinds) {
    it(`with ${name}`, async () => {
      for (const seed of [1, 2, 3])
        expect(firstBackwards(await trace(scenario(faults), seed))).toBeUndefined();
    });
  }

  it('a paused node runs the timers that came due while it was paused once, at the resume time', async () => {
    const events = await trace(
      scenario([
        { at: 1000, kind: 'pause', node: 'a' },
        { at: 2000, kind: 'resume', node: 'a' },
      ]),
    );
    const times = logsOf(events, 'a').map((l) => l.t);
    // Ticks at 250, 500, 750, 1000 (the pause comes first at 1000), then one at the resume, then every 250.
    expect(times.filter((t) => t > 750 && t < 2250)).toEqual([2000]);
    expect(times).toContain(2250);
    expect(logsOf(events, 'a').find((l) => l.t === 2000)!.text).toBe('now=2000 mono=2000');
  });
});

describe('clocks', () => {
  it('skew moves node.now() forwards and backwards; node.monotonic() ignores it', async () => {
    const events = await trace(
      scenario([
        { at: 800, kind: 'skew', node: 'a', offsetMs: 500 },
        { at: 1600, kind: 'skew', node: 'a', offsetMs: -700 },
      ]),
    );
    const at = (t: number) => logsOf(events, 'a').find((l) => l.t === t)!.text;
    expect(at(750)).toBe('now=750 mono=750');
    expect(at(1000)).toBe('now=1500 mono=1000');
    // The wall clock jumped back: 1750 - 700 = 1050 reads before the 1500 read at 1000 ms.
    expect(at(1750)).toBe('now=1050 mono=1750');
  });

  it('the monotonic clock starts again at 0 when a node restarts', async () => {
    const events = await trace(
      scenario([
        { at: 1000, kind: 'crash', node: 'a' },
        { at: 1900, kind: 'restart', node: 'a' },
      ]),
    );
    expect(logsOf(events, 'a').find((l) => l.t === 2150)!.text).toBe('now=2150 mono=250');
  });
});
