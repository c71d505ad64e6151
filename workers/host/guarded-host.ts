/**
 * A host decorator that says which node is running before handing it its batch, one node at a time. With
 * it, a watchdog on another thread can name the node, its file and the likely line when a run stops making
 * progress: an infinite loop in learner code cannot be interrupted on its own thread, only reported and
 * killed from outside. Delivering one node at a time changes no result: each node's output depends only on
 * its own batches (see workers/runtime/node-runtime.ts).
 */
import type { LoadError, NodeBatch, NodeHost, NodeId, NodeOutput, RoleSource } from '../kernel/protocol';
import { describeBatch, locateHandler } from './watchdog-text';

export class GuardedHost implements NodeHost {
  private readonly roles = new Map<string, RoleSource>();
  private readonly roleOfNode = new Map<NodeId, string>();

  constructor(
    private readonly inner: NodeHost,
    /** Called before each node's batch with a sentence naming the node, where, and what it is about to do. */
    private readonly onEnter: (doing: string) => void,
    /**
     * Called when the run is over (dispose): no learner code runs until the next batch, so a watchdog should
     * not count the time that follows (the checkers judging the run, which can take a while on a slow machine).
     */
    private readonly onIdle?: () => void,
  ) {}

  load(roles: RoleSource[]): Promise<LoadError[]> {
    for (const role of roles) this.roles.set(role.role, role);
    return this.inner.load(roles);
  }

  async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    const outputs: NodeOutput[] = [];
    for (const batch of batches) {
      if (batch.boot) this.roleOfNode.set(batch.node, batch.boot.role);
      this.onEnter(this.describe(batch));
      outputs.push(...(await this.inner.deliver([batch])));
    }
    return outputs;
  }

  stop(nodes: NodeId[]): Promise<void> {
    return this.inner.stop(nodes);
  }

  dispose(): Promise<void> {
    this.onIdle?.();
    return this.inner.dispose();
  }

  /** "node server (roles/server.ts:5) handling 'echo' from client at 1200 ms" and the like. */
  private describe(batch: NodeBatch): string {
    const { text, messageType } = describeBatch(batch);
    const role = this.roles.get(this.roleOfNode.get(batch.node) ?? '');
    const where = role ? ` (${role.file}:${locateHandler(role.source, messageType)})` : '';
    return `node ${batch.node}${where} ${text} at ${Number(batch.from.toFixed(1))} ms`;
  }
}
