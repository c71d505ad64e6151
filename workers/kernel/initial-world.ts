/**
 * The run as it stands at t=0, before any event: the scenario's initial nodes and its links as declared.
 * The simulation starts from it, and the nemesis draws a seed's faults in it, so the shrinker of a failing
 * seed (workers/host/shrink.ts) can redraw the same schedule, grouped, without running anything.
 */
import { drawNemesisGroups } from './nemesis';
import { Network } from './network';
import type { FaultSpec } from './protocol';
import type { ScenarioData } from './scenario';
import { Topology } from './topology';

export function initialWorld(scenario: ScenarioData, seed: number): { topology: Topology; network: Network } {
  const topology = Topology.fromScenario(scenario);
  const network = new Network(seed, scenario.network?.defaults);
  for (const link of scenario.network?.links ?? []) {
    const { from, to, direction, ...spec } = link;
    for (const a of topology.expand(from)) {
      for (const b of topology.expand(to)) {
        if (a.id === b.id) continue;
        network.setLink(a.id, b.id, spec);
        if (direction !== 'one-way') network.setLink(b.id, a.id, spec);
      }
    }
  }
  return { topology, network };
}

/** The faults the nemesis draws for `seed`, one group per drawn fault (see drawNemesisGroups). */
export function drawnNemesis(scenario: ScenarioData, seed: number): FaultSpec[][] {
  const { topology, network } = initialWorld(scenario, seed);
  return drawNemesisGroups(scenario.nemesis ?? [], seed, {
    nodesNamed: (name) => topology.expand(name).map((n) => n.id),
    link: (from, to) => network.link(from, to),
  });
}
