import { describe, expect, it } from 'vitest';
import type { RoleSource } from '../kernel/protocol';
import type { Scenario } from '../kernel/scenario';
import { checkScenario } from './headless';

const roles: RoleSource[] = [
  {
    role: 'pinger',
    file: 'roles/pinger.ts',
    source: `export default function pinger(node) {
  node.every(100, () => node.send('pinger', 'ping', {}));
}`,
  },
];

const scenario = (at: number | undefined): Scenario => ({
  id: 'where-a-check-fails',
  title: 'where a check fails',
  until: 500,
  roles: { pinger: { file: 'roles/pinger.ts' } },
  checks: [
    {
      name: 'never pings',
      kind: 'invariant',
      check: (run) => {
        const first = run.trace.find((e) => e.kind === 'send');
        if (!first || first.kind !== 'send') return { passed: true, reason: 'no ping' };
        return at === undefined
          ? { passed: false, reason: 'pinged' }
          : {
              passed: false,
              reason: 'pinged',
              at: first.t,
              nodes: [first.message.from],
              messages: [String(first.message.id)],
            };
      },
    },
  ],
});

describe('checkScenario', () => {
  it("carries a failed check's location (at, nodes, messages) into its result", async () => {
    const outcome = await checkScenario(scenario(1), roles, [1]);
    if (!outcome.ok) throw new Error('did not compile');
    const [result] = outcome.results;
    expect(result).toMatchObject({ passed: false, seed: 1, nodes: ['pinger'] });
    expect(result?.at).toBeGreaterThan(0);
    expect(result?.messages).toHaveLength(1);
  });

  it('leaves the location out when the check gives none', async () => {
    const outcome = await checkScenario(scenario(undefined), roles, [1]);
    if (!outcome.ok) throw new Error('did not compile');
    expect(outcome.results[0]).not.toHaveProperty('at');
    expect(outcome.results[0]).not.toHaveProperty('nodes');
  });
});
