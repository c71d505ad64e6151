/**
 * The real-mode launcher: the control plane of a run where every node is its own Node.js process on
 * 127.0.0.1. It forks one process per node (the bundled runner, `node-main.ts`), tells each its role, peers
 * and where the others listen, applies the scenario's faults for real through the kernel's own fault verbs
 * (crash = SIGKILL, restart = a new process booted with the storage file, pause = SIGSTOP, partitions and
 * links = a change to every node's outbound filter), and merges every node's trace events into one trace in
 * the kernel's format: times are run ms since every node was up (times `speed`), sorted, never decreasing.
 *
 * Nothing survives it: every child is killed when the run ends, when the launcher exits, and (the children
 * watch their IPC channel) when the launcher itself is killed.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFault, crashNode, type FaultContext } from '../kernel/apply-fault';
import { BroadcastNetwork, expandLinks } from './broadcast-network';
import { realResult } from './real-result';
import { startNodeProcess, type Proc } from './node-process';
import { ProcessPool } from './process-pool';
import { drawNemesis } from '../kernel/nemesis';
import { mixSeed } from '../kernel/prng';
import type { FaultSpec, NodeId, RoleSource, TraceEvent } from '../kernel/protocol';
import type { RunResult, ScenarioData } from '../kernel/scenario';
import type { SimNode } from '../kernel/sim-node';
import { Topology } from '../kernel/topology';
import type { AddressBook, LauncherToNode, NetChange, NodeToLauncher } from './real-protocol';
import { RealModeError } from './real-mode-error';
import { applyStorageEvents, readStorage, writeStorage } from './storage-file';

export { killAllNodes } from './process-pool';

export { RealModeError };

export interface RealRunOptions {
  scenario: ScenarioData;
  roles: RoleSource[];
  seed: number;
  /** Run ms to stop at (default the scenario's `until`). */
  until?: number;
  /** Run ms per real ms (default 1: real time). */
  speed?: number;
  /** The bundled node runner (see scripts/lib/bundle-runner.ts). */
  runner: string;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  /** How long a node process may take to compile and listen (real ms). */
  startTimeoutMs?: number;
}

export interface RealRunResult extends RunResult {
  /** Every process the run started, for callers that want to prove none is left. */
  pids: number[];
}

export async function runReal(options: RealRunOptions): Promise<RealRunResult> {
  const run = new RealRun(options);
  try {
    return await run.run();
  } finally {
    run.dispose();
  }
}

class RealRun {
  private readonly topology: Topology;
  private readonly network: BroadcastNetwork;
  private readonly procs = new Map<NodeId, Proc>();
  private readonly trace: TraceEvent[] = [];
  private readonly roles: Map<string, RoleSource>;
  private readonly dir = mkdtempSync(join(tmpdir(), 'playground-real-'));
  private readonly initialLinks: NetChange[];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly speed: number;
  private readonly until: number;
  private origin = 0;
  private finishing = false;
  private ctx: FaultContext;
  private readonly pool: ProcessPool;

  constructor(private readonly options: RealRunOptions) {
    const { scenario } = options;
    this.speed = options.speed ?? 1;
    // A lesson whose nodes spawn others (a role that starts with no node) may start several at once.
    this.pool = new ProcessPool(
      options.runner,
      Object.values(scenario.roles).some((r) => r.count === 0) ? 3 : 1,
    );
    this.until = options.until ?? scenario.until;
    this.roles = new Map(options.roles.map((r) => [r.role, r]));
    for (const role of Object.keys(scenario.roles)) {
      if (!this.roles.has(role)) throw new RealModeError(`no code for role '${role}'`);
    }
    this.topology = Topology.fromScenario(scenario);
    // The scenario's own link overrides are part of every node's starting filter, not changes.
    this.initialLinks = expandLinks(this.topology, scenario);
    this.network = new BroadcastNetwork(options.seed, scenario, (change) =>
      this.toAll({ type: 'net', change }),
    );
    for (const change of this.initialLinks)
      if (change.op === 'link') this.network.setLink(change.from, change.to, change.spec);
    this.ctx = {
      topology: this.topology,
      network: this.network,
      record: (event) => this.trace.push(event),
      forgetRuntime: (node) => this.kill(node.id),
      releaseHeld: (node) => this.procs.get(node.id)?.child.kill('SIGCONT'),
    };
  }

