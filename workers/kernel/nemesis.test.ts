/**
 * The seeded nemesis: draws vary with the seed (node, time, length), stay inside their ranges, replay exactly,
 * are recorded at t=0 and then happen as ordinary faults.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../host/headless';
import { drawNemesis, type NemesisSpec } from './nemesis';
import type { FaultSpec, LinkSpec, RoleSource } from './protocol';
import type { ScenarioData } from './scenario';

const link: LinkSpec = {
  latency: { kind: 'constant', ms: 5 },
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderMs: 0,
};
const world = {
  nodesNamed: (name: string) => (name === 'worker' ? ['worker-1', 'worker-2', 'worker-3'] : [name]),
  link: () => link,
};

describe('drawNemesis', () => {
  const specs: NemesisSpec[] = [
    { kind: 'crash', node: 'worker', at: [2000, 8000], down: [1000, 3000] },
    { kind: 'skew', node: 'lock', at: 0, offsetMs: [-300, 300] },
  ];

  it('draws inside the ranges, and different seeds draw different schedules', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const [crash, restart, skew] = drawNemesis(specs, seed, world) as [
        Extract<FaultSpec, { kind: 'crash' }>,
        Extract<FaultSpec, { kind: 'restart' }>,
        Extract<FaultSpec, { kind: 'skew' }>,
      ];
      expect(crash.at).toBeGreaterThanOrEqual(2000);
      expect(crash.at).toBeLessThanOrEqual(8000);
      expect(restart.node).toBe(crash.node);
      expect(restart.at - crash.at).toBeGreaterThanOrEqual(1000);
      expect(restart.at - crash.at).toBeLessThanOrEqual(3000);
      expect(Math.abs(skew.offsetMs)).toBeLessThanOrEqual(300);
      seen.add(crash.node);
      seen.add(`${crash.at}`);
    }
    // All three workers get hit over 40 seeds, at many different times.
    expect(['worker-1', 'worker-2', 'worker-3'].every((w) => seen.has(w))).toBe(true);
    expect(seen.size).toBeGreaterThan(30);
  });

  it('is a pure function of the seed, and an entry added later does not move the others', () => {
    expect(drawNemesis(specs, 9, world)).toEqual(drawNemesis(specs, 9, world));
    const more = drawNemesis([...specs, { kind: 'pause', node: 'lock', at: [100, 200], for: 50 }], 9, world);
    expect(more.slice(0, 3)).toEqual(drawNemesis(specs, 9, world));
  });

  it('undoes a slow link to what the scenario had, per direction', () => {
    const [slow, back, backIn] = drawNemesis(
      [
        {
          kind: 'slow',
          from: 'worker',
          to: 'lock',
          at: 100,
          for: 50,
          latency: { kind: 'constant', ms: 2000 },
        },
      ],
      1,
      world,
    );
    expect(slow).toMatchObject({ at: 100, kind: 'link', to: 'lock', spec: { latency: { ms: 2000 } } });
    expect(back).toMatchObject({
      at: 150,
      kind: 'link',
      from: slow!.kind === 'link' && slow.from,
      direction: 'one-way',
    });
    expect(backIn).toMatchObject({ at: 150, kind: 'link', from: 'lock', spec: { latency: link.latency } });
  });

  it('names the entry when it names nobody', () => {
    expect(() =>
      drawNemesis([{ kind: 'kill', node: 'ghost', at: 1 }], 1, { ...world, nodesNamed: () => [] }),
    ).toThrow(/nemesis entry 0 \(kill\) names 'ghost'/);
  });

  it('with every: true names the role, so every node of it alive at that moment is hit (none at the start)', () => {
    const none = { ...world, nodesNamed: () => [] };
    for (let seed = 1; seed <= 10; seed++) {
      const [kill, pause, resume] = drawNemesis(
        [
          { kind: 'kill', node: 'worker', every: true, at: [1000, 2000] },
          { kind: 'pause', node: 'worker', every: true, at: [3000, 4000], for: [500, 900] },
        ],
        seed,
        none,
      ) as [FaultSpec, FaultSpec, FaultSpec];
      expect(kill).toMatchObject({ kind: 'crash', node: 'worker' });
      expect(pause).toMatchObject({ kind: 'pause', node: 'worker' });
      expect(resume).toMatchObject({ kind: 'resume', node: 'worker' });
      expect(resume.at - pause.at).toBeGreaterThanOrEqual(500);
      expect(resume.at - pause.at).toBeLessThanOrEqual(900);
    }
  });
});

describe('a run with a nemesis', () => {
  const roles: RoleSource[] = [
    {
      role: 'worker',
      file: 'roles/worker.ts',
      source: `export default (node) => node.every(100, () => node.log('up'))`,
    },
  ];
  const s: ScenarioData = {
    id: 'nem',
    title: 'nem',
    roles: { worker: { file: 'roles/worker.ts', count: 3 } },
    nemesis: [{ kind: 'crash', node: 'worker', at: [200, 800], down: [100, 300] }],
    until: 1500,
  };

  it('records the drawn faults at t=0, applies them, and replays them from the seed', async () => {
    const a = await runScenario({ scenario: s, roles, seed: 4 });
    const b = await runScenario({ scenario: s, roles, seed: 4 });
    if (!a.ok || !b.ok) throw new Error('did not load');
    expect(a.hash).toBe(b.hash);
    const drawn = a.result.trace.find((e) => e.kind === 'nemesis');
    expect(drawn).toMatchObject({ t: 0, kind: 'nemesis' });
    const [crash] = (drawn as { faults: FaultSpec[] }).faults as [Extract<FaultSpec, { kind: 'crash' }>];
    expect(a.result.trace.find((e) => e.kind === 'crash')).toMatchObject({ t: crash.at, node: crash.node });
    expect(a.result.trace.some((e) => e.kind === 'restart' && e.node === crash.node)).toBe(true);
  });
});
