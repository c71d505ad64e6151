/**
 * Runs a lesson's checkers over many seeds, off the main thread. The learner's code never runs here: each
 * node runs in a node Worker of its own, created from this Worker (one WorkerHost per seed; the Workers are
 * pooled across seeds, and one goes back to the pool only if its realm is untouched: node-workers.ts), and
 * this Worker only runs the kernel and the checkers. So learner code can
 * neither reach the verdict (or the `postMessage` that carries it) nor another node's realm, and a run gives
 * the trace of the Run button (one Worker per node there too) and of Node (one realm per node, VmHost).
 * A Worker cannot make an iframe: the page owns this Worker's sandboxed node frame (node-frame.ts) and
 * hands over its control port, so the node Workers start there (opaque origins, no network) as in a Run.
 * The page terminates this Worker and removes the frame, and with it every node Worker, if a node stops
 * making progress.
 */
import * as Comlink from 'comlink';
import { GuardedHost } from '../../workers/host/guarded-host';
import { checkScenario } from '../../workers/host/headless';
import nodeWorkerUrl from '../../workers/host/node-worker.ts?worker&url';
import { createNodeWorkerPool } from '../../workers/host/node-workers';
import { directSpawner, framedSpawner } from '../../workers/host/node-spawner';
import { shrinkFailingSeed } from '../../workers/host/shrink';
import { BOOT_BATCH_BUDGET_MS } from '../../workers/host/watchdog-text';
import { WorkerHost } from '../../workers/host/worker-host';
import { CHECK_PROGRESS } from './progress';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

/**
 * A node Worker silent this long is killed by the host. The page's watchdog (it names the node) must fire
 * first: after 3 s for a handler, after BOOT_BATCH_BUDGET_MS for a node starting, so this is longer than both.
 */
const WORKER_BUDGET_MS = BOOT_BATCH_BUDGET_MS + 5_000;

const scenarios = import.meta.glob<Scenario>(
  ['/lessons/*/*/scenario.ts', '/lessons/*/*/steps/*/scenario.ts'],
  {
    import: 'default',
  },
);
const checkModules = import.meta.glob<Check[]>(['/lessons/*/*/checks.ts', '/lessons/*/*/steps/*/checks.ts'], {
  import: 'default',
});

async function load<T>(modules: Record<string, () => Promise<T>>, path: string): Promise<T> {
  const loader = modules[`/lessons/${path}`];
  if (!loader) throw new Error(`lessons/${path} is missing`);
  return loader();
}

export const checkWorkerApi = {
  /**
   * The exercise's scenario and checks, by their paths under `lessons/` (the course parser says which).
   * `frame`: the control port of the node frame the page made for this Worker (none on the dev server).
   */
  async check(
    scenarioPath: string,
    checksPath: string,
    roles: RoleSource[],
    seeds: number[],
    frame: MessagePort | undefined,
  ) {
    const scenario = await load(scenarios, scenarioPath);
    const checks = await load(checkModules, checksPath);
    const pool = poolFor(frame);
    try {
      const outcome = await checkScenario({ ...scenario, checks }, roles, seeds, guardedHosts(pool), {
        onSeed: (done, total) => postMessage({ [CHECK_PROGRESS]: undefined, seeds: { done, total } }),
      });
      return { ...outcome, workersStarted: pool.created() };
    } finally {
      pool.terminateAll();
    }
  },

  /** A failing seed's drawn faults shrunk to a few that still fail `checkName` (workers/host/shrink.ts). */
  async shrink(
    scenarioPath: string,
    checksPath: string,
    roles: RoleSource[],
    seed: number,
    checkName: string,
    frame: MessagePort | undefined,
  ) {
    const scenario = await load(scenarios, scenarioPath);
    const checks = await load(checkModules, checksPath);
    const pool = poolFor(frame);
    try {
      const shrunk = await shrinkFailingSeed(
        { ...scenario, checks },
        roles,
        seed,
        checkName,
        guardedHosts(pool),
      );
      return { shrunk };
    } finally {
      pool.terminateAll();
    }
  },
};

/** Node Workers start in the page's sandboxed frame when it gave one (none on the dev server). */
function poolFor(frame: MessagePort | undefined) {
  return createNodeWorkerPool(frame ? framedSpawner(frame) : directSpawner(nodeWorkerUrl));
}

/**
 * Hosts for one seed's run each, from one pool (each seed's nodes take Workers whose realms are still
 * untouched). Before each node's batch they tell the page which node runs (and where): if that node never
 * returns (an infinite loop), the page kills this Worker and names it. One short post per batch is cheap.
 */
function guardedHosts(pool: ReturnType<typeof createNodeWorkerPool>) {
  return () => {
    // The page's watchdog (it names the node) fires before the host's own one would.
    const inner = new WorkerHost(pool.provider(), { budgetMs: WORKER_BUDGET_MS });
    // '' when the run is over: the page's watchdog does not count the checkers' time.
    return new GuardedHost(
      inner,
      (doing) => postMessage({ [CHECK_PROGRESS]: doing }),
      () => postMessage({ [CHECK_PROGRESS]: '' }),
    );
  };
}

export type CheckWorkerApi = typeof checkWorkerApi;

Comlink.expose(checkWorkerApi);
