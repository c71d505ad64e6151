/**
 * The engine harness page (test builds only): the browser engine (kernel Worker + one Worker per node) with no
 * UI, driven by Playwright through `window.__engineHarness`.
 */
import type { LoadError, RoleSource, TraceEvent } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';
import type { RunStats } from '../../workers/kernel/simulation';
import { createBrowserEngine, type BrowserEngine } from '../../workers/host/browser-engine';
import { harnessScenarios } from './scenarios';

export interface HarnessRunOptions {
  /** A scenario of `harnessScenarios`, or an inline one (then `roles` is required). */
  scenarioId?: string;
  scenario?: ScenarioData;
  roles?: RoleSource[];
  seed: number;
  /** Run length in virtual ms; default the scenario's `until`. */
  until?: number;
  /** Watchdog budget; a new engine is made when it differs from the current one's. */
  budgetMs?: number;
}

export type HarnessRunResult =
  | {
      ok: true;
      hash: string;
      events: TraceEvent[];
      messages: RunStats['messages'];
      virtualMs: number;
      /** Wall-clock ms the run took in the page. */
      wallMs: number;
      /** Longest gap between main-thread ticks (16 ms interval) during the run: page responsiveness. */
      maxMainThreadGapMs: number;
      nodeWorkers: number;
    }
  | { ok: false; errors: LoadError[] };

export interface EngineHarness {
  run(options: HarnessRunOptions): Promise<HarnessRunResult>;
  dispose(): Promise<void>;
}

let engine: BrowserEngine | null = null;
let engineBudget: number | undefined;

function engineFor(budgetMs: number | undefined): BrowserEngine {
  if (engine && engineBudget === budgetMs) return engine;
  void engine?.dispose();
  engineBudget = budgetMs;
  engine = createBrowserEngine(budgetMs === undefined ? {} : { budgetMs });
  return engine;
}

async function run(options: HarnessRunOptions): Promise<HarnessRunResult> {
  const named = options.scenarioId === undefined ? undefined : harnessScenarios[options.scenarioId];
  if (options.scenarioId !== undefined && !named) throw new Error(`unknown scenario '${options.scenarioId}'`);
  const base = options.scenario ?? named?.scenario;
  const roles = options.roles ?? named?.roles;
  if (!base || !roles) throw new Error('run: give a scenarioId, or a scenario and its roles');
  const scenario = { ...base, until: options.until ?? base.until };

  const { control, nodeWorkerCount } = engineFor(options.budgetMs);
  let maxGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 16);
  const started = performance.now();
  try {
    const loaded = await control.load({ scenario, roles, seed: options.seed });
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    let chunk = await control.advance(scenario.until);
    let events: TraceEvent[] = chunk.events;
    while (!chunk.finished && chunk.virtualMs < scenario.until) {
      chunk = await control.advance(scenario.until);
      events = events.concat(chunk.events);
    }
    const [hash, stats] = await Promise.all([control.traceHash(), control.stats()]);
    return {
      ok: true,
      hash,
      events,
      messages: stats.messages,
      virtualMs: chunk.virtualMs,
      wallMs: performance.now() - started,
      maxMainThreadGapMs: Math.max(maxGap, performance.now() - last),
      nodeWorkers: nodeWorkerCount(),
    };
  } finally {
    clearInterval(ticker);
  }
}

const harness: EngineHarness = {
  run,
  async dispose() {
    await engine?.dispose();
    engine = null;
  },
};

declare global {
  interface Window {
    __engineHarness: EngineHarness;
  }
}

window.__engineHarness = harness;
