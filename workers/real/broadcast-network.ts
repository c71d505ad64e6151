/** The network as the real-mode launcher holds it: the kernel's model, and every change goes out to each node's outbound filter. */
import { Network } from '../kernel/network';
import type { LinkSpec, NodeId, PartitionDirection } from '../kernel/protocol';
import type { ScenarioData } from '../kernel/scenario';
import type { Topology } from '../kernel/topology';
import type { NetChange } from './real-protocol';

export class BroadcastNetwork extends Network {
  constructor(
    seed: number,
    scenario: ScenarioData,
    private readonly broadcast: (change: NetChange) => void,
  ) {
    super(seed, scenario.network?.defaults);
  }
  override partition(from: NodeId, to: NodeId, direction: PartitionDirection): void {
    super.partition(from, to, direction);
    this.broadcast({ op: 'partition', from, to, direction });
  }
  override heal(from: NodeId, to: NodeId, direction: PartitionDirection): void {
    super.heal(from, to, direction);
    this.broadcast({ op: 'heal', from, to, direction });
  }
  override healAll(): void {
    super.healAll();
    this.broadcast({ op: 'heal-all' });
  }
  override setLink(from: NodeId, to: NodeId, spec: Partial<LinkSpec>): void {
    super.setLink(from, to, spec);
    this.broadcast({ op: 'link', from, to, spec });
  }
}

/** The scenario's link overrides as directed per-node changes (role names expanded; both ways unless one-way). */
export function expandLinks(topology: Topology, scenario: ScenarioData): NetChange[] {
  const changes: NetChange[] = [];
  for (const { from, to, direction, ...spec } of scenario.network?.links ?? []) {
    for (const a of topology.expand(from))
      for (const b of topology.expand(to)) {
        if (a.id === b.id) continue;
        changes.push({ op: 'link', from: a.id, to: b.id, spec });
        if (direction !== 'one-way') changes.push({ op: 'link', from: b.id, to: a.id, spec });
      }
  }
  return changes;
}
