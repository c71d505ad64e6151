/**
 * The control plane between the UI (main thread) and the kernel Worker, spoken through Comlink. Only
 * control and batched trace chunks cross here; node traffic never does (the kernel talks to node Workers
 * over their own MessagePorts).
 */
import type { FaultSpec, LoadError, NodeId, RoleSource, TraceEvent } from '../kernel/protocol';
import type { ScenarioData } from '../kernel/scenario';

export type { ScenarioData };

/** Everything a run needs: the scenario, the code of every role, the seed. */
export interface RunConfig {
  scenario: ScenarioData;
  roles: RoleSource[];
  seed: number;
}

export type NodeStatus = 'up' | 'crashed' | 'paused' | 'stopped';

/** A node as the views see it. */
export interface NodeView {
  id: NodeId;
  role: string;
  index: number;
  status: NodeStatus;
}

/** New trace events since the last chunk, and where the run stands. */
export interface TraceChunk {
  /** Index in the trace of `events[0]`. */
  from: number;
  events: TraceEvent[];
  /** Virtual time the kernel has reached. */
  virtualMs: number;
  finished: boolean;
  nodes: NodeView[];
}

/** The result of loading a run: compile errors block it. */
export type LoadResult = { ok: true; nodes: NodeView[] } | { ok: false; errors: LoadError[] };

export interface KernelControl {
  /** Compile the roles and reset the run to virtual time 0 (node Workers are (re)created as needed). */
  load(config: RunConfig): Promise<LoadResult>;
  /** Run until virtual time `toMs` (or the run's end); resolves with the new trace events. */
  advance(toMs: number): Promise<TraceChunk>;
  /** Run until at least one more trace event exists (or the run ends). */
  step(): Promise<TraceChunk>;
  /** Add a fault to the running scenario (its `at` must be >= the kernel's virtual time). */
  inject(fault: FaultSpec): Promise<void>;
  /** The stable hash of the whole trace so far. */
  traceHash(): Promise<string>;
  /** Stop everything and release the node Workers. */
  dispose(): Promise<void>;
}
