/** The network as the real-mode launcher holds it: the kernel's model, and every change goes out to each node's outbound filter. */
import { Network } from '../kernel/network';
import type { LinkSpec, NodeId, PartitionDirection } from '../kernel/protocol';
import type { ScenarioData } from '../kernel/scenario';
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
