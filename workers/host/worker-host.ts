/**
 * The Worker host: one Web Worker per node, reached only through a MessagePort (DESIGN.md section 6), driven
 * from inside the kernel Worker. Exactly one post per node Worker per window (its NodeBatch) and one back
 * (its NodeOutput); outputs come back in batch order, so a run never depends on which Worker answered first.
 *
 * Real time is used here, and only here, for the watchdog: a node that does not answer a batch within the
 * budget is taken for an infinite loop, its Worker is terminated and the kernel is told (a `fatal` output).
 */
import type {
  LoadError,
  NodeBatch,
  NodeHost,
  NodeId,
  NodeOutput,
  RoleSource,
  SourceLocation,
} from '../kernel/protocol';
import { compileRole } from '../runtime/compile';
import { describeBatch, locateHandler } from './watchdog-text';
import type { FromNode, NodeProvider, ToNode } from './node-wire';

export interface WorkerHostOptions {
  /** Wall-clock ms a node may spend on one batch before it is declared an infinite loop. Default 2000. */
  budgetMs?: number;
}

/** One node Worker as the kernel sees it: its port, and the batch it is working on. */
interface NodeLink {
  port: MessagePort;
  /** Version of the role sources this Worker has; behind `WorkerHost.rolesVersion` means send `load`. */
  rolesVersion: number;
  waiting: { seq: number; resolve: (output: NodeOutput) => void } | null;
}

export class WorkerHost implements NodeHost {
  private readonly budgetMs: number;
  private readonly links = new Map<NodeId, NodeLink>();
  private readonly opening = new Map<NodeId, Promise<NodeLink>>();
  /** Role of each node as of its last boot, to name its file when it fails. */
  private readonly roleOf = new Map<NodeId, string>();
  private roles: RoleSource[] = [];
  private rolesVersion = 0;
  private seq = 0;

  constructor(
    private readonly provider: NodeProvider,
    options: WorkerHostOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? 2000;
  }

  async load(roles: RoleSource[]): Promise<LoadError[]> {
    // Compile once here too, so errors come back before any node runs (node Workers compile lazily).
    const errors: LoadError[] = [];
    for (const source of roles) {
      const compiled = compileRole(source);
      if (!compiled.ok) errors.push(compiled.error);
    }
    if (errors.length > 0) return errors;
    this.roles = roles;
    this.rolesVersion++;
    this.roleOf.clear();
    for (const link of this.links.values()) this.sendLoad(link);
    return [];
  }

  async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    const links = await Promise.all(batches.map((batch) => this.linkFor(batch.node)));
    const outputs: Promise<NodeOutput>[] = [];
    const running: { batch: NodeBatch; link: NodeLink }[] = [];
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      const link = links[i]!;
      if (batch.boot) this.roleOf.set(batch.node, batch.boot.role);
      if (link.rolesVersion !== this.rolesVersion) this.sendLoad(link);
      const seq = ++this.seq;
      outputs.push(new Promise<NodeOutput>((resolve) => (link.waiting = { seq, resolve })));
      link.port.postMessage({ kind: 'batch', seq, batch } satisfies ToNode);
      running.push({ batch, link });
    }
    // One timer per window, not per node: every batch of the window was posted at the same moment.
    const watchdog = setTimeout(() => this.expire(running), this.budgetMs);
    try {
      return await Promise.all(outputs);
    } finally {
      clearTimeout(watchdog);
    }
  }

  async stop(nodes: NodeId[]): Promise<void> {
    for (const node of nodes) this.links.get(node)?.port.postMessage({ kind: 'stop' } satisfies ToNode);
  }

  async dispose(): Promise<void> {
    const nodes = [...this.links.keys()];
    for (const link of this.links.values()) link.port.close();
    this.links.clear();
    await Promise.all(nodes.map((node) => this.provider.terminateNode(node)));
  }

  /** The node's Worker, opened on first use (or after the watchdog killed the previous one). */
  private linkFor(node: NodeId): Promise<NodeLink> {
    const link = this.links.get(node);
    if (link) return Promise.resolve(link);
    let opening = this.opening.get(node);
    if (!opening) {
      opening = this.open(node).finally(() => this.opening.delete(node));
      this.opening.set(node, opening);
    }
    return opening;
  }

  private async open(node: NodeId): Promise<NodeLink> {
    const port = await this.provider.openNode(node);
    const link: NodeLink = { port, rolesVersion: 0, waiting: null };
    // The Worker says `ready` once its modules are loaded: its start-up time must not count against a batch.
    await new Promise<void>((ready) => {
      port.onmessage = (event: MessageEvent<FromNode>) => {
        const data = event.data;
        if (data.kind === 'ready') return ready();
        const waiting = link.waiting;
        if (waiting && waiting.seq === data.seq) {
          link.waiting = null;
          waiting.resolve(data.output);
        }
      };
    });
    this.links.set(node, link);
    return link;
  }

  private sendLoad(link: NodeLink): void {
    link.rolesVersion = this.rolesVersion;
    link.port.postMessage({ kind: 'load', roles: this.roles } satisfies ToNode);
  }

  /** The budget ran out: every node still working is spinning. Kill its Worker and report a crash. */
  private expire(running: { batch: NodeBatch; link: NodeLink }[]): void {
    for (const { batch, link } of running) {
      const waiting = link.waiting;
      if (!waiting) continue;
      link.waiting = null;
      link.port.onmessage = null;
      link.port.close();
      if (this.links.get(batch.node) === link) this.links.delete(batch.node);
      void this.provider.terminateNode(batch.node).catch(() => undefined);
      waiting.resolve(this.fatalOutput(batch));
    }
  }

  private fatalOutput(batch: NodeBatch): NodeOutput {
    const role = this.roleOf.get(batch.node);
    const source = this.roles.find((r) => r.role === role);
    const what = describeBatch(batch);
    const reason = `did not finish ${what.text} within ${this.budgetMs} ms (infinite loop?)`;
    let where: SourceLocation | undefined;
    if (source) where = { file: source.file, line: locateHandler(source.source, what.messageType) };
    return {
      node: batch.node,
      effects: [],
      nextTimerAt: null,
      fatal: where ? { reason, where } : { reason },
    };
  }
}
