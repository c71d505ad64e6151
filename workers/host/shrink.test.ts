/**
 * The shrinker of a failing seed's drawn faults: on a hand-made predicate it keeps only the fault that
 * matters and shortens it to just long enough; on a real run it drops the drawn faults that do not make the
 * check fail, and the shrunk schedule replays to the same failure.
 */
import { describe, expect, it } from 'vitest';
import { InProcessHost } from './in-process-host';
import { checkScenario } from './headless';
import { shrinkFailingSeed, shrinkSchedule } from './shrink';
import { drawnNemesis } from '../kernel/initial-world';
import type { FaultSpec, RoleSource } from '../kernel/protocol';
import { fail, invariant, unmet, type Scenario } from '../kernel/scenario';

const crash = (node: string, at: number, down: number): FaultSpec[] => [
  { at, kind: 'crash', node },
  { at: at + down, kind: 'restart', node },
];

describe('shrinkSchedule', () => {
  it('keeps the one fault that fails the check, shortened to about what it needs', async () => {
    const drawn = [crash('a', 100, 50), crash('b', 300, 800), crash('c', 500, 40), crash('d', 900, 10)];
    // Fails while b is down for at least 150 ms.
    const stillFails = async (groups: FaultSpec[][]) =>
      groups.some((g) => g[0]!.kind === 'crash' && g[0]!.node === 'b' && g[1]!.at - g[0]!.at >= 150);
    const { groups, runs } = await shrinkSchedule(drawn, stillFails);
    expect(groups).toHaveLength(1);
    const [start, end] = groups[0]!;
    expect(start).toEqual({ at: 300, kind: 'crash', node: 'b' });
    // 800 -> 400 -> 200 still fail; 100 does not.
    expect(end!.at - start!.at).toBe(200);
    expect(runs).toBeLessThanOrEqual(24);
  });

  it('stops at its budget of runs and returns what it has', async () => {
    const drawn = Array.from({ length: 8 }, (_, i) => crash(`n${i}`, i * 100, 50));
    let calls = 0;
    const { groups, runs } = await shrinkSchedule(
      drawn,
      async () => {
        calls++;
        return false;
      },
      3,
    );
    expect(runs).toBe(3);
    expect(calls).toBe(3);
    expect(groups).toBe(drawn);
  });
});

const server = `import type { Node } from '@playground/node';
export default function server(node: Node) {
  node.on('ping', (msg) => void node.reply(msg, {}));
}
`;
const client = `import type { Node } from '@playground/node';
export default function client(node: Node) {
  node.every(100, () => void node.send('server', 'ping', {}));
}
`;
const roles: RoleSource[] = [
  { role: 'server', file: 'roles/server.ts', source: server },
  { role: 'client', file: 'roles/client.ts', source: client },
];

/** Every ping answered: fails only when the server is down while a ping arrives. */
const scenario: Scenario = {
  roles: { server: { file: 'roles/server.ts' }, client: { file: 'roles/client.ts' } },
  network: { defaults: { latency: { kind: 'constant', ms: 5 } } },
  nemesis: [
    { kind: 'skew', node: 'client', at: [100, 200], offsetMs: [10, 20], for: 100 },
    { kind: 'crash', node: 'server', at: [1000, 1100], down: [500, 700] },
    { kind: 'pause', node: 'client', at: [2000, 2100], for: [50, 60] },
  ],
  until: 3000,
  checks: [
    invariant('every ping answered', (run) => {
      const answered = new Set(
        run.trace.flatMap((e) => (e.kind === 'send' && e.message.inReplyTo ? [e.message.inReplyTo] : [])),
      );
      const lost = run.trace.find(
        (e) =>
          e.kind === 'send' &&
          e.message.type === 'ping' &&
          e.t < run.virtualMs - 100 &&
          !answered.has(e.message.id),
      );
      return lost ? fail('a ping got no answer', { at: lost.t }) : true;
    }),
  ],
};

describe('shrinkFailingSeed', () => {
  it('drops the drawn faults that do not matter and replays to the same failure', async () => {
    const seed = 3;
    expect(drawnNemesis(scenario, seed)).toHaveLength(3);
    const checked = await checkScenario(scenario, roles, [seed]);
    expect(checked.ok && checked.results[0]!.passed).toBe(false);
    const shrunk = await shrinkFailingSeed(
      scenario,
      roles,
      seed,
      'every ping answered',
      () => new InProcessHost(),
    );
    expect(shrunk).toBeDefined();
    expect(shrunk!.drawn).toBe(3);
    expect(shrunk!.faults).toBe(1);
    expect(shrunk!.schedule[0]).toMatchObject({ kind: 'crash', node: 'server' });
    expect(shrunk!.result.passed).toBe(false);
    // The shrunk schedule, replayed, fails the check at the moment the shrinker reported.
    const replay = await checkScenario({ ...scenario, nemesisSchedule: shrunk!.schedule }, roles, [seed]);
    expect(replay.ok && replay.results[0]).toMatchObject({ passed: false, at: shrunk!.result.at });
  });

  it('never keeps a schedule that fails only because the fault the check needs is gone (unmet)', async () => {
    // The server's pongs must stop within 300 ms of its crash: the starter-like client never notices, so the
    // check fails for real with the crash; without it the check fails too, but only as "never crashed".
    const needsCrash: Scenario = {
      ...scenario,
      checks: [
        invariant('the client stops pinging a crashed server', (run) => {
          const down = run.trace.find((e) => e.kind === 'crash' && e.node === 'server');
          if (!down) return unmet('the server never crashed');
          const late = run.trace.find(
            (e) => e.kind === 'send' && e.message.type === 'ping' && e.t > down.t + 300,
          );
          return late ? fail('the client kept pinging', { at: late.t }) : true;
        }),
      ],
    };
    const shrunk = await shrinkFailingSeed(
      needsCrash,
      roles,
      3,
      'the client stops pinging a crashed server',
      () => new InProcessHost(),
    );
    expect(shrunk).toBeDefined();
    expect(shrunk!.faults).toBe(1);
    expect(shrunk!.schedule[0]).toMatchObject({ kind: 'crash', node: 'server' });
    expect(shrunk!.result).toMatchObject({ passed: false, reason: 'the client kept pinging' });
    expect(shrunk!.result.unmet).toBeUndefined();
  });
});
