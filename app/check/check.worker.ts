/**
 * Runs a lesson's checkers over many seeds, headless, off the main thread. The learner's code runs here
 * in-process (one fresh host per seed); the page terminates this Worker if it takes too long.
 */
import * as Comlink from 'comlink';
import { checkScenario } from '../../workers/host/headless';
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Check, Scenario } from '../../workers/kernel/scenario';

const scenarios = import.meta.glob<Scenario>('/lessons/*/*/scenario.ts', { import: 'default' });
const checkModules = import.meta.glob<Check[]>('/lessons/*/*/checks.ts', { import: 'default' });

async function load<T>(modules: Record<string, () => Promise<T>>, path: string): Promise<T> {
  const loader = modules[path];
  if (!loader) throw new Error(`${path.slice(1)} is missing`);
  return loader();
}

export const checkWorkerApi = {
  async check(lessonFolder: string, roles: RoleSource[], seeds: number[]) {
    const scenario = await load(scenarios, `/lessons/${lessonFolder}/scenario.ts`);
    const checks = await load(checkModules, `/lessons/${lessonFolder}/checks.ts`);
    return checkScenario({ ...scenario, checks }, roles, seeds);
  },
};

export type CheckWorkerApi = typeof checkWorkerApi;

Comlink.expose(checkWorkerApi);
