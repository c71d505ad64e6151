/**
 * Runs a lesson's checkers over many seeds, off the main thread. The learner's code never runs here.
 *
 * On the built site a share of seeds first runs sealed (runSealed.ts): kernel, nodes and checkers in one
 * Worker of the page's sandboxed node frame, each node boot's role code in a Compartment of a locked-down
 * realm, which is several times faster than a Worker per node. Whatever it does not vouch for (seeds after it
 * stopped, seeds where role code threw, everything on the dev server) runs here as before: each node in a node
 * Worker of its own (one WorkerHost per seed; the Workers are pooled across seeds, and one goes back to the
 * pool only if its realm is untouched: node-workers.ts), this Worker running only the kernel and the checkers.
 * Either way learner code can neither reach the verdict (or the `postMessage` that carries it) nor another
 * node's realm, and a run gives the trace of the Run button and of Node (one realm per node, VmHost).
 * A Worker cannot make an iframe: the page owns this Worker's sandboxed node frame (node-frame.ts) and hands
 * over its control port, so every Worker starts there (opaque origins, no network) as in a Run. The page
 * terminates this Worker and removes the frame, and with it every Worker in it, if a node stops making progress.
 */
import * as Comlink from 'comlink';
import { GuardedHost } from '../../workers/host/guarded-host';
import { checkScenario } from '../../workers/host/headless';
import nodeWorkerUrl from '../../workers/host/node-worker.ts?worker&url';
import { createNodeWorkerPool } from '../../workers/host/node-workers';
import { directSpawner, framedSpawner, type NodeSpawner } from '../../workers/host/node-spawner';
import { shrinkFailingSeed } from '../../workers/host/shrink';
import { runSealed, type SealedRequest, type SealedShare } from './runSealed';
import sealedWorkerUrl from './sealed-check.worker.ts?worker&url';
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
   * `frame`: the control port of the node frame the page made for this Worker (none on the dev server);
   * `sealed`: false to run every seed on node Workers (the test build's baseline).
   */
  async check(
    scenarioPath: string,
    checksPath: string,
    roles: RoleSource[],
    seeds: number[],
    frame: MessagePort | undefined,
    sealed = true,
  ) {
    const scenario = await load(scenarios, scenarioPath);
    const checks = await load(checkModules, checksPath);
    const spawner = spawnerFor(frame);
    const pool = createNodeWorkerPool(spawner);
    const progress = (done: number) =>
      postMessage({ [CHECK_PROGRESS]: undefined, seeds: { done, total: seeds.length } });
    try {
      // Sealed first (the built site): the whole share in one Worker of the frame. '' tells the page's
      // watchdog that no node runs here meanwhile: runSealed watches that Worker itself.
      let share: SealedShare = { results: new Map() };
      if (frame && sealed) {
        postMessage({ [CHECK_PROGRESS]: '' });
        const job = { mode: 'check' as const, scenarioPath, checksPath, roles, seeds };
        share = await sealedRun(spawner, job, progress);
      }
      if (share.stopped !== undefined)
        console.info(`sealed check: ${share.stopped}; going on with node Workers`);
      // What the sealed Worker did not vouch for (all of it on the dev server) runs on node Workers.
      const rest = seeds.filter((seed) => !share.results.has(seed));
      const kept = share.results.size;
      const outcome = await checkScenario({ ...scenario, checks }, roles, rest, guardedHosts(pool), {
        onSeed: (done) => progress(kept + done),
      });
      if (!outcome.ok) return outcome;
      const bySeed = new Map(share.results);
      for (const result of outcome.results)
        bySeed.set(result.seed, [...(bySeed.get(result.seed) ?? []), result]);
      return {
        ok: true as const,
        results: seeds.flatMap((seed) => bySeed.get(seed) ?? []),
        workersStarted: pool.created(),
        sealedSeeds: kept,
      };
    } finally {
      pool.terminateAll();
    }
  },

  /**
   * A failing seed's drawn faults shrunk to a few that still fail `checkName` (workers/host/shrink.ts): up
   * to 24 whole runs of the seed, sealed first (as `check`), on node Workers if the sealed answer cannot be kept.
   */
  async shrink(
    scenarioPath: string,
    checksPath: string,
    roles: RoleSource[],
    seed: number,
    checkName: string,
    frame: MessagePort | undefined,
    sealed = true,
  ) {
    const scenario = await load(scenarios, scenarioPath);
    const checks = await load(checkModules, checksPath);
    const spawner = spawnerFor(frame);
    if (frame && sealed) {
      postMessage({ [CHECK_PROGRESS]: '' });
      const job = { mode: 'shrink' as const, scenarioPath, checksPath, roles, seed, checkName };
      const share = await sealedRun(spawner, job);
      if (share.shrunk) return { shrunk: share.shrunk.value };
      console.info(`sealed shrink: ${share.stopped}; going on with node Workers`);
    }
    const pool = createNodeWorkerPool(spawner);
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

/**
 * Node Workers (and the sealed check Worker) start in the page's sandboxed frame when it gave one (none on
 * the dev server). One spawner per frame: it owns the frame's port.
 */
function spawnerFor(frame: MessagePort | undefined) {
  return frame ? framedSpawner(frame) : directSpawner(nodeWorkerUrl);
}

/** A sealed check Worker's share (runSealed.ts); a bundle that does not load is a stop like any other. */
function sealedRun(spawner: NodeSpawner, job: SealedRequest, onSeed?: (kept: number) => void) {
  return sealedSource().then(
    (source) => runSealed(spawner, source, job, onSeed),
    (error: unknown): SealedShare => ({ results: new Map(), stopped: String(error) }),
  );
}

let sealedText: Promise<string> | undefined;
/** The sealed check Worker's bundle as text (one file, no imports), for the frame to start as `data:`. */
function sealedSource(): Promise<string> {
  sealedText ??= fetch(sealedWorkerUrl).then((response) => {
    if (!response.ok) throw new Error(`the sealed check Worker's code did not load (${response.status})`);
    return response.text();
  });
  return sealedText;
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
