/**
 * Runs a lesson's checkers over many seeds, headless, off the main thread. The learner's code runs here
 * in-process (one fresh host per seed); the page terminates this Worker if it takes too long.
 */
import * as Comlink from 'comlink';
import { GuardedHost } from '../../workers/host/guarded-host';
import { checkScenario } from '../../workers/host/headless';
import { InProcessHost } from '../../workers/host/in-process-host';
import { CHECK_PROGRESS } from './progress';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

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
  /** The exercise's scenario and checks, by their paths under `lessons/` (the course parser says which). */
  async check(scenarioPath: string, checksPath: string, roles: RoleSource[], seeds: number[]) {
    const scenario = await load(scenarios, scenarioPath);
    const checks = await load(checkModules, checksPath);
    // Before each node's batch, tell the page which node runs (and where): if that node never returns (an
    // infinite loop), the page kills this Worker and names it. One short post per batch is cheap here.
    const host = () =>
      new GuardedHost(new InProcessHost(), (doing) => postMessage({ [CHECK_PROGRESS]: doing }));
    return checkScenario({ ...scenario, checks }, roles, seeds, host, {
      onSeed: (done, total) => postMessage({ [CHECK_PROGRESS]: undefined, seeds: { done, total } }),
    });
  },
};

export type CheckWorkerApi = typeof checkWorkerApi;

Comlink.expose(checkWorkerApi);
