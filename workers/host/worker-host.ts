/**
 * The Worker host: one Web Worker per node, reached only through a MessagePort, driven
 * from inside the kernel Worker. Exactly one post per node Worker per window (its NodeBatch) and one back
 * (its NodeOutput); outputs come back in batch order, so a run never depends on which Worker answered first.
 * (Two exceptions, once per Worker or boot: a new Worker says `ready`, a booting node says `started` once its
 * role is compiled, so neither start-up nor compile time counts against the learner's code.)
 *
 * Real time is used here, and only here, for the watchdog: a node that does not answer a batch within the
 * budget (with no other node of the window answering either) is taken for an infinite loop, its Worker is
 * terminated and the kernel is told (a `fatal` output, which the kernel records as a crash).
 */
import type { LoadError, NodeBatch, NodeHost, NodeId, NodeOutput, RoleSource } from '../kernel/protocol';
import { compileRole } from '../runtime/compile';
import { crashOutput, notStartedOutput, START_LIMIT_MS, stuckOutput } from './crash-output';
import { NODE_BATCH_BUDGET_MS } from './watchdog-text';
import type { FromNode, NodeProvider, ToNode } from './node-wire';
import { decodeOutput, encodeBatch } from './wire-codec';

export interface WorkerHostOptions {
  /** Wall-clock ms a node may spend on one batch before it is declared an infinite loop. Default NODE_BATCH_BUDGET_MS. */
  budgetMs?: number;
}

/** One node Worker as the kernel sees it: its port, and the batch it is working on. */
interface NodeLink {
  port: MessagePort;
  /** Set when the Worker was lost (its frame rebuilt) before it said `ready`: its batch is a crash with this. */
  lost?: string;
  /** Version of the role sources this Worker has; behind `WorkerHost.rolesVersion` means send `load`. */
  rolesVersion: number;
  waiting: Running | null;
}

/** A batch out at a node Worker. */
interface Running {
  seq: number;
  batch: NodeBatch;
  link: NodeLink;
  /** False while a booting node compiles its role (our code, not the learner's: not watched). */
  started: boolean;
  window: Window;
  /** Position of the batch in its window: where its output goes. */
  index: number;
}

/** The batches of one `deliver` call. One Promise per window, not one per node. */
interface Window {
  running: Running[];
  outputs: NodeOutput[];
  /** Batches not answered yet. */
  left: number;
  postedAt: number;
  done: (outputs: NodeOutput[]) => void;
}

/** A node Worker being opened; `lost` sets `lost` and wakes the wait for its `ready`. */
interface Opening {
  lost?: string;
  wake: () => void;
}

