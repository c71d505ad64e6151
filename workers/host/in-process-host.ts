/**
 * The in-process host: every node's runtime in this thread (Node tests, the CLI, checkers; it also runs in a
 * browser worker). No isolation: a runaway node blocks the thread, which is acceptable where a test or a
 * checker owns the process. Nodes of one window run concurrently, interleaving at their yields; outputs come
 * back in batch order, so nothing depends on which finished first.
 */
import type { LoadError, NodeBatch, NodeHost, NodeId, NodeOutput, RoleSource } from '../kernel/protocol';
import type { CompiledRole, RealmFunction } from '../runtime/compile';
import { compileRole } from '../runtime/compile';
import { macrotaskYield } from '../runtime/macrotask';
import { NodeRuntime } from '../runtime/node-runtime';

export interface InProcessHostOptions {
  /** Resolve after the current macrotask. Default: the platform's cheapest (runtime/macrotask.ts). */
  yieldToMacrotask?: () => Promise<void>;
  /** Each node boot's role code in a realm of its own (sealed-host.ts); default: this realm. */
  newRealm?: RealmFunction;
}

/** One for every host of this thread, bound at load (runtime/macrotask.ts: hosts in one turn share a task). */
const platformYield = macrotaskYield();

export class InProcessHost implements NodeHost {
  private roles = new Map<string, CompiledRole>();
  private readonly runtimes = new Map<NodeId, NodeRuntime>();
  private readonly hooks: { yieldToMacrotask: () => Promise<void> };
  private readonly newRealm: RealmFunction | undefined;

  constructor(options: InProcessHostOptions = {}) {
    this.hooks = { yieldToMacrotask: options.yieldToMacrotask ?? platformYield };
    this.newRealm = options.newRealm;
  }

  async load(roles: RoleSource[]): Promise<LoadError[]> {
    const errors: LoadError[] = [];
    const compiled = new Map<string, CompiledRole>();
    for (const source of roles) {
      const result = compileRole(source, this.newRealm);
      if (result.ok) compiled.set(source.role, result.role);
      else errors.push(result.error);
    }
    // Running nodes keep the code they booted with; the next boot uses the new code.
    this.roles = compiled;
    return errors;
  }

  deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    return Promise.all(batches.map((batch) => this.run(batch)));
  }

  async stop(nodes: NodeId[]): Promise<void> {
    for (const id of nodes) this.runtimes.delete(id);
  }

  async dispose(): Promise<void> {
    this.runtimes.clear();
    this.roles.clear();
  }

  private run(batch: NodeBatch): Promise<NodeOutput> {
    let runtime = this.runtimes.get(batch.node);
    if (batch.boot) {
      const role = this.roles.get(batch.boot.role);
      if (!role) return Promise.resolve(fatal(batch.node, `unknown role '${batch.boot.role}' (not loaded)`));
      // A boot with the same code reuses the runtime (it starts a fresh incarnation); new code needs a new one.
      if (!runtime || runtime.role !== role) {
        runtime = new NodeRuntime(batch.node, role, this.hooks);
        this.runtimes.set(batch.node, runtime);
      }
    }
    if (!runtime) return Promise.resolve(fatal(batch.node, `node ${batch.node} is not running (no boot)`));
    return runtime
      .handleBatch(batch)
      .catch((err: unknown) =>
        fatal(batch.node, `the node runtime failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  }
}

function fatal(node: NodeId, reason: string): NodeOutput {
  return { node, effects: [], nextTimerAt: null, fatal: { reason } };
}
