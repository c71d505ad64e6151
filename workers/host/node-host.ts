/**
 * The host seam: where node runtimes live. Three calls, two implementations (in-process for Node and
 * tests, one Web Worker per node in the browser). The kernel only ever talks to this interface.
 */
import type { NodeBatch, NodeId, NodeOutput } from '../kernel/protocol';

/** The code of one role, as the learner wrote it (TypeScript). */
export interface RoleSource {
  role: string;
  /** Path shown in errors, e.g. `roles/server.ts`. */
  file: string;
  source: string;
}

/** Why a role's code could not be loaded: a syntax error, with where. */
export interface LoadError {
  role: string;
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface NodeHost {
  /** Compile every role's code. Resolves with the errors (empty when all compiled). Nothing runs yet. */
  load(roles: RoleSource[]): Promise<LoadError[]>;
  /**
   * Hand each node its batch for one window and collect their outputs, one per batch in the same order.
   * Nodes of one window may run in parallel; the result must not depend on which finished first.
   */
  deliver(batches: NodeBatch[]): Promise<NodeOutput[]>;
  /** Forget these nodes' memory (crash or stop). A later batch with `boot` starts them afresh. */
  stop(nodes: NodeId[]): Promise<void>;
  /** Release everything (Workers, ports). */
  dispose(): Promise<void>;
}