export class WorkerHost implements NodeHost {
  private readonly budgetMs: number;
  private readonly links = new Map<NodeId, NodeLink>();
  private readonly opening = new Map<NodeId, Promise<NodeLink>>();
  /** Role of each node as of its last boot, to name its file when it fails. */
  private readonly roleOf = new Map<NodeId, string>();
  /** Nodes whose Worker died between windows (see `lost`): their next batch is a crash with this reason. */
  private readonly lostReason = new Map<NodeId, string>();
  /** Nodes whose Worker is being opened: `lost` wakes the opening (a lost Worker never says `ready`). */
  private readonly openingLost = new Map<NodeId, Opening>();
  /** The node frame stopped answering its pings (NodeProvider.watchFrame): nobody is blamed meanwhile. */
  private frameSilent = false;
  private roles: RoleSource[] = [];
  private rolesVersion = 0;
  private seq = 0;
  /** performance.now() of the last answer (or start) of any node: the watchdog's reference. */
  private lastProgress = 0;
  /** Windows out at the node Workers (one at a time from a Simulation; more if a caller overlaps calls). */
  private readonly outstanding = new Set<Window>();
  /** The watchdog's timer: armed while windows run, re-armed lazily (never set and cleared per window). */
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly provider: NodeProvider,
    options: WorkerHostOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? NODE_BATCH_BUDGET_MS;
    provider.watchLost?.((node, reason) => this.lost(node, reason));
    provider.watchFrame?.((answering) => this.frameAnswering(answering));
  }

  /**
   * The sandboxed frame stopped (false) or started again (true) answering its pings. While it is silent, no
   * node is taken for an infinite loop: a silent frame is a frame busy starting Workers, or a dead one that
   * the page is about to rebuild (then `lost` names its nodes, with the right reason).
   */
  frameAnswering(answering: boolean): void {
    this.frameSilent = !answering;
    if (answering) this.lastProgress = performance.now();
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
    this.lostReason.clear();
    // A new run (Rerun) starts from fresh Workers: whatever the last run's code did to its realm, a nested
    // Worker or a loop it left running, ends with its Worker.
    for (const [node, link] of [...this.links]) {
      link.port.onmessage = null;
      link.port.close();
      this.links.delete(node);
      void this.provider.terminateNode(node).catch(() => undefined);
    }
    return [];
  }

  /**
   * The node's Worker died on its own (its sandboxed frame crashed: NodeProvider.watchLost). A batch out
   * there ends as a crash with `reason`; else the node's next batch does (unless it is a boot).
   */
  lost(node: NodeId, reason: string): void {
    const link = this.links.get(node);
    if (!link) {
      // Still opening (the frame died while 32 Workers started): without this the opening waited for ever.
      const opening = this.openingLost.get(node);
      if (opening) {
        opening.lost = reason;
        opening.wake();
      }
      return;
    }
    this.links.delete(node);
    link.port.onmessage = null;
    link.port.close();
    const waiting = link.waiting;
    link.waiting = null;
    if (waiting) this.finish(waiting, crashOutput(node, reason));
    else this.lostReason.set(node, reason);
  }

  async deliver(batches: NodeBatch[]): Promise<NodeOutput[]> {
    if (batches.length === 0) return [];
    const found = this.linksFor(batches);
    const links = Array.isArray(found) ? found : await found;
    return new Promise<NodeOutput[]>((done) => {
      const window: Window = {
        running: [],
        outputs: new Array(batches.length),
        left: batches.length,
        postedAt: 0,
        done,
      };
      for (let i = 0; i < batches.length; i++) {
        const batch = batches[i]!;
        const link = links[i]!;
        // Its Worker was lost while starting (this batch too is a crash), or since its last batch (a boot
        // goes to a fresh Worker).
        const lost = link.lost ?? this.lostReason.get(batch.node);
        if (lost !== undefined) {
          this.lostReason.delete(batch.node);
          if (link.lost !== undefined || !batch.boot) {
            window.outputs[i] = crashOutput(batch.node, lost);
            if (--window.left === 0) return done(window.outputs);
            continue;
          }
        }
        if (batch.boot) this.roleOf.set(batch.node, batch.boot.role);
        if (link.rolesVersion !== this.rolesVersion) this.sendLoad(link);
        const entry: Running = { seq: ++this.seq, batch, link, started: !batch.boot, window, index: i };
        link.waiting = entry;
        window.running.push(entry);
        const wire = encodeBatch(batch);
        link.port.postMessage({ kind: 'batch', seq: entry.seq, batch: wire } satisfies ToNode);
      }
      // The watchdog counts from the last sign of progress of any node of the window, not from the post: on a
      // busy machine N nodes share a few cores, and a node that waits its turn is not spinning.
      window.postedAt = this.lastProgress = performance.now();
      this.outstanding.add(window);
      if (this.watchdog === undefined) this.arm(this.budgetMs);
    });
  }

  /** Each batch's link; no await (no Promise per node) when every node Worker is open already. */
  private linksFor(batches: NodeBatch[]): NodeLink[] | Promise<NodeLink[]> {
    const links: NodeLink[] = [];
    for (const batch of batches) {
      const link = this.links.get(batch.node);
      if (!link) return Promise.all(batches.map((b) => this.linkFor(b.node)));
      links.push(link);
    }
    return links;
  }

  private finish(entry: Running, output: NodeOutput): void {
    const window = entry.window;
    window.outputs[entry.index] = output;
    if (--window.left > 0) return;
    this.outstanding.delete(window);
    window.done(window.outputs);
  }

  private arm(delayMs: number): void {
    this.watchdog = setTimeout(() => this.check(), delayMs);
  }

  /** The watchdog: a node of an open window that made no progress within the budget is killed. */
  private check(): void {
    this.watchdog = undefined;
    if (this.outstanding.size === 0) return; // between runs: disarmed until the next window
    const now = performance.now();
    const quiet = now - this.lastProgress;
    if (quiet < this.budgetMs) return this.arm(this.budgetMs - quiet);
    if (this.frameSilent) return this.arm(this.budgetMs);
    let waitForStart = false;
    for (const window of [...this.outstanding]) {
      const dead = now - window.postedAt > START_LIMIT_MS;
      const left = window.running.filter((r) => r.link.waiting === r);
      for (const entry of left) if (entry.started || dead) this.expire(entry, entry.started);
      if (left.some((r) => !r.started && !dead)) waitForStart = true;
    }
    if (waitForStart && this.watchdog === undefined) this.arm(this.budgetMs);
  }

  async stop(nodes: NodeId[]): Promise<void> {
    for (const node of nodes) this.links.get(node)?.port.postMessage({ kind: 'stop' } satisfies ToNode);
  }

  async dispose(): Promise<void> {
    const nodes = [...this.links.keys()];
    for (const link of this.links.values()) link.port.close();
    this.links.clear();
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const release =
      this.provider.releaseNode?.bind(this.provider) ?? this.provider.terminateNode.bind(this.provider);
    await Promise.all(nodes.map((node) => release(node)));
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
    const opening: Opening = { wake: () => undefined };
    this.openingLost.set(node, opening);
    try {
      return await this.openLink(node, opening);
    } finally {
      this.openingLost.delete(node);
    }
  }

  /** `open`'s work: the link once the Worker says `ready`, or a lost one (its batch ends as a crash). */
  private async openLink(node: NodeId, opening: Opening): Promise<NodeLink> {
    const port = await this.provider.openNode(node);
    const link: NodeLink = { port, rolesVersion: 0, waiting: null };
    const gone = (lost: string): NodeLink => {
      port.onmessage = null;
      port.close();
      return { ...link, lost };
    };
    if (opening.lost !== undefined) return gone(opening.lost);
    // The Worker says `ready` once its modules are loaded: its start-up time must not count against a batch.
    await new Promise<void>((ready) => {
      opening.wake = ready;
      port.onmessage = (event: MessageEvent<FromNode>) => {
        const data = event.data;
        if (data.kind === 'ready') return ready();
        const waiting = link.waiting;
        if (!waiting || waiting.seq !== data.seq) return;
        this.lastProgress = performance.now();
        if (data.kind === 'started') {
          waiting.started = true;
          return;
        }
        link.waiting = null;
        this.finish(waiting, this.readOutput(data, waiting.batch));
      };
    });
    if (opening.lost !== undefined) return gone(opening.lost);
    this.links.set(node, link);
    return link;
  }

  /** The node's answer, or its crash when the answer is not one (learner code can post anything). */
  private readOutput(data: FromNode & { kind: 'output' }, batch: NodeBatch): NodeOutput {
    try {
      return decodeOutput(data.output, batch);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const reason = `the kernel could not read its output (${why}): dropped`;
      return crashOutput(batch.node, reason);
    }
  }

  private sendLoad(link: NodeLink): void {
    link.rolesVersion = this.rolesVersion;
    link.port.postMessage({ kind: 'load', roles: this.roles } satisfies ToNode);
  }

  /** The budget ran out with no progress: the node spins (or its Worker died). Kill it and report a crash. */
  private expire(entry: Running, started: boolean): void {
    const { batch, link } = entry;
    link.waiting = null;
    link.port.onmessage = null;
    link.port.close();
    if (this.links.get(batch.node) === link) this.links.delete(batch.node);
    void this.provider.terminateNode(batch.node).catch(() => undefined);
    const source = this.roles.find((r) => r.role === this.roleOf.get(batch.node));
    this.finish(entry, started ? stuckOutput(batch, source, this.budgetMs) : notStartedOutput(batch));
  }
}
