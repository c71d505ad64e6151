/**
 * The kernel Worker entry: a Simulation driven through the WorkerHost, exposed to the main thread with
 * Comlink as a `KernelControl` (control plane only). Calls are served one at a time, in order, so a `load`
 * that arrives during an `advance` waits for it instead of racing it.
 */
import * as Comlink from 'comlink';
import type { FaultSpec } from '../kernel/protocol';
import { Simulation, type RunStats } from '../kernel/simulation';
import type { KernelControl, LoadResult, RunConfig, TraceChunk } from './control-api';
import type { NodeProvider } from './node-wire';
import { WorkerHost, type WorkerHostOptions } from './worker-host';

/** What the kernel Worker exposes: the control API, plus set-up and a few numbers for tests and benchmarks. */
export interface KernelWorkerApi extends KernelControl {
  /** Hand the kernel its way to node Workers (a `Comlink.proxy` from the main thread). Call once, first. */
  init(provider: NodeProvider, options?: WorkerHostOptions): void;
  /** Message counts of the current run. */
  stats(): Promise<RunStats>;
  /** Run until `toMs` like `advance`, without shipping the events (the benchmark's view of a run). */
  runQuietly(toMs: number): Promise<{ virtualMs: number; finished: boolean; stats: RunStats }>;
}

class KernelService implements KernelWorkerApi {
  private host: WorkerHost | null = null;
  private sim: Simulation | null = null;
  /** Trace index of the first event not yet sent in a chunk. */
  private sent = 0;
  private turn: Promise<unknown> = Promise.resolve();

  init(provider: NodeProvider, options?: WorkerHostOptions): void {
    // `provider` is the page's, through Comlink: a listener crosses as a proxy.
    const local: NodeProvider = {
      openNode: (nodeId) => provider.openNode(nodeId),
      terminateNode: (nodeId) => provider.terminateNode(nodeId),
      watchLost: (listener) => void provider.watchLost?.(Comlink.proxy(listener)),
      watchFrame: (listener) => void provider.watchFrame?.(Comlink.proxy(listener)),
    };
    this.host = new WorkerHost(local, options);
  }

  load(config: RunConfig): Promise<LoadResult> {
    return this.serial(async () => {
      if (!this.host) throw new Error('kernel Worker: init(provider) first');
      this.sim = null;
      const made = await Simulation.create(
        { scenario: config.scenario, seed: config.seed, host: this.host },
        config.roles,
      );
      if (!made.ok) return { ok: false, errors: made.errors };
      this.sim = made.sim;
      this.sent = 0;
      return { ok: true, nodes: made.sim.nodes() };
    });
  }

  advance(toMs: number): Promise<TraceChunk> {
    return this.serial(async () => {
      const sim = this.running();
      await sim.runUntil(toMs);
      return this.chunk(sim);
    });
  }

  step(): Promise<TraceChunk> {
    return this.serial(async () => {
      const sim = this.running();
      const before = sim.trace.length;
      while (sim.trace.length === before && (await sim.step()));
      return this.chunk(sim);
    });
  }

  inject(fault: FaultSpec): Promise<void> {
    return this.serial(async () => this.running().inject(fault));
  }

  traceHash(): Promise<string> {
    return this.serial(async () => this.running().trace.hash());
  }

  stats(): Promise<RunStats> {
    return this.serial(async () => this.running().stats());
  }

  runQuietly(toMs: number): Promise<{ virtualMs: number; finished: boolean; stats: RunStats }> {
    return this.serial(async () => {
      const sim = this.running();
      await sim.runUntil(toMs);
      return { virtualMs: sim.now, finished: sim.finished, stats: sim.stats() };
    });
  }

  dispose(): Promise<void> {
    return this.serial(async () => {
      this.sim = null;
      await this.host?.dispose();
      this.host = null;
    });
  }

  private running(): Simulation {
    if (!this.sim) throw new Error('kernel Worker: no run loaded');
    return this.sim;
  }

  private chunk(sim: Simulation): TraceChunk {
    const from = this.sent;
    const events = sim.trace.since(from);
    this.sent = from + events.length;
    return { from, events, virtualMs: sim.now, finished: sim.finished, nodes: sim.nodes() };
  }

  /** Run `task` after every earlier call has settled. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.turn.then(task);
    this.turn = result.catch(() => undefined);
    return result;
  }
}

Comlink.expose(new KernelService());
