/**
 * Runs a lesson's checkers over many seeds, headless, off the main thread. The learner's code runs here
 * in-process (one fresh host per seed); the page terminates this Worker if it takes too long.
 */
import * as Comlink from 'comlink';
import { GuardedHost } from '../../workers/host/guarded-host';
import { checkScenario } from '../../workers/host/headless';
import { InProcessHost } from '../../workers/host/in-process-host';
import { CHECK_PROGRESS } from './progress';
import { reportUnhandledRejection } from '../../workers/runtime/node-runtime';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

// Learner code's unhandled rejections are errors of the node that ran (GuardedHost runs one at a time).
addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  reportUnhandledRejection(event.reason);
});

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
  const loader = modules[path];
  if (!loader) throw new Error(`${path.slice(1)} is missing`);
  return loader();
}

export const checkWorkerApi = {
  /** `exerciseDir`: the lesson's folder, or a step's (`.../steps/2`), whose scenario may be the lesson's. */
  async check(exerciseDir: string, roles: RoleSource[], seeds: number[]) {
    const ownScenario = `/lessons/${exerciseDir}/scenario.ts`;
    const lessonScenario = `/lessons/${exerciseDir.replace(/\/steps\/\d+$/, '')}/scenario.ts`;
    const scenario = await load(scenarios, ownScenario in scenarios ? ownScenario : lessonScenario);
    const checks = await load(checkModules, `/lessons/${exerciseDir}/checks.ts`);
    // Before each node's batch, tell the page which node runs (and where): if that node never returns (an
    // infinite loop), the page kills this Worker and names it. One short post per batch is cheap here.
    const host = () =>
      new GuardedHost(new InProcessHost(), (doing) => postMessage({ [CHECK_PROGRESS]: doing }));
    return checkScenario({ ...scenario, checks }, roles, seeds, host);
  },
};

export type CheckWorkerApi = typeof checkWorkerApi;

Comlink.expose(checkWorkerApi);