  async run(): Promise<RealRunResult> {
    const nodes = this.topology.nodes.slice();
    // As in the simulation: the initial nodes are in the trace at t=0, so checks and views need no side list.
    for (const node of nodes) this.trace.push({ t: 0, kind: 'spawn', node: node.id, role: node.role });
    this.say(`starting ${nodes.length} node processes: ${nodes.map((n) => n.id).join(', ')}`);
    await Promise.all(nodes.map((node) => this.start(node)));
    this.origin = performance.timeOrigin + performance.now();
    for (const node of nodes) this.boot(node);
    this.say(
      `all up (pids ${this.pool.pids.join(' ')}); running to ${this.until} ms at ${this.speed}x (${Math.round(this.until / this.speed)} ms real)`,
    );
    const faults = [...(this.options.scenario.faults ?? []), ...this.drawn()].sort((a, b) => a.at - b.at);
    for (const fault of faults) {
      if (fault.at >= this.until) continue;
      this.timers.push(setTimeout(() => this.fault(fault), this.realDelay(fault.at)));
    }
    await new Promise<void>((resolve) => this.timers.push(setTimeout(resolve, this.realDelay(this.until))));
    await this.finish();
    return this.result();
  }

  /**
   * The scenario's nemesis drawn for this seed exactly as the kernel draws it (same streams, same initial
   * nodes, same normal links), recorded as the same `nemesis` event at t=0: a check that reads the draws
   * (`drawnFaults`) sees what really happened, and the faults then happen for real like declared ones.
   */
  private drawn(): FaultSpec[] {
    const { nemesis } = this.options.scenario;
    if (!nemesis || nemesis.length === 0) return [];
    const faults = drawNemesis(nemesis, this.options.seed, {
      nodesNamed: (name) => this.topology.expand(name).map((n) => n.id),
      link: (from, to) => this.network.link(from, to),
    });
    this.trace.push({ t: 0, kind: 'nemesis', faults });
    return faults;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.pool.dispose();
    for (const { child } of this.procs.values()) {
      child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  // ------------------------------------------------------------------------------------------------------
  // Node processes.
  // ------------------------------------------------------------------------------------------------------

  /** Fork the node's process and wait until it compiled its role and listens. */
  private async start(node: SimNode): Promise<void> {
    const role = this.roles.get(node.role)!;
    const defaults = this.options.scenario.network?.defaults;
    const proc: Proc = { child: this.pool.take(), node, expected: false };
    this.procs.set(node.id, proc);
    const port = await startNodeProcess(proc, {
      init: {
        type: 'init',
        id: node.id,
        role,
        seed: this.options.seed,
        network: { ...(defaults ? { defaults } : {}), links: this.initialLinks },
        speed: this.speed,
        port: 0,
      },
      timeoutMs: this.options.startTimeoutMs ?? 15_000,
      onLine: (line) => this.say(`[${node.id}] ${line}`),
      onMessage: (message) => this.onMessage(proc, message),
      onExit: (why) => {
        if (this.procs.get(node.id) === proc) this.procs.delete(node.id);
        if (!proc.expected && !this.finishing && node.status === 'up') {
          crashNode(this.ctx, node, this.now(), `its process exited (${why})`);
          this.address(node.id, 'crashed');
        }
      },
    });
    this.address(node.id, `http://127.0.0.1:${port}`);
  }

  private boot(node: SimNode): void {
    const proc = this.procs.get(node.id);
    if (!proc) return;
    node.bootAt = null;
    this.send(proc.child, {
      type: 'boot',
      origin: this.origin,
      addresses: this.addresses,
      boot: {
        role: node.role,
        index: node.index,
        seed: mixSeed(this.options.seed, 'node', node.id, node.incarnation),
        incarnation: node.incarnation,
        storage: readStorage(this.storageFile(node.id)),
        peers: this.topology.peersOf(node.id),
      },
    });
  }

  private onMessage(proc: Proc, message: NodeToLauncher): void {
    const node = proc.node;
    switch (message.type) {
      case 'trace':
        for (const event of message.events) {
          if (event.kind === 'state') node.state = event.state as SimNode['state'];
          this.trace.push(event);
        }
        if (applyStorageEvents(node.storage, message.events))
          writeStorage(this.storageFile(node.id), node.storage);
        return;
      case 'fatal':
        crashNode(this.ctx, node, message.t, message.reason);
        this.say(`${node.id} crashed: ${message.reason}`);
        return;
      case 'spawn':
        return void this.spawn(node, message);
      case 'stop':
        return this.stopNode(node, message.id, message.t);
      default:
        return;
    }
  }

  private async spawn(parent: SimNode, request: Extract<NodeToLauncher, { type: 'spawn' }>): Promise<void> {
    const { id, role, t } = request;
    if (this.finishing) return;
    if (!this.roles.has(role) || this.topology.get(id)) {
      const why = this.topology.get(id)
        ? `a node named '${id}' already exists`
        : `there is no role '${role}'`;
      this.trace.push({ t, kind: 'error', node: parent.id, message: `spawn failed: ${why}` });
      return;
    }
    const node = this.topology.add(id, role, t);
    node.storage = request.storage ?? {};
    writeStorage(this.storageFile(id), node.storage);
    this.trace.push({ t: this.now(), kind: 'spawn', node: id, role, parent: parent.id });
    this.say(`${parent.id} spawned ${id}`);
    try {
      await this.start(node);
    } catch (error) {
      // Stopped or crashed before it was up is the run's business, not a failure to report.
      if (node.status === 'up') this.say((error as Error).message);
      return;
    }
    this.boot(node);
    this.announceMembership();
  }

  private stopNode(by: SimNode, id: NodeId, t: number): void {
    const node = this.topology.get(id);
    if (!node || node.status === 'stopped') return;
    node.status = 'stopped';
    this.trace.push({ t, kind: 'stop', node: id, by: by.id });
    this.address(id, 'stopped');
    const proc = this.procs.get(id);
    if (proc) {
      proc.expected = true;
      proc.child.kill('SIGKILL');
    }
    this.announceMembership();
  }

  private announceMembership(): void {
    for (const node of this.topology.nodes) {
      const proc = this.procs.get(node.id);
      if (proc && node.status !== 'stopped')
        this.send(proc.child, { type: 'membership', peers: this.topology.peersOf(node.id) });
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Faults, for real.
  // ------------------------------------------------------------------------------------------------------

  private fault(fault: FaultSpec): void {
    if (this.finishing) return;
    // A real timer may fire a hair early. Acting early while recording the asked-for time would let the
    // trace show, say, a resumed node's delivery before its resume: so wait out the rest, then act.
    const early = this.realDelay(fault.at);
    if (early > 0) {
      this.timers.push(setTimeout(() => this.fault(fault), Math.ceil(early)));
      return;
    }
    const before = new Map(
      this.topology.nodes.map((n) => [n.id, { status: n.status, offset: n.clockOffset }]),
    );
    // The kernel's verbs decide what the fault means and record it; we then make it happen.
    applyFault(this.ctx, { ...fault, at: Math.max(this.now(), fault.at) } as FaultSpec);
    this.say(`${Math.round(this.now())} ms: ${fault.kind} ${'node' in fault ? fault.node : ''}`.trimEnd());
    for (const node of this.topology.nodes) {
      const was = before.get(node.id);
      if (!was) continue;
      const proc = this.procs.get(node.id);
      if (was.status === 'up' && node.status === 'paused') proc?.child.kill('SIGSTOP');
      if (was.offset !== node.clockOffset && proc)
        this.send(proc.child, { type: 'skew', offsetMs: node.clockOffset });
      if (was.status === 'crashed' && node.status === 'up') void this.restart(node);
    }
  }

  private async restart(node: SimNode): Promise<void> {
    try {
      await this.start(node);
    } catch (error) {
      if (node.status === 'up') this.say((error as Error).message);
      return;
    }
    if (node.status === 'up' && !this.finishing) this.boot(node);
  }

  /** Crash: the process dies at once (SIGKILL: no goodbye, no flush), its memory with it. */
  private kill(id: NodeId): void {
    this.address(id, 'crashed');
    const proc = this.procs.get(id);
    if (!proc) return;
    proc.expected = true;
    proc.child.kill('SIGKILL');
    this.procs.delete(id);
  }

  // ------------------------------------------------------------------------------------------------------
  // The end.
  // ------------------------------------------------------------------------------------------------------

  private async finish(): Promise<void> {
    this.finishing = true;
    this.pool.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    const exits = [...this.procs.values()].map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
        }),
    );
    for (const proc of this.procs.values()) {
      proc.expected = true;
      proc.child.kill('SIGCONT');
      this.send(proc.child, { type: 'finish' });
    }
    const grace = new Promise<void>((resolve) => this.timers.push(setTimeout(resolve, 3000)));
    await Promise.race([Promise.all(exits), grace]);
  }

  private result(): RealRunResult {
    const result = realResult(
      this.options.scenario.id ?? '',
      this.options.seed,
      this.until,
      this.trace,
      this.topology,
    );
    this.say(`done: ${result.trace.length} trace events from ${this.pool.pids.length} processes`);
    return { ...result, pids: this.pool.pids };
  }

  // ------------------------------------------------------------------------------------------------------

  private readonly addresses: AddressBook = {};

  private address(id: NodeId, where: AddressBook[string]): void {
    this.addresses[id] = where;
    if (this.origin > 0) this.toAll({ type: 'addresses', addresses: this.addresses });
  }

  private toAll(message: LauncherToNode): void {
    for (const { child } of this.procs.values()) this.send(child, message);
  }

  private send(child: ChildProcess, message: LauncherToNode): void {
    // A child can die between the check and the write (EPIPE): its exit is handled where it exits.
    if (child.connected) child.send(message, () => {});
  }

  private now(): number {
    return Math.round((performance.timeOrigin + performance.now() - this.origin) * this.speed * 100) / 100;
  }

  private realDelay(at: number): number {
    return Math.max(0, this.origin + at / this.speed - (performance.timeOrigin + performance.now()));
  }

  private storageFile(id: NodeId): string {
    return join(this.dir, `${id.replace(/[^\w.-]/g, '_')}.json`);
  }

  private say(line: string): void {
    this.options.progress?.(line);
  }
}
