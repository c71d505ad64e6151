/**
 * The engine as the main thread sees it: a kernel Worker to drive through Comlink, and the node Workers it
 * asks for, started in a sandboxed node frame of their own (node-frame.ts; the dev server: plain Workers).
 * The main thread only creates Workers and wires ports; it never relays node traffic, so the
 * page stays responsive whatever the nodes do.
 *
 * ```ts
 * const engine = createBrowserEngine();
 * const loaded = await engine.control.load({ scenario, roles, seed: 1 });
 * if (!loaded.ok) showErrors(loaded.errors);
 * const chunk = await engine.control.advance(500); // trace events of [0, 500] virtual ms
 * await engine.dispose();
 * ```
 */
import * as Comlink from 'comlink';
import type { KernelWorkerApi } from './kernel-worker';
import type { NodeProvider } from './node-wire';
import { createNodeFrame, FRAMED, nodeWorkerUrl, type NodeFrame } from './node-frame';
import { createNodeWorkers } from './node-workers';
import { directSpawner, framedSpawner } from './node-spawner';
import { NODE_BATCH_BUDGET_MS } from './watchdog-text';

export interface BrowserEngineOptions {
  /** Wall-clock ms a node may spend on one batch before it is killed as an infinite loop. Default NODE_BATCH_BUDGET_MS. */
  budgetMs?: number;
}

/** The control API of the kernel Worker (everything but its one-time `init`). */
export type EngineControl = Comlink.Remote<Omit<KernelWorkerApi, 'init'>>;

export interface BrowserEngine {
  /**
   * Drive the kernel: `load` a run (roles, scenario, seed; compile errors come back), `advance(toMs)` /
   * `step()` for trace chunks, `inject` faults, `traceHash`. Calls are served in order. Loading another
   * run ends the node Workers of the last one (each run starts from fresh realms).
   */
  control: EngineControl;
  /** How many node Workers are alive (one per node that has run; a killed node's Worker is gone). */
  nodeWorkerCount(): number;
  /** Stop the run and terminate the kernel Worker and every node Worker. The engine is unusable after. */
  dispose(): Promise<void>;
}

/** Start a kernel Worker; node Workers are created when the kernel first needs each node. */
export function createBrowserEngine(options: BrowserEngineOptions = {}): BrowserEngine {
  const kernel = new Worker(new URL('./kernel-worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<KernelWorkerApi>(kernel);
  const frame: NodeFrame | undefined = FRAMED ? createNodeFrame() : undefined;
  const nodes = createNodeWorkers(frame ? framedSpawner(frame.port) : directSpawner(nodeWorkerUrl));

  const provider: NodeProvider = {
    watchLost(listener) {
      nodes.onLost(listener);
    },
    watchFrame(listener) {
      nodes.onFrame(listener);
    },
    async openNode(nodeId) {
      const port = nodes.open(nodeId);
      return Comlink.transfer(port, [port]);
    },
    async terminateNode(nodeId) {
      nodes.terminate(nodeId);
    },
  };
  void remote.init(Comlink.proxy(provider), { budgetMs: options.budgetMs });

  let disposed = false;
  return {
    control: remote,
    nodeWorkerCount: () => nodes.count(),
    async dispose() {
      if (disposed) return;
      disposed = true;
      // A kernel stuck on a spinning node answers within the watchdog budget; do not wait longer than that.
      const budget = (options.budgetMs ?? NODE_BATCH_BUDGET_MS) + 500;
      await Promise.race([remote.dispose(), new Promise((resolve) => setTimeout(resolve, budget))]).catch(
        () => undefined,
      );
      remote[Comlink.releaseProxy]();
      kernel.terminate();
      nodes.terminateAll();
      frame?.dispose();
    },
  };
}
