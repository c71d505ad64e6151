/**
 * Who is in the run: the nodes in creation order, found by id, and names in faults and links expanded
 * (a role name means every node of that role).
 */
import type { NodeId, PeerInfo } from './protocol';
import type { ScenarioData } from './scenario';
import { newSimNode, type SimNode } from './sim-node';

export class Topology {
  readonly nodes: SimNode[] = [];
  private readonly byId = new Map<NodeId, SimNode>();
  /** Every role the scenario declares, including those that start with no node (spawned later). */
  private readonly roles = new Set<string>();

  /** The scenario's initial nodes: one node is named after its role, more are `role-1..n`. */
  static fromScenario(scenario: ScenarioData): Topology {
    const topology = new Topology();
    for (const [role, spec] of Object.entries(scenario.roles)) {
      topology.roles.add(role);
      const count = spec.count ?? 1;
      if (!Number.isInteger(count) || count < 0) {
        throw new Error(
          `scenario ${scenario.id}: role '${role}' has count ${count}; use a whole number >= 0`,
        );
      }
      for (let k = 1; k <= count; k++) topology.add(count === 1 ? role : `${role}-${k}`, role, 0);
    }
    return topology;
  }

  add(id: NodeId, role: string, bootAt: number): SimNode {
    if (this.byId.has(id)) throw new Error(`a node named '${id}' already exists`);
    const node = newSimNode(id, role, this.nodes.length, bootAt);
    this.nodes.push(node);
    this.byId.set(id, node);
    return node;
  }

  get(id: NodeId): SimNode | undefined {
    return this.byId.get(id);
  }

  /** A node id, or a role name meaning all its nodes; unknown names expand to nothing. */
  expand(name: string): SimNode[] {
    const node = this.byId.get(name);
    if (node) return [node];
    return this.nodes.filter((n) => n.role === name);
  }

  /** Whether a name is a node id or a role of this run. */
  knows(name: string): boolean {
    return this.byId.has(name) || this.roles.has(name);
  }

  /** What `id` knows of the others: every node not stopped, itself excluded, by id. */
  peersOf(id: NodeId): PeerInfo[] {
    return this.nodes
      .filter((n) => n.id !== id && n.status !== 'stopped')
      .map((n) => ({ id: n.id, role: n.role }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
