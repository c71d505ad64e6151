/**
 * A host decorator that says which node is running before handing it its batch, one node at a time. With
 * it, a watchdog on another thread can name the node (and what it was handling) when a run stops making
 * progress: an infinite loop in learner code cannot be interrupted on its own thread, only reported and
 * killed from outside. Delivering one node at a time changes no result: each node's output depends only on
 * its own batches (see workers/runtime/node-runtime.ts).
 */
import type { LoadError, NodeBatch, NodeHost, NodeId, NodeOutput, RoleSource } from '../kernel/protocol';

export class GuardedHost implements NodeHost {
  private readonly fileOfRole = new Map<string, string>();
  private readonly roleOfNode = new Map<NodeId, string>();

  constructor(
    private readonly inner: NodeHost,
    /** Called before each node's batch with a sentence naming the node and what it is about to handle. */
    private readonly onEnter: (doing: string) => void,
  ) {}

  load(roles: RoleSource[]): Promise<LoadError[]> {
    for (const { role, file } of roles) this.fileOfRole.set(role, file);
    return this.inner.load(roles);
  }

  async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    const outputs: NodeOutput[] = [];
    for (const batch of batches) {
      if (batch.boot) this.roleOfNode.set(batch.node, batch.boot.role);
      this.onEnter(describeBatch(batch, this.fileOfRole.get(this.roleOfNode.get(batch.node) ?? '')));
      outputs.push(...(await this.inner.deliver([batch])));
    }
    return outputs;
  }

  stop(nodes: NodeId[]): Promise<void> {
    return this.inner.stop(nodes);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** "node server (roles/server.ts) handling 'echo' from client at 1200 ms" and the like. */
export function describeBatch(batch: NodeBatch, file?: string): string {
  const first = batch.events.find((e) => e.kind === 'deliver');
  const what = batch.boot
    ? 'starting up'
    : first?.kind === 'deliver'
      ? `handling '${first.message.type}' from ${first.message.from}`
      : 'running its timers';
  return `node ${batch.node}${file ? ` (${file})` : ''} ${what} at ${Number(batch.from.toFixed(1))} ms`;
}
