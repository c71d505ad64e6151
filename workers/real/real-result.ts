/**
 * A real run's result in the kernel's shape, so a lesson's checks judge it like a simulated one: the trace
 * merged by time (a stable sort, so each node's own order is kept; times never decrease), cut at the run's
 * end, and every node as it stood at the end.
 */
import type { TraceEvent } from '../kernel/protocol';
import type { FinalNode, RunResult } from '../kernel/scenario';
import type { Topology } from '../kernel/topology';

export function realResult(
  scenario: string,
  seed: number,
  until: number,
  events: readonly TraceEvent[],
  topology: Topology,
): RunResult {
  const trace = events.filter((e) => e.t <= until).sort((a, b) => a.t - b.t);
  const nodes: FinalNode[] = topology.nodes.map((n) => ({
    id: n.id,
    role: n.role,
    alive: n.status === 'up' || n.status === 'paused',
    state: n.state,
    storage: n.storage,
  }));
  return { scenario, seed, virtualMs: until, trace, nodes };
}
